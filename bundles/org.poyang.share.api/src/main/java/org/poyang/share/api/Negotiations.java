package org.poyang.share.api;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;
import org.poyang.platform.workflow.CaseEvent;
import org.poyang.security.api.Subject;

/**
 * Data not shared (不予共享, Art. 23): a using agency whose legal duty needs such data negotiates with the
 * provider; if they cannot agree, it escalates to the management department, which records its
 * coordination decision. Agreement or a decision to provide issues a grant (Art. 24).
 */
@ProviderType
public interface Negotiations {

    /** Opens a negotiation; the form's route and items say what is needed. */
    Negotiation open(Subject s, ShareApplicationForm form);

    Negotiation get(Subject s, String id);

    List<CaseEvent> history(Subject s, String id);

    /** Negotiations the caller's agency takes part in, newest first. */
    List<Negotiation> mine(Subject s);

    /** Negotiations for the management department and supervisors (escalated ones first). */
    List<Negotiation> all(Subject s, boolean escalatedOnly, int offset, int limit);

    /** The provider agrees to provide on terms. */
    Negotiation agree(Subject s, String id, ShareTerms terms);

    /** The provider declines, with reasons. */
    Negotiation decline(Subject s, String id, String reasons);

    /** The using agency asks the management department to coordinate. */
    Negotiation escalate(Subject s, String id, String reason);

    /** The management department's decision: provide on terms, or not, with reasons either way. */
    Negotiation coordinate(Subject s, String id, boolean provide, String reasons, ShareTerms terms);

    Negotiation withdraw(Subject s, String id, String reason);
}
