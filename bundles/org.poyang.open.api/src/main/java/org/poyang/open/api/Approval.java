package org.poyang.open.api;

import java.time.LocalDate;
import java.util.List;

/**
 * An approval: the method, time and requirements of provision (Art. 18), and the grant it issues.
 *
 * @param method       how the data is provided, required
 * @param time         when and for how long, required
 * @param requirements the requirements of provision, required
 * @param items        the items granted: the items applied for or fewer; null for all applied for
 * @param route        the route granted ({@code OPEN_DOWNLOAD}, {@code OPEN_API} or {@code MODEL_RESULT}); null
 *                     for the route applied for
 * @param expiresOn    the last day the grant may be used; null for one year from today
 * @param conditions   further conditions, or null
 */
public record Approval(String method, String time, String requirements, List<String> items, String route, LocalDate expiresOn,
        String conditions) {
}
