package org.poyang.open.api;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;
import org.poyang.platform.workflow.CaseEvent;
import org.poyang.security.api.Subject;

/** Disputes over the opening agency (Art. 20), as cases on the platform workflow. */
@ProviderType
public interface Disputes {

    /** An agency's data officer records a dispute with another agency. */
    Dispute file(Subject caller, Dispute.Form form);

    /** A party adds to the negotiation. */
    Dispute negotiate(Subject caller, String id, Dispute.Step step);

    /** A party records the agreement: who opens the data. */
    Dispute agree(Subject caller, String id, Dispute.Step step);

    /** A party escalates to the management department: the parties could not agree. */
    Dispute escalate(Subject caller, String id, Dispute.Step step);

    /** The management department records the expert committee's opinion. */
    Dispute recordOpinion(Subject caller, String id, Dispute.Step step);

    /** The management department decides, after the opinion, who opens the data. */
    Dispute decide(Subject caller, String id, Dispute.Step step);

    /** The claimant withdraws while negotiating. */
    Dispute withdraw(Subject caller, String id, Dispute.Step step);

    /** One dispute: the parties, the management department, supervisors. */
    Dispute get(Subject caller, String id);

    List<CaseEvent> history(Subject caller, String id);

    /** The disputes an agency is party to; with a null agency, all (management department, supervisors). */
    List<Dispute> list(Subject caller, String agency, boolean openOnly, int offset, int limit);
}
