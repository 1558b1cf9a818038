package org.poyang.share.api;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;
import org.poyang.platform.workflow.CaseEvent;
import org.poyang.security.api.Subject;

/**
 * Conditional sharing (有条件共享, Art. 23): a using agency applies; the providing agency answers within 10
 * working days of receipt, approving with conditions (which issues a grant, Art. 24) or refusing with
 * reasons. Each method enforces who may take the step and throws the platform's problem exceptions on
 * bad input or a step the state does not allow.
 */
@ProviderType
public interface ShareApplications {

    /** Submits an application; refused for unconditionally shared data, not-shared data, or without legal duty. */
    ShareApplication apply(Subject s, ShareApplicationForm form);

    ShareApplication get(Subject s, String id);

    List<CaseEvent> history(Subject s, String id);

    /** The caller's agency's applications, newest first. */
    List<ShareApplication> mine(Subject s);

    /** Applications an agency must answer (null: all), for those who oversee them (Art. 23, 41). */
    List<ShareApplication> handled(Subject s, String agency, boolean openOnly, boolean overdueOnly, int offset, int limit);

    ShareApplication requestMaterial(Subject s, String id, String what);

    ShareApplication supplyMaterial(Subject s, String id, String material);

    ShareApplication approve(Subject s, String id, ShareTerms terms);

    ShareApplication refuse(Subject s, String id, String reasons);

    ShareApplication withdraw(Subject s, String id, String reason);
}
