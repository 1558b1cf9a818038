package org.poyang.collect.api;

/**
 * A scheduled pull of an entry's rows from the agency's own database (前置机 / front-end processor
 * pattern, Art. 10): the platform connects on the agency's schedule, runs one query, and delivers what it
 * returns as a batch, as if the agency had sent it.
 *
 * @param driverClass       the JDBC driver class, provided by a driver bundle installed on the instance
 *                          (embedded Derby is always there: {@code org.apache.derby.iapi.jdbc.AutoloadedDriver})
 * @param url               the JDBC URL of the front-end database
 * @param user              the database user (read-only rights are enough), or null
 * @param password          the password: written, never read back (stored encrypted, Art. 31); null keeps the one stored
 * @param query             one {@code SELECT} whose column labels are the entry's item names (case ignored)
 * @param incrementalColumn a column that grows with every change (an update time or a sequence), for pulling
 *                          only what is new since the last pull; null pulls everything each time
 * @param intervalMinutes   minutes between pulls, 1 to 44,640 (31 days)
 * @param enabled           whether the schedule runs (a pull can always be started by hand)
 */
public record PullSettings(String driverClass, String url, String user, String password, String query, String incrementalColumn,
        int intervalMinutes, boolean enabled) {

    @Override
    public String toString() {
        return "PullSettings[driverClass=" + driverClass + ", url=" + url + ", user=" + user + ", query=" + query + ", incrementalColumn="
                + incrementalColumn + ", intervalMinutes=" + intervalMinutes + ", enabled=" + enabled + "]";
    }
}
