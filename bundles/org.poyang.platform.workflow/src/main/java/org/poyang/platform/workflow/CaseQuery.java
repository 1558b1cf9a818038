package org.poyang.platform.workflow;

/**
 * Which cases to list; null fields do not filter.
 *
 * @param type        case type name
 * @param handler     who must answer
 * @param subject     who brought them
 * @param resource    the resource concerned
 * @param openOnly    only cases not yet closed
 * @param overdueOnly only overdue cases: open ones past their deadline and, unless {@code openOnly}, those answered late
 * @param offset      cases to skip
 * @param limit       most cases to return
 * @param party       an agency that must answer the case or brought it (handler or the subject's agency)
 */
public record CaseQuery(String type, String handler, String subject, String resource, boolean openOnly, boolean overdueOnly, int offset,
        int limit, String party) {

    /** A query without the party filter. */
    public CaseQuery(String type, String handler, String subject, String resource, boolean openOnly, boolean overdueOnly, int offset,
            int limit) {
        this(type, handler, subject, resource, openOnly, overdueOnly, offset, limit, null);
    }

    public CaseQuery {
        if (offset < 0 || limit < 1) {
            throw new IllegalArgumentException("offset >= 0 and limit >= 1");
        }
    }
}
