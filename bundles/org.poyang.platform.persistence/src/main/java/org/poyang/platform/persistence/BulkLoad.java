package org.poyang.platform.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Appends many rows to one table inside the caller's transaction by the database's own bulk-load
 * channel, where it has one: PostgreSQL's {@code COPY ... FROM STDIN}, which takes rows as one
 * stream instead of one parameter set each. Derby has none; there callers batch their
 * {@code INSERT}s. Nothing is visible to others before the caller commits; a constraint broken by
 * any row fails {@link #finish()} (or an earlier {@link #add}) and the caller rolls back.
 */
public interface BulkLoad extends AutoCloseable {

    /**
     * Adds one row, values in column order: {@code String}, {@code Integer}, {@code Long},
     * {@code BigDecimal}, {@code LocalDate}, {@code LocalDateTime}, {@code java.sql.Timestamp},
     * {@code Boolean} or null.
     */
    void add(Object[] values) throws SQLException;

    /** Writes every row added; returns how many there were. */
    long finish() throws SQLException;

    /** Abandons the rows not yet finished (the caller rolls back its transaction anyway). */
    @Override
    void close();

    /** Whether the database behind {@code c} has a bulk-load channel. */
    static boolean supported(Connection c) throws SQLException {
        return Dialect.of(c) == Dialect.POSTGRESQL;
    }

    /**
     * A bulk load into {@code table}'s {@code columns} on {@code c}, if its database has a channel
     * for it. While it is open the connection takes no other statement.
     */
    static Optional<BulkLoad> open(Connection c, String table, List<String> columns) throws SQLException {
        return supported(c)
                ? Optional.of(new org.poyang.platform.persistence.internal.PostgresCopy(c, table, columns))
                : Optional.empty();
    }
}
