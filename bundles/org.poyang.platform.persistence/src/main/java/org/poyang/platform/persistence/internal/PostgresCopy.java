package org.poyang.platform.persistence.internal;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.poyang.platform.persistence.BulkLoad;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * {@link BulkLoad} by PostgreSQL's {@code COPY table (columns) FROM STDIN} in its text format
 * (tab-separated, {@code \N} for null, backslash escapes), sent in chunks of about 1 MiB. Loaded
 * only when a PostgreSQL connection asks for it: a Derby-only installation never needs the driver.
 */
public final class PostgresCopy implements BulkLoad {

    private static final int CHUNK = 1 << 20;

    private final CopyIn copy;
    private final StringBuilder buffer = new StringBuilder(CHUNK + 8192);
    private final int width;
    private long rows;

    public PostgresCopy(Connection c, String table, List<String> columns) throws SQLException {
        this.width = columns.size();
        this.copy = c.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("COPY " + table + " (" + String.join(", ", columns) + ") FROM STDIN");
    }

    @Override
    public void add(Object[] values) throws SQLException {
        if (values.length != width) {
            throw new IllegalArgumentException(width + " values expected, got " + values.length);
        }
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                buffer.append('\t');
            }
            append(values[i]);
        }
        buffer.append('\n');
        rows++;
        if (buffer.length() >= CHUNK) {
            send();
        }
    }

    private void append(Object v) {
        if (v == null) {
            buffer.append("\\N");
        } else if (v instanceof String s) {
            if (plain(s)) {
                buffer.append(s);
                return;
            }
            for (int i = 0; i < s.length(); i++) {
                char ch = s.charAt(i);
                switch (ch) {
                    case '\\' -> buffer.append("\\\\");
                    case '\t' -> buffer.append("\\t");
                    case '\n' -> buffer.append("\\n");
                    case '\r' -> buffer.append("\\r");
                    default -> buffer.append(ch);
                }
            }
        } else if (v instanceof BigDecimal d) {
            buffer.append(d.toPlainString());
        } else if (v instanceof Boolean b) {
            buffer.append(b ? 't' : 'f');
        } else if (v instanceof Number || v instanceof java.time.LocalDate || v instanceof java.time.LocalDateTime
                || v instanceof java.sql.Timestamp || v instanceof java.sql.Date) {
            // ISO forms PostgreSQL reads as they are (a LocalDateTime's 'T' included)
            buffer.append(v);
        } else {
            throw new IllegalArgumentException("no COPY text form for " + v.getClass().getName());
        }
    }

    /** Whether the text has nothing COPY's text format escapes (most values): appended whole. */
    private static boolean plain(String s) {
        // String.indexOf(char) is vectorised: four scans cost less than one char-by-char loop
        return s.indexOf('\\') < 0 && s.indexOf('\t') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0;
    }

    private void send() throws SQLException {
        byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
        buffer.setLength(0);
        copy.writeToCopy(bytes, 0, bytes.length);
    }

    @Override
    public long finish() throws SQLException {
        if (!buffer.isEmpty()) {
            send();
        }
        return copy.endCopy();
    }

    @Override
    public void close() {
        if (copy.isActive()) {
            try {
                copy.cancelCopy();
            } catch (SQLException ignored) {
                // the connection is in a failed state anyway; the caller rolls back
            }
        }
    }
}
