package org.poyang.security.api;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * A grant (授权): the right an approved application or a coordination decision gives one holder to
 * one resource's data, bound to items, routes, purpose and time (Art. 18, 23, 24). The policy
 * enforcement point checks it on every call that relies on it.
 *
 * @param id            the grant's id, which every call relying on it carries ({@code grt_...})
 * @param kind          open data (the holder is an account) or shared data (the holder is an agency)
 * @param holder        for {@link Kind#OPEN} the applicant's login (its application keys act for it), or
 *                      {@link #PUBLIC} for everyone;
 *                      for {@link Kind#SHARE} the using agency's credit code (its staff and systems)
 * @param resource      the resource code the grant covers
 * @param items         the data items (信息项) it covers; never empty
 * @param routes        the ways out it allows (download, API, model results)
 * @param purpose       the purpose (用途) the holder stated; calls must state it again for shared data
 * @param legalDuty     the legal duty (法定职责) served, required for shared data (Art. 24), or null
 * @param expiresAt     when it ends
 * @param conditions    conditions and requirements of provision, in words, or null
 * @param origin        the case it came from (an application or a coordination), or null
 * @param status        active or revoked
 * @param issuedAt      when it was issued
 * @param issuedBy      who issued it
 * @param revokedReason why it was revoked, or null
 */
public record Grant(String id, Kind kind, String holder, String resource, Set<String> items, Set<Route> routes, String purpose,
        String legalDuty, Instant expiresAt, String conditions, String origin, Status status, Instant issuedAt, String issuedBy,
        String revokedReason) {

    /**
     * The holder of an open-data grant to everyone, anonymous callers included: data opened for an
     * emergency (Art. 16) for as long as the event lasts.
     */
    public static final String PUBLIC = "*";

    /** Open data granted to an applicant, or shared data granted to an agency. */
    public enum Kind {
        OPEN, SHARE
    }

    /** Whether the grant may still be relied on (before its expiry). */
    public enum Status {
        ACTIVE,
        /** 已撤销: revoked by the provider, the management department or a supervisor. */
        REVOKED
    }

    public Grant {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        items = Set.copyOf(items);
        routes = Set.copyOf(routes);
    }

    /** Whether it is active and not yet expired at {@code now}. */
    public boolean validAt(Instant now) {
        return status == Status.ACTIVE && now.isBefore(expiresAt);
    }
}
