package org.poyang.collect.impl.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import javax.sql.DataSource;
import org.poyang.catalog.api.CatalogEntry;
import org.poyang.catalog.api.DataItem;
import org.poyang.catalog.api.DataType;
import org.poyang.catalog.api.Grade;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The typed storage of each entry (资源库表): a data table {@code COLD_n} with each record's current
 * state and a history table {@code COLH_n} with the states records had before and a tombstone per
 * deletion, one column per data item. When the catalog changes
 * an entry, its storage follows without losing a value: a new item adds a column; an item that
 * leaves the catalog keeps its column, retired; an item whose type or sensitivity changes gets a
 * new column filled from the old one, which is retired with its values intact.
 */
final class EntryTables {

    private static final Logger LOG = LoggerFactory.getLogger(EntryTables.class);

    /** One stored column. */
    record StoredColumn(String column, String itemKey, String itemName, DataType type, boolean encrypted, boolean retired) {
    }

    /**
     * An entry's storage as of one catalog version.
     *
     * @param active the active columns in the catalog's item order, each with its item
     * @param all    every column, retired ones included
     */
    record Table(String code, int no, int catalogVersion, List<StoredColumn> active, List<DataItem> items,
            List<StoredColumn> all) {

        String data() {
            return "COLD_" + no;
        }

        String history() {
            return "COLH_" + no;
        }
    }

    private final DataSource ds;
    private final Function<String, Object> lockFor;
    private final Map<String, Table> cache = new ConcurrentHashMap<>();
    private final Converter converter;

    /** Re-cleans a value of a retired column for the item's new type. */
    interface Converter {
        Object convert(DataItem item, String text);
    }

    EntryTables(DataSource ds, Function<String, Object> lockFor, Converter converter) {
        this.ds = ds;
        this.lockFor = lockFor;
        this.converter = converter;
    }

    /** Whether values of an item are stored encrypted: personal, sensitive or important and core data (Art. 31). */
    static boolean encrypted(DataItem item) {
        return item.personal() || item.grade().tier() != Grade.Tier.GENERAL;
    }

    /** The storage of the entry as it is now in the catalog, created or migrated as needed. */
    Table ensure(CatalogEntry entry, Function<String, String> encrypt, Function<String, String> decrypt) {
        String code = entry.code().value();
        Table t = cache.get(code);
        if (t != null && t.catalogVersion() == entry.version()) {
            return t;
        }
        synchronized (lockFor.apply(code)) {
            t = cache.get(code);
            if (t != null && t.catalogVersion() == entry.version()) {
                return t;
            }
            try (Connection c = ds.getConnection()) {
                c.setAutoCommit(false);
                try {
                    t = sync(c, entry, encrypt, decrypt);
                    c.commit();
                } catch (SQLException | RuntimeException e) {
                    c.rollback();
                    throw e;
                }
            } catch (SQLException e) {
                throw new IllegalStateException("cannot prepare the storage of " + code, e);
            }
            cache.put(code, t);
            return t;
        }
    }

