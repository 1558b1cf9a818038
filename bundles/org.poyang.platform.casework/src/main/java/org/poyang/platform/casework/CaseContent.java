package org.poyang.platform.casework;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.List;
import org.poyang.platform.rest.ProblemException;
import org.poyang.platform.rest.ProblemType;
import org.poyang.platform.rest.Violation;
import org.poyang.platform.workflow.Case;
import org.poyang.platform.workflow.CaseQuery;
import org.poyang.platform.workflow.CaseService;
import org.poyang.platform.workflow.CaseStateException;
import org.poyang.platform.workflow.CaseType;
import org.poyang.security.api.AccessRequest;
import org.poyang.security.api.Action;
import org.poyang.security.api.AuditEvent;
import org.poyang.security.api.AuditTrail;
import org.poyang.security.api.PolicyEnforcementPoint;
import org.poyang.security.api.Resource;
import org.poyang.security.api.Subject;

/**
 * What the case types of the open and share modules (applications, objections, disputes, negotiations)
 * share: their content as JSON on the case, finding a case of one type, who may see it, and the problem a
 * refused step becomes.
 */
public final class CaseContent {

    public static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** A step the case's state does not allow (409); also used when someone else just took it. */
    public static final ProblemType WRONG_STATE = new ProblemType("application-state", 409, "当前状态不允许此操作",
            "The state does not allow this step");

    private CaseContent() {
    }

    public static <D> D read(Case c, Class<D> type) {
        try {
            return JSON.readValue(c.data(), type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable case " + c.id(), e);
        }
    }

    public static String write(Object content) {
        try {
            return JSON.writeValueAsString(content);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The case of this type, or 404 naming what was asked for ({@code 申请}/{@code application}, ...). */
    public static Case find(CaseService cases, String type, String id, String whatZh, String whatEn) {
        return cases.get(id).filter(c -> c.type().equals(type))
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "没有" + whatZh + " " + id + " (no " + whatEn + " " + id + ")"));
    }

    /**
     * A case the caller may see: the one who brought it, or whoever oversees the handling agency's cases
     * (the agency, the management department, supervisors; Art. 18, 41).
     */
    public static Case visible(PolicyEnforcementPoint pep, Subject s, Case c) {
        if (s.kind() == Subject.Kind.ACCOUNT && s.id().equals(c.subject())) {
            return c;
        }
        pep.enforce(AccessRequest.of(s, Action.CASE_OVERSEE, new Resource(c.resource(), c.handler(), null, null, null, true)));
        return c;
    }

    /** The caller's own cases of a type, newest first. */
    public static List<Case> mine(CaseService cases, String type, Subject s) {
        if (s.anonymous()) {
            throw new ProblemException(ProblemType.UNAUTHORIZED, "请先登录 (sign in first)");
        }
        return cases.find(new CaseQuery(type, null, s.id(), null, false, false, 0, 500));
    }

    /** The cases of a type an agency must handle (null: every agency's), for those who oversee them. */
    public static List<Case> handled(CaseService cases, PolicyEnforcementPoint pep, String type, Subject s, String agency, boolean openOnly,
            boolean overdueOnly, int offset, int limit) {
        pep.enforce(AccessRequest.of(s, Action.CASE_OVERSEE, new Resource(null, agency, null, null, null, true)));
        return cases.find(new CaseQuery(type, agency, null, null, openOnly, overdueOnly, offset, limit));
    }

    /**
     * Moves a case one step and records the step in the audit trail ({@code action}, the case and its states), or
     * throws the problem a refused step becomes.
     *
     * @param data  the case's new content (written as JSON), or null to keep it
     * @param grant the grant the step issued, for the audit record, or null
     */
    public static Case step(CaseService cases, AuditTrail audit, CaseType type, Case c, String from, String to, Subject s, String note,
            Object data, String grant, String action) {
        try {
            Case moved = cases.move(type, c.id(), from, to, s.id(), note, data == null ? null : write(data));
            audit.record(new AuditEvent(s.id(), s.agency(), action, c.resource(), null, grant, AuditEvent.Outcome.SUCCESS,
                    c.id() + " " + from + " -> " + to));
            return moved;
        } catch (CaseStateException ex) {
            throw refused(ex);
        }
    }

    /** A refused step as the client sees it: 404 for a case that is not there, 409 otherwise. */
    public static ProblemException refused(CaseStateException ex) {
        return ex.notFound() ? new ProblemException(ProblemType.NOT_FOUND, ex.getMessage()) : new ProblemException(WRONG_STATE, ex.getMessage());
    }

    /** A list's {@code state} parameter: {@code open} lists cases not yet answered; {@code all} (or none) every case. */
    public static boolean openOnly(String state) {
        if (state == null || state.isBlank() || state.equalsIgnoreCase("all")) {
            return false;
        }
        if (state.equalsIgnoreCase("open")) {
            return true;
        }
        throw new ProblemException(ProblemType.VALIDATION_FAILED, "state 应为 open 或 all (state must be open or all)",
                List.of(new Violation("state", "取值“" + state + "”无法识别，应为 open 或 all", "unknown value '" + state + "': open or all")));
    }

    /** Checks a list's paging: offset from 0, limit from 1 to 500. */
    public static void paging(int offset, int limit) {
        if (offset < 0 || limit < 1 || limit > 500) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "分页参数无效 (invalid paging)",
                    List.of(new Violation("limit", "offset ≥ 0，limit 在 1 到 500 之间", "offset >= 0 and limit from 1 to 500")));
        }
    }
}
