package org.poyang.open.impl.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.poyang.platform.rest.ProblemException;
import org.poyang.platform.rest.ProblemType;
import org.poyang.platform.workflow.Case;
import org.poyang.platform.workflow.CaseService;
import org.poyang.platform.workflow.CaseStateException;

/**
 * What the open module's case types (applications, objections, disputes) share: their content as JSON on
 * the case, finding a case of one type, and the problem a refused step becomes.
 */
final class CaseContent {

    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** A step the case's state does not allow (409); also used when someone else just took it. */
    static final ProblemType WRONG_STATE = new ProblemType("application-state", 409, "当前状态不允许此操作",
            "The state does not allow this step");

    private CaseContent() {
    }

    static <D> D read(Case c, Class<D> type) {
        try {
            return JSON.readValue(c.data(), type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable case " + c.id(), e);
        }
    }

    static String write(Object content) {
        try {
            return JSON.writeValueAsString(content);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The case of this type, or 404 naming what was asked for ({@code 申请}/{@code application}, ...). */
    static Case find(CaseService cases, String type, String id, String whatZh, String whatEn) {
        return cases.get(id).filter(c -> c.type().equals(type))
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "没有" + whatZh + " " + id + " (no " + whatEn + " " + id + ")"));
    }

    /** A refused step as the client sees it: 404 for a case that is not there, 409 otherwise. */
    static ProblemException refused(CaseStateException ex) {
        return ex.notFound() ? new ProblemException(ProblemType.NOT_FOUND, ex.getMessage()) : new ProblemException(WRONG_STATE, ex.getMessage());
    }
}