    private Table sync(Connection c, CatalogEntry entry, Function<String, String> encrypt, Function<String, String> decrypt)
            throws SQLException {
        String code = entry.code().value();
        Integer no = tableNo(c, code);
        if (no == null) {
            no = create(c, code);
        }
        String data = "COLD_" + no;
        String history = "COLH_" + no;
        List<StoredColumn> columns = columns(c, code);
        Map<String, StoredColumn> activeByKey = new HashMap<>();
        for (StoredColumn sc : columns) {
            if (!sc.retired()) {
                activeByKey.put(sc.itemKey(), sc);
            }
        }
        int next = columns.stream().mapToInt(sc -> Integer.parseInt(sc.column().substring(1))).max().orElse(0) + 1;
        Map<String, StoredColumn> result = new LinkedHashMap<>();
        for (DataItem item : entry.items()) {
            String key = DataItem.key(item.name());
            StoredColumn existing = activeByKey.remove(key);
            boolean enc = encrypted(item);
            if (existing != null && existing.type() == item.dataType() && existing.encrypted() == enc) {
                if (!existing.itemName().equals(item.name())) {
                    update(c, "UPDATE COL_COLUMN SET ITEM_NAME = ? WHERE RESOURCE_CODE = ? AND COLUMN_NAME = ?",
                            item.name(), code, existing.column());
                    existing = new StoredColumn(existing.column(), key, item.name(), existing.type(), enc, false);
                }
                result.put(key, existing);
                continue;
            }
            StoredColumn added = new StoredColumn("C" + next++, key, item.name(), item.dataType(), enc, false);
            String type = Values.sqlType(item.dataType(), item.length(), enc);
            try (Statement st = c.createStatement()) {
                st.executeUpdate("ALTER TABLE " + data + " ADD COLUMN " + added.column() + " " + type);
                st.executeUpdate("ALTER TABLE " + history + " ADD COLUMN " + added.column() + " " + type);
            }
            update(c, "INSERT INTO COL_COLUMN (RESOURCE_CODE, COLUMN_NAME, ITEM_KEY, ITEM_NAME, DATA_TYPE, ENCRYPTED, RETIRED) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?)", code, added.column(), key, item.name(), item.dataType().name(), enc, false);
            if (existing != null) {
                retire(c, code, existing);
                int moved = copy(c, data, history, existing, added, item, encrypt, decrypt);
                LOG.info("Storage of {}: item '{}' changed from {}{} to {}{}; {} values carried into column {}, the old column {} is kept retired",
                        code, item.name(), existing.type(), existing.encrypted() ? " (encrypted)" : "", item.dataType(),
                        enc ? " (encrypted)" : "", moved, added.column(), existing.column());
            }
            result.put(key, added);
        }
        for (StoredColumn gone : activeByKey.values()) {
            retire(c, code, gone);
            LOG.info("Storage of {}: item '{}' left the catalog; column {} is kept retired with its values", code, gone.itemName(), gone.column());
        }
        List<StoredColumn> active = new ArrayList<>(result.values());
        return new Table(code, no, entry.version(), List.copyOf(active), entry.items(), columns(c, code));
    }

