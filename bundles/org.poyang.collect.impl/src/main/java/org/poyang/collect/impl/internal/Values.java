package org.poyang.collect.impl.internal;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.poyang.catalog.api.DataType;

/** Stored values: their SQL column types, text form, and binding and reading by type. */
final class Values {

    /** Longest ciphertext of a value: the longest text (4000 characters, 3 bytes each) in Base64 with its header. */
    static final int CIPHER_COLUMN_LENGTH = 16_200;

    private Values() {
    }

    /** The column type for a data type; encrypted values are text whatever their type. */
    static String sqlType(DataType type, Integer length, boolean encrypted) {
        if (encrypted) {
            return "VARCHAR(" + CIPHER_COLUMN_LENGTH + ")";
        }
        return switch (type) {
            case STRING -> "VARCHAR(" + (length == null ? Cleaner.DEFAULT_MAX_LENGTH : Math.min(length, Cleaner.DEFAULT_MAX_LENGTH)) + ")";
            case INTEGER -> "BIGINT";
            case DECIMAL -> "DECIMAL(" + Cleaner.DECIMAL_PRECISION + "," + Cleaner.DECIMAL_SCALE + ")";
            case DATE -> "DATE";
            case DATETIME -> "TIMESTAMP";
            case BOOLEAN -> "BOOLEAN";
            case BINARY -> "VARCHAR(32000)";
        };
    }

    /** The text form of a stored value: ISO dates, plain decimals; null stays null. */
    static String text(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof BigDecimal d) {
            return d.stripTrailingZeros().toPlainString();
        }
        return v.toString();
    }

    static void bind(PreparedStatement ps, int index, DataType type, Object v) throws SQLException {
        if (v == null) {
            ps.setNull(index, switch (type) {
                case INTEGER -> Types.BIGINT;
                case DECIMAL -> Types.DECIMAL;
                case DATE -> Types.DATE;
                case DATETIME -> Types.TIMESTAMP;
                case BOOLEAN -> Types.BOOLEAN;
                default -> Types.VARCHAR;
            });
            return;
        }
        switch (type) {
            case INTEGER -> ps.setLong(index, (Long) v);
            case DECIMAL -> ps.setBigDecimal(index, (BigDecimal) v);
            case DATE -> ps.setDate(index, Date.valueOf((LocalDate) v));
            case DATETIME -> ps.setTimestamp(index, Timestamp.valueOf((LocalDateTime) v));
            case BOOLEAN -> ps.setBoolean(index, (Boolean) v);
            default -> ps.setString(index, (String) v);
        }
    }

    /** The value of column {@code index} as text. */
    static String read(ResultSet rs, int index, DataType type) throws SQLException {
        return switch (type) {
            case INTEGER -> {
                long l = rs.getLong(index);
                yield rs.wasNull() ? null : Long.toString(l);
            }
            case DECIMAL -> text(rs.getBigDecimal(index));
            // the database's own text of a DATE is already ISO (yyyy-mm-dd), in Derby and PostgreSQL alike:
            // no Calendar conversion per value (it was a visible share of reading a million rows)
            case DATE -> rs.getString(index);
            case DATETIME -> {
                Timestamp t = rs.getTimestamp(index);
                yield t == null ? null : t.toLocalDateTime().toString();
            }
            case BOOLEAN -> {
                boolean b = rs.getBoolean(index);
                yield rs.wasNull() ? null : Boolean.toString(b);
            }
            default -> rs.getString(index);
        };
    }
}
