package org.poyang.open.api;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;
import org.poyang.platform.workflow.CaseEvent;
import org.poyang.security.api.Subject;

/**
 * Objections to open data (异议, Art. 19): handled by the providing agency within 10 working days; a
 * correction or deletion goes through aggregation, with the record's history; an objection about
 * privacy or personal information takes the record out of every read at once, pending the decision.
 */
@ProviderType
public interface Objections {

    /**
     * Files an objection. Refused: data not in the open catalog, an unknown record, a correction without
     * values or with items the entry does not have, missing description or contact, anonymous callers.
     */
    Objection file(Subject objector, ObjectionForm form);

    /** One objection, for the objector, the providing agency, the management department and supervisors. */
    Objection get(Subject caller, String id);

    /** Every step of an objection, oldest first. */
    List<CaseEvent> history(Subject caller, String id);

    /** The caller's own objections, newest first. */
    List<Objection> mine(Subject caller);

    /** Objections an agency must handle (null agency: every agency's, for the management department and supervisors). */
    List<Objection> handled(Subject caller, String agency, boolean openOnly, boolean overdueOnly, int offset, int limit);

    /** The providing agency's data officers handle it: correct, delete or uphold, with an answer. */
    Objection resolve(Subject caller, String id, ObjectionResolution resolution);

    /** The objector withdraws it; a record taken down comes back. */
    Objection withdraw(Subject caller, String id, String reason);
}
