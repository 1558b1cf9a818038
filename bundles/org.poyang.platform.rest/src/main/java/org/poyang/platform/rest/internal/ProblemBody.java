package org.poyang.platform.rest.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.poyang.platform.rest.ProblemException;
import org.poyang.platform.rest.ProblemType;
import org.poyang.platform.rest.Violation;

/** JSON shape of an RFC 9457 problem with Poyang's bilingual extension members. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProblemBody(String type, String title, String titleEn, int status, String detail,
        String instance, String incident, List<ViolationBody> violations) {

    /** One violation with Chinese and English messages. */
    public record ViolationBody(String field, String message, String messageEn) {
    }

    static ProblemBody of(ProblemType type, String detail, String instance, String incident, List<Violation> violations) {
        List<ViolationBody> list = violations == null || violations.isEmpty() ? null
                : violations.stream().map(v -> new ViolationBody(v.field(), v.messageZh(), v.messageEn())).toList();
        return new ProblemBody(type.uri(), type.titleZh(), type.titleEn(), type.status(), detail, instance, incident, list);
    }

    static ProblemBody of(ProblemException e, String instance) {
        return of(e.type(), e.detail(), instance, null, e.violations());
    }
}
