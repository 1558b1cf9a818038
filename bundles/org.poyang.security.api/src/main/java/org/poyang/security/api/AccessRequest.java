package org.poyang.security.api;

import java.util.Objects;

/**
 * One question to the policy enforcement point: may {@code subject} do {@code action} to
 * {@code resource}, relying on {@code grantId} for {@code purpose}?
 *
 * @param subject  who asks
 * @param action   what for
 * @param resource what, or null
 * @param purpose  the stated purpose (用途), required for shared data (Art. 24), or null
 * @param grantId  the grant relied on (conditional data, Art. 18, 23), or null
 */
public record AccessRequest(Subject subject, Action action, Resource resource, String purpose, String grantId) {

    public AccessRequest {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(action, "action");
    }

    public static AccessRequest of(Subject subject, Action action) {
        return new AccessRequest(subject, action, null, null, null);
    }

    public static AccessRequest of(Subject subject, Action action, Resource resource) {
        return new AccessRequest(subject, action, resource, null, null);
    }
}
