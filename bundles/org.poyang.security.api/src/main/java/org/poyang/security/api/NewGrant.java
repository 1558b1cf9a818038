package org.poyang.security.api;

import java.time.Instant;
import java.util.Set;

/**
 * What a grant is to be: the fields of {@link Grant} its issuer chooses.
 *
 * @param kind       open or shared data
 * @param holder     the applicant's login (open) or the using agency's credit code (share)
 * @param resource   the resource code
 * @param items      the items granted, at least one
 * @param routes     the routes granted, at least one
 * @param purpose    the purpose stated, required
 * @param legalDuty  the legal duty served; required for shared data (Art. 24)
 * @param expiresAt  when it ends, in the future
 * @param conditions conditions and requirements of provision, or null
 * @param origin     the case it came from, or null
 */
public record NewGrant(Grant.Kind kind, String holder, String resource, Set<String> items, Set<Route> routes, String purpose,
        String legalDuty, Instant expiresAt, String conditions, String origin) {

    public NewGrant {
        items = items == null ? Set.of() : Set.copyOf(items);
        routes = routes == null ? Set.of() : Set.copyOf(routes);
    }
}
