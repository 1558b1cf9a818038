package org.poyang.security.api;

import java.util.Objects;

/**
 * One question to the policy enforcement point: may {@code subject} do {@code action} to
 * {@code resource}, relying on {@code grantId} for {@code purpose}, by {@code route}?
 *
 * @param subject  who asks
 * @param action   what for
 * @param resource what, or null
 * @param purpose  the stated purpose (用途), required for shared data (Art. 24), or null
 * @param grantId  the grant relied on (conditional data, Art. 18, 23), or null
 * @param route    the way the data leaves, checked against the grant's routes; null when no data
 *                 leaves or the route does not matter
 */
public record AccessRequest(Subject subject, Action action, Resource resource, String purpose, String grantId, Route route) {

    public AccessRequest {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(action, "action");
    }

    /** A request that does not name a route. */
    public AccessRequest(Subject subject, Action action, Resource resource, String purpose, String grantId) {
        this(subject, action, resource, purpose, grantId, null);
    }

    public static AccessRequest of(Subject subject, Action action) {
        return new AccessRequest(subject, action, null, null, null);
    }

    public static AccessRequest of(Subject subject, Action action, Resource resource) {
        return new AccessRequest(subject, action, resource, null, null);
    }
}
