package org.poyang.security.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The one policy enforcement point (策略执行点, Art. 29-31, 35): every module asks it before it
 * acts or returns data, and never decides access on its own. Subjects suspended or terminated under
 * Art. 39 are denied everything. Every denial, and every permitted data access, administrative
 * action and supervision step, is recorded on the audit trail before the answer is returned.
 */
@ProviderType
public interface PolicyEnforcementPoint {

    /** Decides and audits as described above. */
    Decision decide(AccessRequest request);

    /**
     * Decides, and throws {@link AccessDeniedException} on a denial.
     *
     * @return the permitting decision
     */
    default Decision enforce(AccessRequest request) {
        Decision d = decide(request);
        if (!d.permit()) {
            throw new AccessDeniedException(request.subject(), d);
        }
        return d;
    }
}
