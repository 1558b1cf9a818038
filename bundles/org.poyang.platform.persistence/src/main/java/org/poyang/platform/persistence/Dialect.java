package org.poyang.platform.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/**
 * The databases Poyang runs on. Modules write portable SQL; this exists for the persistence
 * bundle's dialect layer and for the few choices that cannot be portable (e.g. paging syntax is
 * portable as {@code OFFSET ? ROWS FETCH NEXT ? ROWS ONLY} on both, but how many keys one look-up
 * should carry is not).
 */
public enum Dialect {
    /** Embedded Apache Derby: the default, no server needed. */
    DERBY(1),
    /** PostgreSQL: the production choice for a province hub. */
    POSTGRESQL(500);

    /** Service property on the {@code DataSource} naming its dialect. */
    public static final String PROPERTY = "poyang.db.dialect";

    private final int keysPerLookup;

    Dialect(int keysPerLookup) {
        this.keysPerLookup = keysPerLookup;
    }

    /**
     * How many keys one primary-key look-up ({@code WHERE K IN (?, ?, ...)}) should carry. Derby
     * answers an {@code IN} list over many keys of a large table with a table scan, so one key per
     * statement (in process, a probe costs microseconds); PostgreSQL probes the index for each
     * element, and every statement is a round trip to the server, so a few hundred at once.
     */
    public int keysPerLookup() {
        return keysPerLookup;
    }

    /**
     * The statement that refreshes the planner's statistics of {@code table} after a bulk load, or
     * null where the database keeps them itself. PostgreSQL analyses a table only once enough of it
     * changed and until then plans look-ups as if it were as small as before (a scan where an index
     * probe belongs); Derby refreshes its index statistics on its own thread.
     */
    public String analyze(String table) {
        return this == POSTGRESQL ? "ANALYZE " + table : null;
    }

    /** The dialect of the database behind {@code c}, from its product name. */
    public static Dialect of(Connection c) throws SQLException {
        String product = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        if (product.contains("postgres")) {
            return POSTGRESQL;
        }
        if (product.contains("derby")) {
            return DERBY;
        }
        throw new SQLException("unsupported database: " + c.getMetaData().getDatabaseProductName());
    }
}