    private int create(Connection c, String code) throws SQLException {
        int no;
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT MAX(TABLE_NO) FROM COL_ENTRY")) {
            rs.next();
            no = rs.getInt(1) + 1;
        }
        try (Statement st = c.createStatement()) {
            st.executeUpdate("CREATE TABLE COLD_" + no + " (ROW_KEY CHAR(64) NOT NULL, ROW_HASH CHAR(64) NOT NULL, "
                    + "ROW_VERSION INT NOT NULL, BATCH_ID VARCHAR(64) NOT NULL, UPDATED_AT TIMESTAMP NOT NULL, "
                    + "CONSTRAINT PK_COLD_" + no + " PRIMARY KEY (ROW_KEY))");
            st.executeUpdate("CREATE TABLE COLH_" + no + " (ROW_KEY CHAR(64) NOT NULL, ROW_VERSION INT NOT NULL, "
                    + "OP CHAR(1) NOT NULL, BATCH_ID VARCHAR(64) NOT NULL, WRITTEN_AT TIMESTAMP NOT NULL, "
                    + "CONSTRAINT PK_COLH_" + no + " PRIMARY KEY (ROW_KEY, ROW_VERSION))");
        }
        update(c, "INSERT INTO COL_ENTRY (RESOURCE_CODE, TABLE_NO, SETTINGS, ROW_COUNT, CREATED_AT) VALUES (?, ?, ?, 0, ?)",
                code, no, null, Timestamp.from(Instant.now()));
        LOG.info("Storage of {} created: tables COLD_{} and COLH_{}", code, no, no);
        return no;
    }

    private static void retire(Connection c, String code, StoredColumn sc) throws SQLException {
        update(c, "UPDATE COL_COLUMN SET RETIRED = ? WHERE RESOURCE_CODE = ? AND COLUMN_NAME = ?", true, code, sc.column());
    }

    /**
     * Carries the values of a column into its successor; values that do not fit the new type stay
     * only in the old one. When the successor is encrypted and the old column was not (the item
     * became personal, sensitive or important, Art. 31), every value moves encrypted, in the data
     * and the history table, and the old column is emptied: no plaintext stays behind.
     */
    private int copy(Connection c, String data, String history, StoredColumn from, StoredColumn to, DataItem item,
            Function<String, String> encrypt, Function<String, String> decrypt) throws SQLException {
        boolean seal = to.encrypted() && !from.encrypted();
        int moved = copy(c, data, "ROW_KEY", from, to, item, seal, encrypt, decrypt);
        if (seal) {
            copy(c, history, "ROW_KEY, ROW_VERSION", from, to, item, true, encrypt, decrypt);
            try (Statement st = c.createStatement()) {
                st.executeUpdate("UPDATE " + data + " SET " + from.column() + " = NULL");
                st.executeUpdate("UPDATE " + history + " SET " + from.column() + " = NULL");
            }
        }
        return moved;
    }

    private int copy(Connection c, String table, String key, StoredColumn from, StoredColumn to, DataItem item, boolean seal,
            Function<String, String> encrypt, Function<String, String> decrypt) throws SQLException {
        String[] keys = key.split(", ");
        String match = String.join(" AND ", java.util.Arrays.stream(keys).map(k -> k + " = ?").toList());
        int moved = 0;
        try (PreparedStatement read = c.prepareStatement("SELECT " + key + ", " + from.column() + " FROM " + table
                + " WHERE " + from.column() + " IS NOT NULL");
                PreparedStatement write = c.prepareStatement("UPDATE " + table + " SET " + to.column() + " = ? WHERE " + match);
                ResultSet rs = read.executeQuery()) {
            int valueIndex = keys.length + 1;
            while (rs.next()) {
                String text = from.encrypted() ? decrypt.apply(rs.getString(valueIndex)) : Values.read(rs, valueIndex, from.type());
                Object v = converter.convert(item, text);
                if (v == null && !seal) {
                    continue;
                }
                if (to.encrypted()) {
                    write.setString(1, encrypt.apply(v == null ? text : Values.text(v)));
                } else {
                    Values.bind(write, 1, to.type(), v);
                }
                for (int k = 0; k < keys.length; k++) {
                    write.setObject(k + 2, rs.getObject(k + 1));
                }
                write.addBatch();
                if (++moved % 500 == 0) {
                    write.executeBatch();
                }
            }
            write.executeBatch();
        }
        return moved;
    }

    static Integer tableNo(Connection c, String code) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT TABLE_NO FROM COL_ENTRY WHERE RESOURCE_CODE = ?")) {
            ps.setString(1, code);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : null;
            }
        }
    }

    static List<StoredColumn> columns(Connection c, String code) throws SQLException {
        List<StoredColumn> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT COLUMN_NAME, ITEM_KEY, ITEM_NAME, DATA_TYPE, ENCRYPTED, RETIRED "
                + "FROM COL_COLUMN WHERE RESOURCE_CODE = ?")) {
            ps.setString(1, code);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new StoredColumn(rs.getString(1), rs.getString(2), rs.getString(3), DataType.valueOf(rs.getString(4)),
                            rs.getBoolean(5), rs.getBoolean(6)));
                }
            }
        }
        out.sort((a, b) -> Integer.compare(Integer.parseInt(a.column().substring(1)), Integer.parseInt(b.column().substring(1))));
        return out;
    }

    static int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                if (args[i] == null) {
                    ps.setNull(i + 1, java.sql.Types.VARCHAR);
                } else {
                    ps.setObject(i + 1, args[i]);
                }
            }
            return ps.executeUpdate();
        }
    }

}
