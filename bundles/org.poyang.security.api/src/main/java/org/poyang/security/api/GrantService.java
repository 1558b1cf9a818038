package org.poyang.security.api;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Grants (授权) of conditional open data (Art. 18) and of conditional or coordinated shared data (Art.
 * 23, 24). Modules issue them when a case ends in approval; the policy enforcement point checks them.
 * Issue and revocation are audited.
 */
@ProviderType
public interface GrantService {

    /**
     * Issues a grant.
     *
     * @throws IllegalArgumentException naming the rule broken (in Chinese and English) when a field is
     *         missing or invalid: no items, no routes, no purpose, a shared-data grant without legal duty,
     *         an expiry in the past
     */
    Grant issue(NewGrant grant, String actor);

    /** The grant with this id. */
    Optional<Grant> get(String id);

    /** Grants held by a login or an agency credit code, newest first. */
    List<Grant> heldBy(String holder);

    /** Grants of one resource, newest first (the provider's view of who uses its data, Art. 24). */
    List<Grant> ofResource(String resource);

    /**
     * Revokes a grant at once; calls relying on it are refused from then on.
     *
     * @return the revoked grant
     * @throws java.util.NoSuchElementException when there is no such grant
     */
    Grant revoke(String id, String actor, String reason);

    /**
     * Whether {@code subject} may rely on {@code grant}: for open data the holder's account or one of
     * its application keys; for shared data a staff member or system of the holding agency.
     */
    boolean holds(Subject subject, Grant grant);
}
