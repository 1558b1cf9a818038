package org.poyang.collect.impl.internal;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Date;
import java.sql.Driver;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.poyang.catalog.api.CatalogEntry;
import org.poyang.catalog.api.CatalogService;
import org.poyang.catalog.api.DataItem;
import org.poyang.catalog.api.ResourceCode;
import org.poyang.collect.api.BatchReport;
import org.poyang.collect.api.CollectService;
import org.poyang.collect.api.Delivery;
import org.poyang.collect.api.PullSettings;
import org.poyang.collect.api.PullState;
import org.poyang.collect.api.Row;
import org.poyang.collect.api.ScheduledPulls;
import org.poyang.platform.persistence.Schema;
import org.poyang.platform.rest.ProblemException;
import org.poyang.security.api.AuditEvent;
import org.poyang.security.api.AuditTrail;
import org.poyang.security.api.FieldCipher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scheduled pulls from agencies' front-end databases (前置机, Art. 10), kept in {@code COL_PULL}. Every
 * {@value #TICK_SECONDS} seconds the due pulls run one after another: connect with the configured driver
 * (from whichever installed bundle provides it), run the query read-only, map its columns to the entry's
 * items, and deliver the rows as one batch through the ordinary delivery (cleaning, checks, atomic apply,
 * history). With an incremental column only rows past the last value delivered are read, in its order, at
 * most {@value #MAX_ROWS} a run (the next run goes on from there). The batch id is derived from the entry,
 * the previous batch and the rows, so a run repeated after a crash is the same batch and changes nothing
 * twice. The password is stored encrypted by the security module (Art. 31) and never read back.
 */
@Component(service = ScheduledPulls.class)
public final class JdbcPulls implements ScheduledPulls {

    static final int TICK_SECONDS = 30;
    /** Most rows one run delivers: one batch, as the REST API takes at most. */
    static final int MAX_ROWS = CollectResource.MAX_BATCH_ROWS;
    static final int MAX_INTERVAL_MINUTES = 31 * 24 * 60;
    static final int QUERY_TIMEOUT_SECONDS = 300;

    private static final Logger LOG = LoggerFactory.getLogger(JdbcPulls.class);

    /** Finds a JDBC driver by class name. */
    interface Drivers {
        Driver find(String className) throws SQLException;
    }

    private final DataSource ds;
    private final CollectService collect;
    private final CatalogService catalog;
    private final FieldCipher cipher;
    private final AuditTrail audit;
    private final Drivers drivers;
    private final Clock clock;
    private final Map<String, Object> running = new ConcurrentHashMap<>();
    private ScheduledExecutorService scheduler;

    @Activate
    public JdbcPulls(@Reference(target = "(poyang.db.dialect=*)") DataSource ds,
            @Reference(target = "(" + Schema.BUNDLE + "=org.poyang.collect.impl)") Schema schema, @Reference CollectService collect,
            @Reference CatalogService catalog, @Reference FieldCipher cipher, @Reference AuditTrail audit, BundleContext context) {
        this(ds, collect, catalog, cipher, audit, bundleDrivers(context), Clock.systemUTC());
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "poyang-collect-pulls");
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleWithFixedDelay(this::runDue, TICK_SECONDS, TICK_SECONDS, TimeUnit.SECONDS);
    }

    JdbcPulls(DataSource ds, CollectService collect, CatalogService catalog, FieldCipher cipher, AuditTrail audit, Drivers drivers,
            Clock clock) {
        this.ds = ds;
        this.collect = collect;
        this.catalog = catalog;
        this.cipher = cipher;
        this.audit = audit;
        this.drivers = drivers;
        this.clock = clock;
    }

    @Deactivate
    void deactivate() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    // ------------------------------------------------------------------ settings

    @Override
    public PullState configure(ResourceCode entry, PullSettings s, String actor) {
        List<String> problems = new ArrayList<>();
        if (s == null) {
            throw new IllegalArgumentException("缺少设置内容 (settings required)");
        }
        if (blank(s.driverClass()) || s.driverClass().length() > 200) {
            problems.add("须填写 JDBC 驱动类名 (give the JDBC driver class)");
        }
        if (blank(s.url()) || !s.url().strip().startsWith("jdbc:") || s.url().length() > 500) {
            problems.add("须填写以 jdbc: 开头的连接地址 (give a JDBC URL starting with jdbc:)");
        }
        String q = s.query() == null ? "" : s.query().strip();
        if (!q.toUpperCase(Locale.ROOT).startsWith("SELECT") || q.contains(";") || q.length() > 4000) {
            problems.add("查询须为一条 SELECT 语句，不含分号，不超过 4000 字 (the query is one SELECT, without ';', at most 4000 characters)");
        }
        if (s.incrementalColumn() != null && !s.incrementalColumn().isBlank()
                && !s.incrementalColumn().strip().matches("[\\p{L}_][\\p{L}\\p{N}_]{0,63}")) {
            problems.add("增量列应为列名 (the incremental column is a column name)");
        }
        if (s.intervalMinutes() < 1 || s.intervalMinutes() > MAX_INTERVAL_MINUTES) {
            problems.add("间隔应在 1 到 " + MAX_INTERVAL_MINUTES + " 分钟之间 (the interval is 1 to " + MAX_INTERVAL_MINUTES + " minutes)");
        }
        if ((s.user() != null && s.user().length() > 128) || (s.password() != null && s.password().length() > 256)) {
            problems.add("用户名不超过 128 字，口令不超过 256 字 (user at most 128, password at most 256 characters)");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("；", problems));
        }
        String incremental = blank(s.incrementalColumn()) ? null : s.incrementalColumn().strip();
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            Optional<Stored> before = load(c, entry.value());
            String password = s.password() != null ? cipher.encrypt(s.password()) : before.map(Stored::password).orElse(null);
            boolean sameSource = before.isPresent() && before.get().settings().url().equals(s.url().strip()) && before.get().settings().query()
                    .equals(q) && java.util.Objects.equals(before.get().settings().incrementalColumn(), incremental);
            try (PreparedStatement del = c.prepareStatement("DELETE FROM COL_PULL WHERE RESOURCE_CODE = ?")) {
                del.setString(1, entry.value());
                del.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO COL_PULL (RESOURCE_CODE, DRIVER_CLASS, JDBC_URL, DB_USER, DB_PASSWORD, "
                    + "QUERY_TEXT, INCREMENTAL_COLUMN, INTERVAL_MINUTES, ENABLED, LAST_VALUE, LAST_VALUE_TYPE, LAST_RUN_MS, LAST_BATCH, "
                    + "LAST_STATUS, LAST_MESSAGE, CONFIGURED_BY, CONFIGURED_MS) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, entry.value());
                ps.setString(2, s.driverClass().strip());
                ps.setString(3, s.url().strip());
                ps.setString(4, blank(s.user()) ? null : s.user().strip());
                ps.setString(5, password);
                ps.setString(6, q);
                ps.setString(7, incremental);
                ps.setInt(8, s.intervalMinutes());
                ps.setBoolean(9, s.enabled());
                // the same source keeps its position; another source starts from the beginning
                ps.setString(10, sameSource ? before.get().lastValue() : null);
                ps.setInt(11, sameSource ? before.get().lastValueType() : Types.NULL);
                setLong(ps, 12, before.map(Stored::lastRun).orElse(null));
                ps.setString(13, before.map(Stored::lastBatch).orElse(null));
                ps.setString(14, before.map(Stored::lastStatus).orElse(null));
                ps.setString(15, before.map(Stored::lastMessage).orElse(null));
                ps.setString(16, actor);
                ps.setLong(17, clock.millis());
                ps.executeUpdate();
            }
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("pull settings not stored", e);
        }
        audit.record(new AuditEvent(actor, null, "collect.pull.configure", entry.value(), null, null, AuditEvent.Outcome.SUCCESS,
                s.toString()));
        return get(entry).orElseThrow();
    }

    @Override
    public Optional<PullState> get(ResourceCode entry) {
        try (Connection c = ds.getConnection()) {
            return load(c, entry.value()).map(this::state);
        } catch (SQLException e) {
            throw new IllegalStateException("pull settings unreadable", e);
        }
    }

    @Override
    public List<PullState> all() {
        List<PullState> out = new ArrayList<>();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(SELECT + " ORDER BY RESOURCE_CODE");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(state(stored(rs)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("pull settings unreadable", e);
        }
        return out;
    }

    @Override
    public boolean remove(ResourceCode entry, String actor) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("DELETE FROM COL_PULL WHERE RESOURCE_CODE = ?")) {
            ps.setString(1, entry.value());
            boolean removed = ps.executeUpdate() > 0;
            if (removed) {
                audit.record(new AuditEvent(actor, null, "collect.pull.remove", entry.value(), null, null, AuditEvent.Outcome.SUCCESS, null));
            }
            return removed;
        } catch (SQLException e) {
            throw new IllegalStateException("pull settings not removed", e);
        }
    }

    // ------------------------------------------------------------------ running

    @Override
    public Run pullNow(ResourceCode entry, String actor) {
        Object lock = running.computeIfAbsent(entry.value(), k -> new Object());
        synchronized (lock) {
            Stored s = get0(entry.value()).orElseThrow(() -> new NoSuchElementException("no pull for " + entry.value()));
            return run(s, actor);
        }
    }

    /** Runs every enabled pull whose interval has passed since its last run. */
    void runDue() {
        try {
            long now = clock.millis();
            for (PullState p : all()) {
                boolean due = p.settings().enabled() && (p.lastRun() == null
                        || p.lastRun().toEpochMilli() + p.settings().intervalMinutes() * 60_000L <= now);
                if (due) {
                    pullNow(p.entry(), "scheduler");
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("定时拉取未能运行，稍后重试 (scheduled pulls did not run, will retry): {}", e.toString());
        }
    }

    private Run run(Stored s, String actor) {
        String code = s.code();
        Fetched f;
        try {
            CatalogEntry e = catalog.get(ResourceCode.parse(code)).orElseThrow(() -> new SQLException("no catalog entry " + code));
            f = fetch(s, e);
        } catch (SQLException | RuntimeException ex) {
            // nothing delivered; say why without echoing the credentials
            String why = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
            if (s.settings().password() != null) {
                why = why.replace(s.settings().password(), "***");
            }
            return finish(s, actor, null, s.lastValue(), s.lastValueType(), "FAILED", "拉取失败，未交付任何数据 (the pull failed, nothing was "
                    + "delivered): " + cut(why), null);
        }
        if (f.rows().isEmpty()) {
            return finish(s, actor, s.lastBatch(), s.lastValue(), s.lastValueType(), "NOTHING_NEW", "没有新数据 (nothing new)", null);
        }
        String batch = batchId(code, s.lastBatch(), s.lastValue(), f);
        BatchReport report;
        try {
            report = collect.deliver(new Delivery(ResourceCode.parse(code), batch, f.rows(), "pull:" + actor));
        } catch (ProblemException ex) {
            if (ex.type().equals(JdbcCollectService.BATCH_REJECTED)) {
                // checked and refused whole, row by row: the position stays, the next run reads the same rows again
                StringBuilder why = new StringBuilder(ex.detail());
                ex.violations().stream().limit(5).forEach(v -> why.append("；").append(v.field()).append(": ").append(v.messageZh()));
                return finish(s, actor, batch, s.lastValue(), s.lastValueType(), "REJECTED", why.toString(), null);
            }
            return finish(s, actor, null, s.lastValue(), s.lastValueType(), "FAILED", "交付被拒绝 (the delivery was refused): "
                    + cut(ex.detail()), null);
        } catch (RuntimeException ex) {
            return finish(s, actor, null, s.lastValue(), s.lastValueType(), "FAILED", "交付失败 (the delivery failed): "
                    + cut(String.valueOf(ex.getMessage())), null);
        }
        boolean applied = report.status() != BatchReport.Status.REJECTED;
        String message = report.rows() + " 行，应用 " + report.applied() + "，未变 " + report.unchanged() + "，拒绝 " + report.rejected()
                + (report.replayed() ? "（重复批次，未再应用）" : "") + " (" + report.rows() + " rows, " + report.applied() + " applied, "
                + report.unchanged() + " unchanged, " + report.rejected() + " rejected" + (report.replayed() ? ", a repeated batch" : "") + ")";
        return finish(s, actor, batch, applied ? f.lastValue() : s.lastValue(), applied ? f.lastValueType() : s.lastValueType(),
                report.status().name(), message, report);
    }

    /** The rows one run reads, mapped to items, and where the incremental column got to. */
    record Fetched(List<Row> rows, String lastValue, int lastValueType) {
    }

    private Fetched fetch(Stored s, CatalogEntry e) throws SQLException {
        PullSettings p = s.settings();
        Driver driver = drivers.find(p.driverClass());
        Properties props = new Properties();
        if (p.user() != null) {
            props.setProperty("user", p.user());
        }
        if (s.password() != null) {
            props.setProperty("password", cipher.decrypt(s.password()));
        }
        String inc = p.incrementalColumn();
        String sql = inc == null ? p.query()
                : "SELECT * FROM (" + p.query() + ") q" + (s.lastValue() == null ? "" : " WHERE q." + inc + " > ?") + " ORDER BY q." + inc;
        try (Connection c = driver.connect(p.url(), props)) {
            if (c == null) {
                throw new SQLException("驱动 " + p.driverClass() + " 不接受该连接地址 (the driver does not accept this URL)");
            }
            c.setReadOnly(true);
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
                ps.setMaxRows(MAX_ROWS + 1);
                ps.setFetchSize(1000);
                if (inc != null && s.lastValue() != null) {
                    ps.setObject(1, typed(s.lastValue(), s.lastValueType()));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    return read(rs, e, inc);
                }
            }
        }
    }

    private static Fetched read(ResultSet rs, CatalogEntry e, String inc) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        Map<String, String> items = new HashMap<>();
        for (DataItem i : e.items()) {
            items.put(i.name().toUpperCase(Locale.ROOT), i.name());
        }
        int n = md.getColumnCount();
        String[] names = new String[n + 1];
        int incAt = -1;
        List<String> unknown = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            String label = md.getColumnLabel(i);
            names[i] = items.get(label.toUpperCase(Locale.ROOT));
            if (inc != null && label.equalsIgnoreCase(inc)) {
                incAt = i;
            } else if (names[i] == null) {
                unknown.add(label);
            }
        }
        if (!unknown.isEmpty()) {
            throw new SQLException("查询结果有信息资源没有的列 " + unknown + "，请在查询中以信息项名称作列名 (columns " + unknown
                    + " are no items of the entry: name the query's columns after the items)");
        }
        if (inc != null && incAt < 0) {
            throw new SQLException("查询结果没有增量列 " + inc + " (the query has no column " + inc + ")");
        }
        int incType = incAt < 0 ? Types.NULL : md.getColumnType(incAt);
        List<Row> rows = new ArrayList<>();
        List<String> incValues = new ArrayList<>();
        while (rs.next()) {
            Map<String, String> values = new LinkedHashMap<>();
            for (int i = 1; i <= n; i++) {
                if (names[i] != null) {
                    values.put(names[i], rs.getString(i));
                }
            }
            rows.add(Row.upsert(values));
            if (incAt > 0) {
                String v = rs.getString(incAt);
                if (v == null) {
                    throw new SQLException("增量列 " + inc + " 有空值 (the incremental column holds a null)");
                }
                incValues.add(v);
            }
        }
        if (rows.size() > MAX_ROWS) {
            if (incAt < 0) {
                throw new SQLException("一次拉取超过 " + MAX_ROWS + " 行：请设增量列 (more than " + MAX_ROWS + " rows in one pull: set an incremental column)");
            }
            // keep whole groups of one incremental value: the next run goes on after the last one kept
            String cut = incValues.get(MAX_ROWS);
            int keep = MAX_ROWS;
            while (keep > 0 && incValues.get(keep - 1).equals(cut)) {
                keep--;
            }
            if (keep == 0) {
                throw new SQLException("增量列同一取值超过 " + MAX_ROWS + " 行 (more than " + MAX_ROWS + " rows share one incremental value)");
            }
            rows = rows.subList(0, keep);
            incValues = incValues.subList(0, keep);
        }
        String last = incValues.isEmpty() ? null : incValues.get(incValues.size() - 1);
        return new Fetched(List.copyOf(rows), last, incType);
    }

    /** The stored text of the last value, typed again for the next query's parameter. */
    static Object typed(String value, int type) {
        return switch (type) {
            case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> Timestamp.valueOf(value);
            case Types.DATE -> Date.valueOf(value);
            case Types.INTEGER, Types.BIGINT, Types.SMALLINT, Types.TINYINT, Types.DECIMAL, Types.NUMERIC -> new BigDecimal(value);
            default -> value;
        };
    }

    /** The same entry, previous batch, window and rows give the same id: a repeated run is idempotent. */
    static String batchId(String code, String previousBatch, String from, Fetched f) {
        java.security.MessageDigest d;
        try {
            d = java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        update(d, code);
        update(d, previousBatch);
        update(d, from);
        for (Row r : f.rows()) {
            r.values().forEach((k, v) -> {
                update(d, k);
                update(d, v);
            });
        }
        return "pull-" + java.util.HexFormat.of().formatHex(d.digest()).substring(0, 40);
    }

    private static void update(java.security.MessageDigest d, String s) {
        d.update((s == null ? "\u0000" : s + "\u0001").getBytes(StandardCharsets.UTF_8));
    }

    private Run finish(Stored s, String actor, String batch, String lastValue, int lastValueType, String status, String message,
            BatchReport report) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("UPDATE COL_PULL SET LAST_RUN_MS = ?, LAST_BATCH = ?, "
                + "LAST_VALUE = ?, LAST_VALUE_TYPE = ?, LAST_STATUS = ?, LAST_MESSAGE = ? WHERE RESOURCE_CODE = ?")) {
            ps.setLong(1, clock.millis());
            ps.setString(2, batch != null ? batch : s.lastBatch());
            ps.setString(3, lastValue);
            ps.setInt(4, lastValueType);
            ps.setString(5, status);
            ps.setString(6, cut(message));
            ps.setString(7, s.code());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("pull state not stored", e);
        }
        boolean failed = status.equals("FAILED") || status.equals("REJECTED");
        audit.record(new AuditEvent(actor, null, "collect.pull", s.code(), null, null,
                failed ? AuditEvent.Outcome.FAILURE : AuditEvent.Outcome.SUCCESS, status + " " + message));
        if (failed) {
            LOG.warn("前置机拉取 {}：{} {}", s.code(), status, message);
        }
        return new Run(get(ResourceCode.parse(s.code())).orElseThrow(), report);
    }

    // ------------------------------------------------------------------ storage

    private static final String SELECT = "SELECT RESOURCE_CODE, DRIVER_CLASS, JDBC_URL, DB_USER, DB_PASSWORD, QUERY_TEXT, INCREMENTAL_COLUMN, "
            + "INTERVAL_MINUTES, ENABLED, LAST_VALUE, LAST_VALUE_TYPE, LAST_RUN_MS, LAST_BATCH, LAST_STATUS, LAST_MESSAGE FROM COL_PULL";

    /** A stored pull; {@code password} is the ciphertext. */
    record Stored(String code, PullSettings settings, String password, String lastValue, int lastValueType, Long lastRun, String lastBatch,
            String lastStatus, String lastMessage) {
    }

    private Optional<Stored> get0(String code) {
        try (Connection c = ds.getConnection()) {
            return load(c, code);
        } catch (SQLException e) {
            throw new IllegalStateException("pull settings unreadable", e);
        }
    }

    private static Optional<Stored> load(Connection c, String code) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT + " WHERE RESOURCE_CODE = ?")) {
            ps.setString(1, code);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(stored(rs)) : Optional.empty();
            }
        }
    }

    private static Stored stored(ResultSet rs) throws SQLException {
        long run = rs.getLong(12);
        Long lastRun = rs.wasNull() ? null : run;
        PullSettings settings = new PullSettings(rs.getString(2), rs.getString(3), rs.getString(4), null, rs.getString(6), rs.getString(7),
                rs.getInt(8), rs.getBoolean(9));
        return new Stored(rs.getString(1), settings, rs.getString(5), rs.getString(10), rs.getInt(11), lastRun, rs.getString(13),
                rs.getString(14), rs.getString(15));
    }

    private PullState state(Stored s) {
        Instant last = s.lastRun() == null ? null : Instant.ofEpochMilli(s.lastRun());
        Instant next = !s.settings().enabled() ? null
                : last == null ? Instant.ofEpochMilli(clock.millis()) : last.plusSeconds(s.settings().intervalMinutes() * 60L);
        return new PullState(ResourceCode.parse(s.code()), s.settings(), s.lastValue(), last, s.lastBatch(), s.lastStatus(), s.lastMessage(),
                next);
    }

    private static void setLong(PreparedStatement ps, int i, Long v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.BIGINT);
        } else {
            ps.setLong(i, v);
        }
    }

    private static String cut(String s) {
        return s == null ? null : s.length() > 1000 ? s.substring(0, 1000) : s;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** Drivers from whichever installed bundle provides the class (a driver bundle the operator installed). */
    static Drivers bundleDrivers(BundleContext context) {
        Map<String, Driver> found = new ConcurrentHashMap<>();
        return name -> {
            Driver d = found.get(name);
            if (d != null) {
                return d;
            }
            for (Bundle b : context.getBundles()) {
                if ((b.getState() & (Bundle.RESOLVED | Bundle.ACTIVE | Bundle.STARTING)) == 0 || b.getBundleId() == 0) {
                    continue;
                }
                try {
                    Class<?> c = b.loadClass(name);
                    if (Driver.class.isAssignableFrom(c)) {
                        d = (Driver) c.getDeclaredConstructor().newInstance();
                        found.put(name, d);
                        return d;
                    }
                } catch (ClassNotFoundException | NoClassDefFoundError notHere) {
                    // another bundle may have it
                } catch (ReflectiveOperationException e) {
                    throw new SQLException("驱动 " + name + " 无法创建 (the driver cannot be created): " + e, e);
                }
            }
            throw new SQLException("未安装 JDBC 驱动 " + name + "：请安装提供它的驱动 bundle (no installed bundle provides JDBC driver " + name + ")");
        };
    }
}
