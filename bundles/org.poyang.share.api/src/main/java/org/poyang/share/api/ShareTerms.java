package org.poyang.share.api;

import java.time.LocalDate;
import java.util.List;

/**
 * The terms on which data is provided: the providing agency's approval of an application, its
 * agreement in a negotiation, or the management department's decision to provide (Art. 23, 24).
 *
 * @param conditions the conditions of use the using agency must keep (required)
 * @param items      the items provided, a subset of those asked for; null or empty for all of them
 * @param route      the route provided; null for the one asked for
 * @param expiresOn  the last day the grant may be relied on; null for one year from today
 */
public record ShareTerms(String conditions, List<String> items, String route, LocalDate expiresOn) {
}
