package org.poyang.security.impl.internal;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls of each application key per day (SEC_KEY_USAGE), against the key's daily quota (Art. 18).
 * Counted in memory, exactly, for every call this instance serves; written to the database in the
 * background at least once a second (and at a clean stop) as increments, so that a restart counts on
 * from there. A crash loses at most the last second's calls: the price of not writing the database on
 * every call, which made a key's read cost a disk sync of its own.
 */
final class KeyUsage {

    private static final Logger LOG = LoggerFactory.getLogger(KeyUsage.class);

    /** The count of one key on one day: calls counted, and how many of them the database holds. */
    private static final class Day {
        final AtomicInteger calls;
        final AtomicInteger persisted;

        Day(int stored) {
            calls = new AtomicInteger(stored);
            persisted = new AtomicInteger(stored);
        }
    }

    private record Key(String keyId, LocalDate day) {
    }

    private final DataSource ds;
    private final Map<Key, Day> days = new ConcurrentHashMap<>();

    KeyUsage(DataSource ds) {
        this.ds = ds;
    }

    /**
     * Counts one call if the quota allows it.
     *
     * @return the calls counted before this one when refused (the quota is used up), or -1 when counted
     */
    int count(String keyId, LocalDate day, int quota) {
        Day d = days.computeIfAbsent(new Key(keyId, day), k -> new Day(stored(keyId, day)));
        while (true) {
            int n = d.calls.get();
            if (n >= quota) {
                return n;
            }
            if (d.calls.compareAndSet(n, n + 1)) {
                return -1;
            }
        }
    }

    /** Writes what was counted since the last flush; forgets days before {@code today}. */
    void flush(LocalDate today) {
        for (Map.Entry<Key, Day> e : days.entrySet()) {
            Day d = e.getValue();
            int calls = d.calls.get();
            int delta = calls - d.persisted.get();
            if (delta > 0) {
                try {
                    add(e.getKey().keyId(), e.getKey().day(), delta);
                    d.persisted.addAndGet(delta);
                } catch (SQLException ex) {
                    LOG.warn("Key usage could not be written; retried at the next flush (密钥调用计数写入失败，稍后重试)", ex);
                    return;
                }
            }
            if (e.getKey().day().isBefore(today) && d.persisted.get() == d.calls.get()) {
                days.remove(e.getKey(), d);
            }
        }
    }

    private int stored(String keyId, LocalDate day) {
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT CALLS FROM SEC_KEY_USAGE WHERE KEY_ID = ? AND USAGE_DAY = ?")) {
            ps.setString(1, keyId);
            ps.setDate(2, Date.valueOf(day));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("key usage unavailable", e);
        }
    }

    private void add(String keyId, LocalDate day, int delta) throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                int updated;
                try (PreparedStatement ps = c.prepareStatement("UPDATE SEC_KEY_USAGE SET CALLS = CALLS + ? WHERE KEY_ID = ? AND USAGE_DAY = ?")) {
                    ps.setInt(1, delta);
                    ps.setString(2, keyId);
                    ps.setDate(3, Date.valueOf(day));
                    updated = ps.executeUpdate();
                }
                if (updated == 0) {
                    try (PreparedStatement ps = c.prepareStatement("INSERT INTO SEC_KEY_USAGE (KEY_ID, USAGE_DAY, CALLS) VALUES (?, ?, ?)")) {
                        ps.setString(1, keyId);
                        ps.setDate(2, Date.valueOf(day));
                        ps.setInt(3, delta);
                        ps.executeUpdate();
                    }
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
    }
}
