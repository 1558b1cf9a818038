package org.poyang.share.api;

import java.time.LocalDate;
import org.poyang.security.api.Route;

/**
 * What one recipient received of one resource on one day by one route (使用情况, Art. 24): the usage the
 * provider is told about.
 *
 * @param recipient the grant id, or {@code agency:<credit code>} for unconditionally shared data
 * @param resource  the resource code
 * @param agency    the receiving agency's credit code
 * @param day       the day (China time)
 * @param route     the route
 * @param purpose   the purpose stated
 * @param calls     deliveries (API calls and downloads)
 * @param rows      rows delivered
 */
public record UsageLine(String recipient, String resource, String agency, LocalDate day, Route route, String purpose, long calls, long rows) {
}
