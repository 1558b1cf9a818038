package org.poyang.platform.persistence.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalInt;
import org.osgi.framework.Bundle;

/**
 * Remembers the digest of each bundle's change log folder once Liquibase has applied it, so that an
 * unchanged bundle restarts without booting Liquibase at all (which costs seconds). Any change to a
 * file under {@code db/<bsn>/} changes the digest and Liquibase runs again.
 */
final class SchemaDigests {

    static final String TABLE = "POYANG_SCHEMA_DIGEST";

    private SchemaDigests() {
    }

    /** SHA-256 over the path and content of every file under {@code db/<bsn>/}, in path order. */
    static String digest(Bundle bundle) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        List<URL> files = new ArrayList<>();
        Enumeration<URL> entries = bundle.findEntries("db/" + bundle.getSymbolicName(), "*", true);
        if (entries != null) {
            files.addAll(Collections.list(entries));
        }
        files.sort((a, b) -> a.getPath().compareTo(b.getPath()));
        for (URL url : files) {
            if (url.getPath().endsWith("/")) {
                continue;
            }
            md.update(url.getPath().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            try (InputStream in = url.openStream()) {
                md.update(in.readAllBytes());
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** The change set count recorded for this digest, if the bundle's schema is known to be current. */
    static OptionalInt current(Connection c, String bsn, String digest) throws SQLException {
        ensureTable(c);
        try (PreparedStatement ps = c.prepareStatement("SELECT DIGEST, CHANGESETS FROM " + TABLE + " WHERE BUNDLE = ?")) {
            ps.setString(1, bsn);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next() && digest.equals(rs.getString(1))) {
                    return OptionalInt.of(rs.getInt(2));
                }
            }
        }
        return OptionalInt.empty();
    }

    static void record(Connection c, String bsn, String digest, int changeSets) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try (PreparedStatement del = c.prepareStatement("DELETE FROM " + TABLE + " WHERE BUNDLE = ?");
                PreparedStatement ins = c.prepareStatement(
                        "INSERT INTO " + TABLE + " (BUNDLE, DIGEST, CHANGESETS, APPLIED_AT) VALUES (?, ?, ?, ?)")) {
            del.setString(1, bsn);
            del.executeUpdate();
            ins.setString(1, bsn);
            ins.setString(2, digest);
            ins.setInt(3, changeSets);
            ins.setTimestamp(4, Timestamp.from(Instant.now()));
            ins.executeUpdate();
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }

    private static void ensureTable(Connection c) throws SQLException {
        try (ResultSet rs = c.getMetaData().getTables(null, null, null, new String[] {"TABLE"})) {
            while (rs.next()) {
                if (TABLE.equalsIgnoreCase(rs.getString("TABLE_NAME"))) {
                    return;
                }
            }
        }
        try (Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE " + TABLE + " (BUNDLE VARCHAR(255) NOT NULL PRIMARY KEY, DIGEST VARCHAR(64) NOT NULL, "
                    + "CHANGESETS INTEGER NOT NULL, APPLIED_AT TIMESTAMP NOT NULL)");
        }
    }
}
