package org.poyang.collect.impl.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.poyang.collect.impl.internal.StubCatalog.item;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.poyang.catalog.api.DataItem;
import org.poyang.catalog.api.DataType;
import org.poyang.catalog.api.ResourceCode;
import org.poyang.catalog.api.UpdateFrequency;
import org.poyang.collect.api.BatchReport;
import org.poyang.collect.api.PullSettings;
import org.poyang.collect.api.PullState;
import org.poyang.collect.api.RowQuery;
import org.poyang.collect.api.ScheduledPulls;

/**
 * Scheduled pulls from an agency's front-end database (前置机, Art. 10), against a second embedded Derby
 * database standing in for it: rows arrive as ordinary batches (cleaned, checked, atomic, kept in history),
 * an incremental column brings only what is new, a repeated run changes nothing twice, and a pull that cannot
 * run delivers nothing and says why.
 */
class JdbcPullsTest extends StoreTestBase {

    static final ResourceCode PERMITS = ResourceCode.parse("101001/000007");
    static final List<DataItem> ITEMS = List.of(item("编号", DataType.STRING, 20), item("名称", DataType.STRING, 50),
            item("金额", DataType.DECIMAL, null));
    static final String DERBY = "org.apache.derby.iapi.jdbc.AutoloadedDriver";

    EmbeddedDataSource agency;
    String agencyUrl;
    JdbcPulls pulls;

    @BeforeEach
    void frontEndDatabase() throws Exception {
        catalog.put(StubCatalog.entry(PERMITS.value(), "排污许可信息", UpdateFrequency.DAILY, LocalDate.of(2026, 3, 2), ITEMS));
        configure(PERMITS, List.of("编号"), false, false);
        agencyUrl = "jdbc:derby:" + dir.resolve("agency");
        agency = new EmbeddedDataSource();
        agency.setDatabaseName(dir.resolve("agency").toString());
        agency.setCreateDatabase("create");
        agency.setUser("frontend"); // the front-end database's own schema, as the pull connects
        try (Connection c = agency.getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate("CREATE TABLE XKZ (XKZBH VARCHAR(20) PRIMARY KEY, DWMC VARCHAR(200), JE DECIMAL(12, 2), GXSJ TIMESTAMP NOT NULL)");
        }
        pulls = new JdbcPulls(ds, store, catalog, cipher, audit, name -> DriverManager.getDriver("jdbc:derby:"), clock);
    }

    @AfterEach
    void stopFrontEnd() {
        agency.setShutdownDatabase("shutdown");
        try {
            agency.getConnection().close();
        } catch (SQLException expected) {
            // Derby reports a clean shutdown as an exception
        }
    }

    void insert(String no, String name, String amount, String updated) throws SQLException {
        try (Connection c = agency.getConnection(); PreparedStatement ps = c.prepareStatement("INSERT INTO XKZ VALUES (?, ?, ?, ?)")) {
            ps.setString(1, no);
            ps.setString(2, name);
            ps.setBigDecimal(3, amount == null ? null : new java.math.BigDecimal(amount));
            ps.setTimestamp(4, java.sql.Timestamp.valueOf(updated));
            ps.executeUpdate();
        }
    }

    PullSettings settings(String incremental) {
        return new PullSettings(DERBY, agencyUrl, "frontend", "s3cret-前置机", "SELECT XKZBH AS \"编号\", DWMC AS \"名称\", JE AS \"金额\""
                + (incremental == null ? "" : ", GXSJ") + " FROM XKZ", incremental, 60, true);
    }

    List<String> stored(String item) {
        return read(PERMITS, RowQuery.all()).values(item);
    }

    @Test
    void aPullDeliversTheQuerysRowsAsOneBatchAndItsHistoryUnderArticle10() throws Exception {
        insert("P1", "赣江化工有限公司", "1200.50", "2026-03-01 09:00:00");
        insert("P2", "鄱阳湖造纸厂", "300", "2026-03-01 10:00:00");
        pulls.configure(PERMITS, settings(null), "officer-1");
        ScheduledPulls.Run run = pulls.pullNow(PERMITS, "officer-1");
        assertThat(run.report()).as(run.state().lastMessage()).isNotNull();
        assertThat(run.report().status()).isEqualTo(BatchReport.Status.ACCEPTED);
        assertThat(run.report().applied()).isEqualTo(2);
        assertThat(run.report().batchId()).startsWith("pull-");
        assertThat(run.state().lastStatus()).isEqualTo("ACCEPTED");
        assertThat(stored("编号")).containsExactlyInAnyOrder("P1", "P2");
        assertThat(stored("金额")).containsExactlyInAnyOrder("1200.5", "300");
        // the same rows again: the same batch, replayed, nothing applied twice
        ScheduledPulls.Run again = pulls.pullNow(PERMITS, "officer-1");
        assertThat(again.report().replayed() || again.report().applied() == 0).isTrue();
        assertThat(store.batches(PERMITS, 0, 10)).hasSize(again.report().batchId().equals(run.report().batchId()) ? 1 : 2);
    }

