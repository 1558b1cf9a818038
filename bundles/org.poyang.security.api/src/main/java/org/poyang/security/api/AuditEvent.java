package org.poyang.security.api;

import java.util.Objects;

/**
 * Something that must be on the audit trail (Art. 30, 35): a data access, an access decision, an
 * administrative action, a login or a denial.
 *
 * @param subject  who acted (account or application id; {@code anonymous} when unauthenticated)
 * @param agency   the subject's agency (credit code), or null
 * @param action   what was done, e.g. {@code catalog.entry.publish}, {@code login}, {@code data.read}
 * @param resource what it was done to, e.g. a resource code, or null
 * @param purpose  the stated purpose (用途) of a data access, or null
 * @param grantId  the grant it relied on, or null
 * @param outcome  how it ended
 * @param detail   a short description (reason of a denial, article applied), or null; at most
 *                 {@value #MAX_DETAIL} characters, longer text is cut
 */
public record AuditEvent(String subject, String agency, String action, String resource, String purpose, String grantId,
        Outcome outcome, String detail) {

    /** Longest detail kept. */
    public static final int MAX_DETAIL = 1000;
    /** Longest subject, agency, action, resource, purpose or grant id kept. */
    public static final int MAX_FIELD = 200;

    /** How an audited action ended. */
    public enum Outcome {
        /** 允许: an access decision that permitted. */
        PERMIT,
        /** 拒绝: an access decision that denied. */
        DENY,
        /** 成功: an action that succeeded. */
        SUCCESS,
        /** 失败: an action that failed. */
        FAILURE
    }

    public AuditEvent {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(outcome, "outcome");
        subject = cut(subject, MAX_FIELD);
        agency = cut(agency, MAX_FIELD);
        action = cut(action, MAX_FIELD);
        resource = cut(resource, MAX_FIELD);
        purpose = cut(purpose, MAX_FIELD);
        grantId = cut(grantId, MAX_FIELD);
        detail = cut(detail, MAX_DETAIL);
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
