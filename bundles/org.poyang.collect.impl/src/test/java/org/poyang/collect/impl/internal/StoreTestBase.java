package org.poyang.collect.impl.internal;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.poyang.catalog.api.ResourceCode;
import org.poyang.collect.api.BatchReport;
import org.poyang.collect.api.CollectSettings;
import org.poyang.collect.api.Column;
import org.poyang.collect.api.Delivery;
import org.poyang.collect.api.Row;
import org.poyang.collect.api.RowQuery;
import org.poyang.collect.api.RowSink;
import org.poyang.platform.persistence.testing.TestDatabase;
import org.poyang.platform.rest.ProblemException;

/**
 * The resource store on a real embedded Derby with the real change log, outside OSGi, over a stub
 * catalog, a reversible test cipher, an in-memory audit trail, the shipped working-day data and a
 * clock the test sets (starting on Monday 2026-03-02, 10:00 China time).
 * <p>
 * The same tests run on PostgreSQL, the production database of a province hub, each in a schema of
 * its own, when {@code ./poyang test} has started a throwaway server ({@link TestDatabase}).
 */
abstract class StoreTestBase {

    /** The working-day calendar over the shipped holiday data; read once. */
    static final ShippedCalendar CALENDAR = ShippedCalendar.load();

    static final String ACTOR = "agency-officer-1";

    @TempDir
    Path dir;

    /** Embedded Derby, or a schema of its own on PostgreSQL. */
    TestDatabase db;
    DataSource ds;
    final RecordingAudit audit = new RecordingAudit();
    final StubCatalog catalog = new StubCatalog();
    final TestCipher cipher = new TestCipher();
    final TestClock clock = new TestClock(TestClock.china("2026-03-02T10:00"));
    JdbcCollectService store;

    @BeforeEach
    void startStore() throws Exception {
        db = TestDatabase.create(dir).migrate("db/org.poyang.collect.impl/changelog.xml");
        ds = db.dataSource();
        store = newStore();
    }

    /** A service instance on the test database (a second one is what a restart looks like). */
    JdbcCollectService newStore() {
        return new JdbcCollectService(ds, catalog, cipher, audit, CALENDAR, clock);
    }

    @AfterEach
    void stopStore() throws SQLException {
        db.close();
    }

    /** Whether this run is on PostgreSQL (see the class comment). */
    static boolean onPostgres() {
        return TestDatabase.onPostgres();
    }

    // ------------------------------------------------------------------ rows and deliveries

    /** Item name, value, item name, value ... in the order given (null values allowed). */
    static Map<String, String> cells(String... nameValue) {
        if (nameValue.length % 2 != 0) {
            throw new IllegalArgumentException("name-value pairs expected");
        }
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < nameValue.length; i += 2) {
            m.put(nameValue[i], nameValue[i + 1]);
        }
        return m;
    }

    static Row upsert(String... nameValue) {
        return Row.upsert(cells(nameValue));
    }

    static Row delete(String... nameValue) {
        return Row.delete(cells(nameValue));
    }

    BatchReport deliver(ResourceCode entry, String batchId, Row... rows) {
        return store.deliver(new Delivery(entry, batchId, List.of(rows), ACTOR));
    }

    /** The refusal of a delivery; fails the test when the delivery is accepted. */
    ProblemException refused(ResourceCode entry, String batchId, Row... rows) {
        try {
            BatchReport r = deliver(entry, batchId, rows);
            return fail("expected batch " + batchId + " to be refused, but it was " + r);
        } catch (ProblemException e) {
            return e;
        }
    }

    void configure(ResourceCode entry, List<String> keyItems, boolean partial, boolean deduplicate) {
        store.configure(entry, new CollectSettings(keyItems, partial, deduplicate, CollectSettings.Cleaning.ALL, Map.of()), "admin-1");
    }

    // ------------------------------------------------------------------ reading

    /** A sink that records what it is given and in which order. */
    static final class RecordingSink implements RowSink {
        final List<String> calls = new ArrayList<>();
        List<Column> columns;
        final List<String[]> rows = new ArrayList<>();

        @Override
        public void columns(List<Column> columns) throws IOException {
            calls.add("columns");
            this.columns = List.copyOf(columns);
        }

        @Override
        public void row(String[] values) throws IOException {
            calls.add("row");
            rows.add(values.clone());
        }

        List<String> names() {
            return columns.stream().map(Column::name).toList();
        }

        /** Each row as item name to value, in column order. */
        List<Map<String, String>> maps() {
            List<Map<String, String>> out = new ArrayList<>();
            for (String[] r : rows) {
                Map<String, String> m = new LinkedHashMap<>();
                for (int i = 0; i < columns.size(); i++) {
                    m.put(columns.get(i).name(), r[i]);
                }
                out.add(m);
            }
            return out;
        }

        /** The values of one item, row by row. */
        List<String> values(String item) {
            return maps().stream().map(m -> m.get(item)).collect(Collectors.toList());
        }
    }

    RecordingSink read(ResourceCode entry, RowQuery query) {
        RecordingSink sink = new RecordingSink();
        long n = store.read(entry, query, sink);
        if (n != sink.rows.size()) {
            fail("read returned " + n + " but wrote " + sink.rows.size() + " rows");
        }
        return sink;
    }

    /** Every current row of an entry as item name to value. */
    List<Map<String, String>> rows(ResourceCode entry) {
        return read(entry, RowQuery.all()).maps();
    }

    /** The current row whose {@code item} is {@code value}, or null. */
    Map<String, String> row(ResourceCode entry, String item, String value) {
        return rows(entry).stream().filter(m -> value.equals(m.get(item))).findFirst().orElse(null);
    }

    // ------------------------------------------------------------------ the raw database

    /** The number of the entry's tables (COLD_n, COLH_n) as registered in COL_ENTRY. */
    int tableNo(ResourceCode entry) throws SQLException {
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT TABLE_NO FROM COL_ENTRY WHERE RESOURCE_CODE = ?")) {
            ps.setString(1, entry.value());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return fail("no storage registered for " + entry);
                }
                return rs.getInt(1);
            }
        }
    }

    /** The stored column (C1..Cn) of an item, active or retired, as registered in COL_COLUMN. */
    List<String> storedColumns(ResourceCode entry, String itemName) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT COLUMN_NAME FROM COL_COLUMN WHERE RESOURCE_CODE = ? AND ITEM_NAME = ? ORDER BY COLUMN_NAME")) {
            ps.setString(1, entry.value());
            ps.setString(2, itemName);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    /** Every cell of a table as text, all rows and columns, as a plain JDBC reader would see it. */
    String rawDump(String table) throws SQLException {
        StringBuilder sb = new StringBuilder();
        try (Connection c = ds.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT * FROM " + table)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                for (int i = 1; i <= n; i++) {
                    sb.append(rs.getMetaData().getColumnName(i)).append('=').append(rs.getString(i)).append(" | ");
                }
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    long rawCount(String table) throws SQLException {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