    @Test
    void anIncrementalColumnBringsOnlyWhatIsNewSinceTheLastPull() throws Exception {
        insert("P1", "赣江化工有限公司", "1200.50", "2026-03-01 09:00:00");
        pulls.configure(PERMITS, settings("GXSJ"), "officer-1");
        assertThat(pulls.pullNow(PERMITS, "officer-1").report().rows()).isEqualTo(1);
        assertThat(pulls.get(PERMITS).orElseThrow().lastValue()).startsWith("2026-03-01 09:00:00");

        PullState nothing = pulls.pullNow(PERMITS, "officer-1").state();
        assertThat(nothing.lastStatus()).isEqualTo("NOTHING_NEW");

        insert("P2", "鄱阳湖造纸厂", "300", "2026-03-02 08:00:00");
        try (Connection c = agency.getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE XKZ SET JE = 1300.00, GXSJ = TIMESTAMP('2026-03-02 09:00:00') WHERE XKZBH = 'P1'");
        }
        ScheduledPulls.Run run = pulls.pullNow(PERMITS, "officer-1");
        assertThat(run.report().rows()).as("the new row and the changed one, nothing else").isEqualTo(2);
        assertThat(run.state().lastValue()).startsWith("2026-03-02 09:00:00");
        assertThat(stored("金额")).containsExactlyInAnyOrder("1300", "300");
        // the earlier state of the changed record is kept (history, Art. 13)
        assertThat(store.history(PERMITS, "P1")).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void aBadRowRejectsTheWholeRunAndThePositionDoesNotMove() throws Exception {
        pulls.configure(PERMITS, settings("GXSJ"), "officer-1");
        insert("P1", "赣江化工有限公司", "1200.50", "2026-03-01 09:00:00");
        insert("P2", "名称过长" + "很".repeat(60), "300", "2026-03-01 10:00:00");
        ScheduledPulls.Run run = pulls.pullNow(PERMITS, "officer-1");
        assertThat(run.report()).as("nothing applied").isNull();
        assertThat(run.state().lastStatus()).isEqualTo("REJECTED");
        assertThat(run.state().lastMessage()).contains("rows[2].名称");
        assertThat(run.state().lastValue()).as("the next run reads the same rows again").isNull();
        assertThat(stored("编号")).isEmpty();
    }

    @Test
    void aPullThatCannotRunDeliversNothingAndSaysWhyWithoutThePassword() throws Exception {
        insert("P1", "赣江化工有限公司", "1200.50", "2026-03-01 09:00:00");
        pulls.configure(PERMITS, new PullSettings(DERBY, agencyUrl, "frontend", "s3cret-前置机", "SELECT XKZBH AS \"编号\", DWMC AS \"单位\" FROM XKZ",
                null, 60, true), "officer-1");
        PullState unknownColumn = pulls.pullNow(PERMITS, "officer-1").state();
        assertThat(unknownColumn.lastStatus()).isEqualTo("FAILED");
        assertThat(unknownColumn.lastMessage()).contains("单位").doesNotContain("s3cret");

        pulls.configure(PERMITS, new PullSettings(DERBY, agencyUrl, null, null, "SELECT NOPE FROM NOWHERE", null, 60, true), "officer-1");
        assertThat(pulls.pullNow(PERMITS, "officer-1").state().lastStatus()).isEqualTo("FAILED");

        JdbcPulls noDriver = new JdbcPulls(ds, store, catalog, cipher, audit, name -> {
            throw new SQLException("未安装 JDBC 驱动 " + name);
        }, clock);
        PullState missing = noDriver.pullNow(PERMITS, "officer-1").state();
        assertThat(missing.lastMessage()).contains("未安装 JDBC 驱动");
        assertThat(stored("编号")).isEmpty();
        assertThat(audit.events).anySatisfy(e -> assertThat(e.action()).isEqualTo("collect.pull"));
    }

    @Test
    void badSettingsAreRefusedNamingEveryProblemAndThePasswordIsNeverReadBack() {
        assertThatThrownBy(() -> pulls.configure(PERMITS, new PullSettings(" ", "mysql://x", null, null, "DELETE FROM XKZ", "1bad", 0, true),
                "officer-1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("驱动").hasMessageContaining("jdbc:").hasMessageContaining("SELECT").hasMessageContaining("增量列")
                .hasMessageContaining("间隔");
        assertThat(pulls.get(PERMITS)).isEmpty();
        assertThatThrownBy(() -> pulls.configure(PERMITS, new PullSettings(DERBY, agencyUrl, null, null, "SELECT 1 FROM XKZ; DROP TABLE XKZ",
                null, 60, true), "officer-1")).isInstanceOf(IllegalArgumentException.class);

        PullState s = pulls.configure(PERMITS, settings(null), "officer-1");
        assertThat(s.settings().password()).isNull();
        assertThat(s.toString()).doesNotContain("s3cret");
        assertThat(audit.events).noneSatisfy(e -> assertThat(String.valueOf(e.detail())).contains("s3cret"));
    }

    @Test
    void theScheduleRunsDuePullsOnlyWhenTheirIntervalHasPassed() throws Exception {
        insert("P1", "赣江化工有限公司", "1200.50", "2026-03-01 09:00:00");
        pulls.configure(PERMITS, settings("GXSJ"), "officer-1");
        pulls.runDue();
        PullState first = pulls.get(PERMITS).orElseThrow();
        assertThat(first.lastStatus()).isEqualTo("ACCEPTED");
        insert("P2", "鄱阳湖造纸厂", "300", "2026-03-02 08:00:00");
        clock.set(clock.instant().plus(Duration.ofMinutes(30)));
        pulls.runDue();
        assertThat(stored("编号")).as("not due yet: 60-minute interval").containsExactly("P1");
        clock.set(clock.instant().plus(Duration.ofMinutes(31)));
        pulls.runDue();
        assertThat(stored("编号")).containsExactlyInAnyOrder("P1", "P2");
    }
}
