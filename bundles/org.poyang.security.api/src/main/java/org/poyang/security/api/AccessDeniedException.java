package org.poyang.security.api;

import org.poyang.platform.rest.ProblemException;
import org.poyang.platform.rest.ProblemType;

/**
 * A denial of the policy enforcement point, rendered like any problem: 401 with a
 * {@code WWW-Authenticate} challenge when the caller presented no credentials, 403 otherwise, with
 * the reason and the article, and never any of the data asked for.
 */
public class AccessDeniedException extends ProblemException {

    private static final long serialVersionUID = 1L;

    private final transient Decision decision;

    public AccessDeniedException(Subject subject, Decision decision) {
        super(subject.anonymous() ? ProblemType.UNAUTHORIZED : ProblemType.FORBIDDEN, decision.describe());
        this.decision = decision;
        if (subject.anonymous()) {
            withHeader("WWW-Authenticate", "Bearer realm=\"poyang\"");
        }
    }

    public Decision decision() {
        return decision;
    }
}
