package org.poyang.collect.impl.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.poyang.catalog.api.CatalogEntry;
import org.poyang.catalog.api.CatalogQuery;
import org.poyang.catalog.api.CatalogSearchResult;
import org.poyang.catalog.api.CatalogService;
import org.poyang.catalog.api.ClassificationCode;
import org.poyang.catalog.api.CreditCode;
import org.poyang.catalog.api.DataItem;
import org.poyang.catalog.api.DataType;
import org.poyang.catalog.api.Difference;
import org.poyang.catalog.api.EntryDraft;
import org.poyang.catalog.api.EntryStatus;
import org.poyang.catalog.api.EntryVersion;
import org.poyang.catalog.api.Grade;
import org.poyang.catalog.api.OpenType;
import org.poyang.catalog.api.RegionCode;
import org.poyang.catalog.api.ResourceCode;
import org.poyang.catalog.api.ResourceFormat;
import org.poyang.catalog.api.SensitiveType;
import org.poyang.catalog.api.ShareMethod;
import org.poyang.catalog.api.ShareType;
import org.poyang.catalog.api.UpdateFrequency;
import org.poyang.collect.api.BatchReport;
import org.poyang.collect.api.CollectSettings;
import org.poyang.collect.api.Column;
import org.poyang.collect.api.Delivery;
import org.poyang.collect.api.Row;
import org.poyang.collect.api.RowQuery;
import org.poyang.collect.api.RowSink;
import org.poyang.platform.calendar.internal.CalendarData;
import org.poyang.platform.calendar.internal.WorkingDayCalendarService;
import org.poyang.security.api.ItemClass;
import org.poyang.security.api.MaskingPolicy;
import org.poyang.security.api.Route;
import org.poyang.security.api.Subject;
import org.poyang.security.impl.internal.JdbcAuditTrailAccess;

/**
 * Aggregation benchmark (issue 5), one JVM, one embedded Derby database, both export sides measured
 * in the same run (with {@code -Dbench.postgres.url=...}, only the ingest, on that PostgreSQL database):
 * <ol>
 * <li>ingest: batches of generated rows of a 20-item entry delivered through
 * {@link JdbcCollectService#deliver} (cleaning, checks, keyed hashes, history, batch report, the
 * real audit trail, one transaction per batch) until the entry holds the requested number of rows;</li>
 * <li>export: every row as CSV, (a) by a plain JDBC loop over the entry's data table into Commons
 * CSV, (b) by {@link JdbcCollectService#read} with the shipped masking policy's plan for an
 * anonymous open-data download, into the same CSV printer; rounds alternate; both write to a sink
 * that counts bytes, as a network would take them. Then one untimed export per side with a full
 * collection every half second: the largest live heap over the live heap before it is the memory
 * the export holds.</li>
 * <li>model results (issue 6): the analysis of {@link #analysis} run by the open module's
 * {@code CollectModelAnalyses} over every row, against Derby's GROUP BY of the same, rounds alternating.</li>
 * </ol>
 * Prints {@code key=value} lines that {@code releng/bench/collect.sh} turns into docs/benchmarks.md.
 *
 * <pre>java ... org.poyang.collect.impl.internal.CollectBench WORKDIR [rows] [batch] [exportRounds]</pre>
 */
public final class CollectBench {

    private static final CreditCode PROVIDER = CreditCode.parse("123600000143600232");

    private CollectBench() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        int total = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        Files.createDirectories(work);
        CatalogEntry entry = entry();
        String pgUrl = System.getProperty("bench.postgres.url");
        if (pgUrl != null) {
            postgresIngest(pgUrl, entry, work, total, batch);
            return;
        }
        // Derby's settings as the persistence bundle makes them inside the platform (page size, log buffers, lock timeouts)
        org.poyang.platform.persistence.internal.DataSourceProvider.derbySystemDefaults();
        EmbeddedDataSource ds = new EmbeddedDataSource();
        ds.setDatabaseName(work.resolve("db").toString());
        ds.setCreateDatabase("create");
        org.poyang.bench.Schemas.migrate(ds, "db/org.poyang.collect.impl/changelog.xml");
        JdbcAuditTrailAccess.migrate(ds);

        org.poyang.security.api.AuditTrail audit = JdbcAuditTrailAccess.open(ds, work);
        JdbcCollectService service = new JdbcCollectService(ds, new OneEntryCatalog(entry),
                JdbcAuditTrailAccess.cipher(work.resolve("field-keys.properties")), audit,
                new WorkingDayCalendarService(CalendarData.shipped()), Clock.systemUTC());
        Ingest derby = ingest(service, entry, total, batch, "Derby");
        derby.print("");
        System.out.println("items=" + entry.items().size());
        System.out.println("batch=" + batch);
        String tableName = "COLD_" + EntryTables.tableNo(ds.getConnection(), entry.code().value());
        System.out.printf(Locale.ROOT, "ingest_vs_plain_insert=%.2f%n", derby.median() / derby.plainMedian(ds, tableName, total, batch, ""));

        // ------------------------------------------------------------ export
        // The ingest left about a gigabyte of Derby's pages for the kernel to write back: written
        // first, so that the export and the analyses read without competing with that write-back.
        flushToDisk();
        MaskingPolicy masking = JdbcAuditTrailAccess.masking();
        MaskingPolicy.MaskPlan plan = masking.plan(entry.items().stream()
                .map(i -> new ItemClass(i.name(), i.sensitiveType().name(), i.grade().toString(), false)).toList(),
                Subject.ANONYMOUS, Route.OPEN_DOWNLOAD);
        String table = tableName;
        LiveHeap heap = new LiveHeap();
        List<Double> plainRates = new ArrayList<>();
        List<Double> poyangRates = new ArrayList<>();
        List<Double> plainHeap = new ArrayList<>();
        List<Double> poyangHeap = new ArrayList<>();
        long plainBytes = 0;
        long poyangBytes = 0;
        // warm-up of both sides on a part of the table
        plain(ds, table, entry, new Counting(), 100_000);
        poyang(service, entry, plan, new Counting(), 100_000);
        for (int round = 1; round <= rounds; round++) {
            Counting out = new Counting();
            System.gc();
            long t0 = System.nanoTime();
            long n = plain(ds, table, entry, out, Long.MAX_VALUE);
            double s = (System.nanoTime() - t0) / 1e9;
            check(n, total, "plain");
            plainRates.add(n / s);
            plainBytes = out.bytes.get();
            System.err.printf(Locale.ROOT, "[collect bench] round %d (a) plain JDBC to CSV: %d rows in %.2f s%n", round, n, s);

            out = new Counting();
            System.gc();
            t0 = System.nanoTime();
            n = poyang(service, entry, plan, out, Long.MAX_VALUE);
            s = (System.nanoTime() - t0) / 1e9;
            check(n, total, "poyang");
            poyangRates.add(n / s);
            poyangBytes = out.bytes.get();
            System.err.printf(Locale.ROOT, "[collect bench] round %d (b) CollectService.read, masked, to CSV: %d rows in %.2f s%n", round, n, s);
        }
        // untimed: the live heap of each side during a whole export
        heap.start();
        check(plain(ds, table, entry, new Counting(), Long.MAX_VALUE), total, "plain");
        plainHeap.add(heap.stop() / 1048576.0);
        heap.start();
        check(poyang(service, entry, plan, new Counting(), Long.MAX_VALUE), total, "poyang");
        poyangHeap.add(heap.stop() / 1048576.0);
        System.err.printf(Locale.ROOT, "[collect bench] live heap growth during a whole export: (a) %.1f MiB, (b) %.1f MiB%n",
                plainHeap.get(0), poyangHeap.get(0));
        System.out.println("export_rounds=" + rounds);
        System.out.printf(Locale.ROOT, "export_plain_rows_s=%.0f%n", median(plainRates));
        System.out.printf(Locale.ROOT, "export_poyang_rows_s=%.0f%n", median(poyangRates));
        System.out.printf(Locale.ROOT, "export_ratio=%.2f%n", median(poyangRates) / median(plainRates));
        System.out.printf(Locale.ROOT, "export_plain_rounds=%s%n", list(plainRates, "%.0f"));
        System.out.printf(Locale.ROOT, "export_poyang_rounds=%s%n", list(poyangRates, "%.0f"));
        System.out.printf(Locale.ROOT, "export_plain_heap_mib=%.1f%n", plainHeap.stream().mapToDouble(Double::doubleValue).max().orElse(0));
        System.out.printf(Locale.ROOT, "export_poyang_heap_mib=%.1f%n", poyangHeap.stream().mapToDouble(Double::doubleValue).max().orElse(0));
        System.out.printf(Locale.ROOT, "export_plain_mib=%.1f%n", plainBytes / 1048576.0);
        System.out.printf(Locale.ROOT, "export_poyang_mib=%.1f%n", poyangBytes / 1048576.0);
        System.out.printf(Locale.ROOT, "max_heap_mib=%d%n", Runtime.getRuntime().maxMemory() / 1048576);

        analyses(ds, service, entry, table, audit, rounds);
    }

    /** Rows/s of each batch of one ingest run. */
    private record Ingest(List<Double> rates, long nanos, int total) {

        double median() {
            return CollectBench.median(rates);
        }

        void print(String prefix) {
            System.out.println(prefix + "rows=" + total);
            System.out.println(prefix + "batches=" + rates.size());
            System.out.printf(Locale.ROOT, "%singest_median_rows_s=%.0f%n", prefix, median());
            System.out.printf(Locale.ROOT, "%singest_min_rows_s=%.0f%n", prefix, rates.stream().mapToDouble(Double::doubleValue).min().orElse(0));
            System.out.printf(Locale.ROOT, "%singest_overall_rows_s=%.0f%n", prefix, total / (nanos / 1e9));
            System.out.printf(Locale.ROOT, "%singest_first_rows_s=%.0f%n", prefix, rates.get(0));
            System.out.printf(Locale.ROOT, "%singest_last_rows_s=%.0f%n", prefix, rates.get(rates.size() - 1));
        }

        /**
         * The database's own insert rate, for scale: the same rows as stored (typed, keys hashed),
         * inserted by a plain JDBC batch into an empty table of the same shape with the same primary
         * key, one commit per batch: what the database itself takes per row here.
         */
        double plainMedian(DataSource ds, String tableName, int total, int batch, String prefix) throws Exception {
            int sample = Math.min(total, 100_000);
            List<Double> plainRates = new ArrayList<>();
            try (Connection c = ds.getConnection()) {
                List<Object[]> stored = new ArrayList<>(sample);
                int width;
                try (PreparedStatement ps = c.prepareStatement("SELECT * FROM " + tableName + " FETCH FIRST " + sample + " ROWS ONLY");
                        ResultSet rs = ps.executeQuery()) {
                    width = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        Object[] row = new Object[width];
                        for (int i = 0; i < width; i++) {
                            row[i] = rs.getObject(i + 1);
                        }
                        stored.add(row);
                    }
                }
                try (java.sql.Statement st = c.createStatement()) {
                    st.executeUpdate("CREATE TABLE PLAIN_COPY AS SELECT * FROM " + tableName + " WITH NO DATA");
                    st.executeUpdate("ALTER TABLE PLAIN_COPY ADD CONSTRAINT PK_PLAIN_COPY PRIMARY KEY (ROW_KEY)");
                }
                c.setAutoCommit(false);
                String marks = String.join(", ", java.util.Collections.nCopies(width, "?"));
                try (PreparedStatement ins = c.prepareStatement("INSERT INTO PLAIN_COPY VALUES (" + marks + ")")) {
                    for (int from = 0; from < stored.size(); from += batch) {
                        List<Object[]> slice = stored.subList(from, Math.min(stored.size(), from + batch));
                        long t0 = System.nanoTime();
                        int k = 0;
                        for (Object[] row : slice) {
                            for (int i = 0; i < width; i++) {
                                ins.setObject(i + 1, row[i]);
                            }
                            ins.addBatch();
                            if (++k % 500 == 0) {
                                ins.executeBatch();
                            }
                        }
                        ins.executeBatch();
                        c.commit();
                        plainRates.add(slice.size() / ((System.nanoTime() - t0) / 1e9));
                    }
                }
            }
            System.err.printf(Locale.ROOT, "[collect bench] %splain JDBC insert of %d stored rows: median %.0f rows/s%n", prefix, sample,
                    CollectBench.median(plainRates));
            System.out.printf(Locale.ROOT, "%splain_insert_rows=%d%n", prefix, sample);
            System.out.printf(Locale.ROOT, "%splain_insert_median_rows_s=%.0f%n", prefix, CollectBench.median(plainRates));
            return CollectBench.median(plainRates);
        }
    }

    /**
     * The same ingest on PostgreSQL, the production database of a province hub (DESIGN.md, "Scale"),
     * in a JVM of its own, as a hub's instance runs: releng/bench/collect.sh starts a throwaway
     * server and runs this after the Derby measures, with Derby's files flushed to disk first.
     */
    private static void postgresIngest(String pgUrl, CatalogEntry entry, Path work, int total, int batch) throws Exception {
        com.zaxxer.hikari.HikariConfig hc = new com.zaxxer.hikari.HikariConfig();
        // the data source the persistence bundle configures for PostgreSQL, pooled as it pools it
        hc.setDataSource(org.poyang.platform.persistence.internal.DataSourceProvider.postgres(pgUrl,
                System.getProperty("bench.postgres.user", "poyang"), ""));
        hc.setMaximumPoolSize(10);
        try (com.zaxxer.hikari.HikariDataSource pg = new com.zaxxer.hikari.HikariDataSource(hc)) {
            org.poyang.bench.Schemas.migrate(pg, "db/org.poyang.collect.impl/changelog.xml");
            JdbcAuditTrailAccess.migrate(pg);
            Path pgWork = work.resolve("postgres");
            Files.createDirectories(pgWork);
            JdbcCollectService pgService = new JdbcCollectService(pg, new OneEntryCatalog(entry),
                    JdbcAuditTrailAccess.cipher(pgWork.resolve("field-keys.properties")), JdbcAuditTrailAccess.open(pg, pgWork),
                    new WorkingDayCalendarService(CalendarData.shipped()), Clock.systemUTC());
            Ingest onPg = ingest(pgService, entry, total, batch, "PostgreSQL");
            onPg.print("pg_");
            String pgTable = "COLD_" + EntryTables.tableNo(pg.getConnection(), entry.code().value());
            try (Connection c = pg.getConnection(); ResultSet rs = c.createStatement().executeQuery("SHOW server_version")) {
                rs.next();
                System.out.println("pg_version=" + rs.getString(1));
            }
            System.out.printf(Locale.ROOT, "pg_ingest_vs_plain_insert=%.2f%n", onPg.median() / onPg.plainMedian(pg, pgTable, total, batch, "pg_"));
        }
    }

    /** Has the kernel write every dirty page to disk ({@code sync}, where the command exists), and waits. */
    private static void flushToDisk() throws InterruptedException {
        long t0 = System.nanoTime();
        try {
            int rc = new ProcessBuilder("sync").inheritIO().start().waitFor();
            System.err.printf(Locale.ROOT, "[collect bench] sync: exit %d after %.1f s%n", rc, (System.nanoTime() - t0) / 1e9);
        } catch (IOException e) {
            System.err.println("[collect bench] no sync command: measures may compete with the write-back of earlier ones");
        }
    }

    /** Delivers {@code total} generated rows in batches through {@code service}, timing each batch. */
    private static Ingest ingest(JdbcCollectService service, CatalogEntry entry, int total, int batch, String db) {
        service.configure(entry.code(), new CollectSettings(List.of("记录编号"), false, false, CollectSettings.Cleaning.ALL, Map.of()), "bench");
        Random random = new Random(20261127L);
        List<Double> rates = new ArrayList<>();
        long ingestNanos = 0;
        for (int from = 0, n = 0; from < total; from += batch, n++) {
            List<Row> rows = rows(entry, from, Math.min(batch, total - from), random);
            long t0 = System.nanoTime();
            BatchReport r = service.deliver(new Delivery(entry.code(), "bench-" + n, rows, "bench"));
            long t = System.nanoTime() - t0;
            if (r.status() != BatchReport.Status.ACCEPTED || r.applied() != rows.size()) {
                throw new IllegalStateException("batch " + n + " not applied whole: " + r);
            }
            ingestNanos += t;
            rates.add(rows.size() / (t / 1e9));
            if (n % 10 == 0 || from + batch >= total || t > 3e9) {
                System.err.printf(Locale.ROOT, "[collect bench] %s batch %d: %d rows in %.2f s (%.0f rows/s); entry holds %d%n",
                        db, n, rows.size(), t / 1e9, rows.size() / (t / 1e9), from + rows.size());
            }
        }
        return new Ingest(rates, ingestNanos, total);
    }

    // ------------------------------------------------------------ model results (issue 6)

    /** The analysis the model-results measure runs: a filter, two group-by items, four measures. */
    static org.poyang.open.api.AnalysisRequest analysis(CatalogEntry entry) {
        List<DataItem> i = entry.items();
        return new org.poyang.open.api.AnalysisRequest(entry.code().value(), null,
                List.of(new org.poyang.open.api.AnalysisRequest.Filter(i.get(15).name(), "ge", List.of("2026-03-01"))),
                List.of(i.get(1).name(), i.get(2).name()),
                List.of(new org.poyang.open.api.AnalysisRequest.Measure("count", null, null),
                        new org.poyang.open.api.AnalysisRequest.Measure("sum", i.get(12).name(), null),
                        new org.poyang.open.api.AnalysisRequest.Measure("avg", i.get(14).name(), null),
                        new org.poyang.open.api.AnalysisRequest.Measure("quantile", i.get(11).name(), 0.5)), null, null);
    }

    /**
     * Model results over every row: {@code CollectModelAnalyses.run} as the analyses endpoint calls it (the
     * PEP's decision and audit record, the resource store's streamed read of the five items used, the
     * analyser, disclosure control, the SM3 digest), against Derby's own GROUP BY of the same filter,
     * groups, count, sum and average (no quantile: SQL has none here) over the same table, in the same run.
     */
    private static void analyses(DataSource ds, JdbcCollectService service, CatalogEntry entry, String table,
            org.poyang.security.api.AuditTrail audit, int rounds) throws Exception {
        org.poyang.open.impl.internal.CollectModelAnalyses models = new org.poyang.open.impl.internal.CollectModelAnalyses(
                new OneEntryCatalog(entry), service, JdbcAuditTrailAccess.pep(audit), audit, new Limits());
        org.poyang.open.api.AnalysisRequest request = analysis(entry);
        Subject anyone = Subject.ANONYMOUS;
        models.run(anyone, request); // warm-up
        List<Double> poyang = new ArrayList<>();
        List<Double> sql = new ArrayList<>();
        org.poyang.open.api.AnalysisResult result = null;
        long groups = 0;
        for (int round = 1; round <= rounds; round++) {
            System.gc();
            long t0 = System.nanoTime();
            result = models.run(anyone, request);
            double s = (System.nanoTime() - t0) / 1e9;
            poyang.add(s);
            System.gc();
            t0 = System.nanoTime();
            groups = sqlGroupBy(ds, table);
            double q = (System.nanoTime() - t0) / 1e9;
            sql.add(q);
            System.err.printf(Locale.ROOT, "[collect bench] round %d model results: %.2f s (%d cells released, %d withheld, %d rows scanned); "
                    + "Derby GROUP BY: %.2f s (%d groups)%n", round, s, result.cells().size(), result.suppressed(), result.scanned(), q, groups);
        }
        System.out.printf(Locale.ROOT, "model_rows=%d%n", result.scanned());
        System.out.printf(Locale.ROOT, "model_cells=%d%n", result.cells().size());
        System.out.printf(Locale.ROOT, "model_withheld=%d%n", result.suppressed());
        System.out.printf(Locale.ROOT, "model_median_s=%.2f%n", median(poyang));
        System.out.printf(Locale.ROOT, "model_rounds_s=%s%n", list(poyang, "%.2f"));
        System.out.printf(Locale.ROOT, "sql_groups=%d%n", groups);
        System.out.printf(Locale.ROOT, "sql_median_s=%.2f%n", median(sql));
        System.out.printf(Locale.ROOT, "sql_rounds_s=%s%n", list(sql, "%.2f"));
        System.out.printf(Locale.ROOT, "model_vs_sql=%.2f%n", median(poyang) / median(sql));
    }

    /** Derby's GROUP BY of the analysis (without the quantile); returns the groups. */
    private static long sqlGroupBy(DataSource ds, String table) throws Exception {
        long groups = 0;
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT C2, C3, COUNT(*), SUM(C13), AVG(C15) FROM " + table + " WHERE C16 >= ? GROUP BY C2, C3")) {
            ps.setDate(1, java.sql.Date.valueOf("2026-03-01"));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    groups++;
                }
            }
        }
        return groups;
    }

    /** The shipped defaults of PID org.poyang.open.analysis. */
    @SuppressWarnings("all")
    static final class Limits implements org.poyang.open.impl.internal.CollectModelAnalyses.Config {
        @Override
        public int k() {
            return 10;
        }

        @Override
        public long maxMillis() {
            return 30_000;
        }

        @Override
        public int maxGroups() {
            return 10_000;
        }

        @Override
        public long maxRetainedValues() {
            return 5_000_000;
        }

        @Override
        public long maxJoinRows() {
            return 1_000_000;
        }

        @Override
        public Class<? extends java.lang.annotation.Annotation> annotationType() {
            return org.poyang.open.impl.internal.CollectModelAnalyses.Config.class;
        }
    }

    private static void check(long n, long total, String side) {
        if (n != total) {
            throw new IllegalStateException(side + " exported " + n + " rows of " + total);
        }
    }

    /** (a) The baseline: a plain JDBC loop over the data table into the CSV printer. */
    private static long plain(DataSource ds, String table, CatalogEntry entry, Counting out, long limit) throws Exception {
        StringBuilder cols = new StringBuilder();
        for (int i = 1; i <= entry.items().size(); i++) {
            cols.append(i == 1 ? "" : ", ").append('C').append(i);
        }
        long n = 0;
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("SELECT " + cols + " FROM " + table)) {
                ps.setFetchSize(500);
                Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
                CSVPrinter csv = new CSVPrinter(w, CSVFormat.RFC4180);
                csv.printRecord(entry.items().stream().map(DataItem::name).toList());
                int width = entry.items().size();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next() && n < limit) {
                        for (int i = 1; i <= width; i++) {
                            csv.print(rs.getString(i));
                        }
                        csv.println();
                        n++;
                    }
                }
                csv.flush();
            }
            c.commit();
        }
        return n;
    }

    /** (b) Poyang: the service's streaming read, the masking plan, the same CSV printer (as the export endpoint). */
    private static long poyang(JdbcCollectService service, CatalogEntry entry, MaskingPolicy.MaskPlan plan, Counting out, long limit)
            throws IOException {
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        CSVPrinter csv = new CSVPrinter(w, CSVFormat.RFC4180);
        RowQuery q = limit == Long.MAX_VALUE ? RowQuery.all() : new RowQuery(Map.of(), 0, limit);
        long n = service.read(entry.code(), q, new RowSink() {
            @Override
            public void columns(List<Column> columns) throws IOException {
                csv.printRecord(columns.stream().map(Column::name).toList());
            }

            @Override
            public void row(String[] values) throws IOException {
                csv.printRecord((Object[]) plan.apply(values));
            }
        });
        csv.flush();
        return n;
    }

    /** A sink that counts the bytes, as a network would take them. */
    static final class Counting extends OutputStream {
        final AtomicLong bytes = new AtomicLong();

        @Override
        public void write(int b) {
            bytes.incrementAndGet();
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes.addAndGet(len);
        }
    }

    /**
     * The live heap during a round: a full collection every half second and the heap in use right
     * after it, against the same measure before the round. Used only in untimed rounds, since the
     * collections slow the export down.
     */
    static final class LiveHeap {
        private volatile boolean running;
        private final AtomicLong peak = new AtomicLong();
        private long floor;
        private Thread sampler;

        private static long live() {
            System.gc();
            return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        }

        void start() {
            floor = live();
            peak.set(floor);
            running = true;
            sampler = new Thread(() -> {
                while (running) {
                    try {
                        Thread.sleep(500);
                    } catch (InterruptedException e) {
                        return;
                    }
                    peak.accumulateAndGet(live(), Math::max);
                }
            }, "live-heap");
            sampler.setDaemon(true);
            sampler.start();
        }

        /** The largest live-heap growth over the floor, in bytes. */
        long stop() throws InterruptedException {
            running = false;
            sampler.join();
            return Math.max(0, peak.get() - floor);
        }
    }

    // ------------------------------------------------------------ the entry and its rows

    /** A 20-item entry of the kind agencies deliver daily: identifiers, names, amounts, dates. */
    static CatalogEntry entry() {
        Object[][] spec = {
            {"记录编号", DataType.STRING, 32}, {"单位名称", DataType.STRING, 100}, {"事项名称", DataType.STRING, 100},
            {"事项类型", DataType.STRING, 20}, {"办理部门", DataType.STRING, 100}, {"办理地点", DataType.STRING, 200},
            {"办理结果", DataType.STRING, 20}, {"备注", DataType.STRING, 500}, {"受理数量", DataType.INTEGER, null},
            {"办结数量", DataType.INTEGER, null}, {"超期数量", DataType.INTEGER, null}, {"满意度评分", DataType.INTEGER, null},
            {"收费金额", DataType.DECIMAL, null}, {"减免金额", DataType.DECIMAL, null}, {"平均办理时长", DataType.DECIMAL, null},
            {"受理日期", DataType.DATE, null}, {"办结日期", DataType.DATE, null}, {"统计日期", DataType.DATE, null},
            {"更新时间", DataType.DATETIME, null}, {"是否网办", DataType.BOOLEAN, null}};
        List<DataItem> items = new ArrayList<>();
        for (Object[] s : spec) {
            items.add(new DataItem((String) s[0], (DataType) s[1], (Integer) s[2], false, SensitiveType.NONE, Grade.general(1), PROVIDER));
        }
        return new CatalogEntry(ResourceCode.of(new ClassificationCode("104002"), 9), new ClassificationCode("104002"), "政务服务事项办理统计",
                PROVIDER, "基准测试用信息资源", ResourceFormat.values()[0], items, ShareType.UNCONDITIONAL, null, ShareMethod.values()[0],
                null, OpenType.UNCONDITIONAL, null, null, null, UpdateFrequency.DAILY, LocalDate.of(2026, 1, 5), List.of(), List.of(),
                null, null, null, RegionCode.parse("360000"), Grade.general(1), EntryStatus.PUBLISHED, 1, Instant.now(), "bench");
    }

    private static final String[] UNITS = {"省发展和改革委员会", "省教育厅", "省公安厅", "省民政厅", "省财政厅", "省人力资源和社会保障厅", "省自然资源厅",
        "省生态环境厅", "省住房和城乡建设厅", "省交通运输厅", "南昌市行政审批局", "赣州市数据管理局"};
    private static final String[] MATTERS = {"企业开办登记", "不动产登记", "社会保障卡申领", "机动车驾驶证换证", "建设工程规划许可", "药品经营许可",
        "食品经营许可", "出入境证件办理", "公积金提取", "医保关系转移"};

    private static List<Row> rows(CatalogEntry entry, int from, int count, Random r) {
        List<Row> rows = new ArrayList<>(count);
        List<DataItem> items = entry.items();
        for (int i = 0; i < count; i++) {
            int id = from + i + 1;
            Map<String, String> v = new LinkedHashMap<>();
            v.put(items.get(0).name(), String.format(Locale.ROOT, "JX%010d", id));
            v.put(items.get(1).name(), UNITS[r.nextInt(UNITS.length)]);
            v.put(items.get(2).name(), MATTERS[r.nextInt(MATTERS.length)]);
            v.put(items.get(3).name(), r.nextBoolean() ? "行政许可" : "公共服务");
            v.put(items.get(4).name(), UNITS[r.nextInt(UNITS.length)] + "政务服务窗口");
            v.put(items.get(5).name(), "江西省南昌市红谷滩区卫东大道" + (1 + r.nextInt(999)) + "号");
            v.put(items.get(6).name(), r.nextInt(10) == 0 ? "不予许可" : "准予许可");
            v.put(items.get(7).name(), r.nextInt(4) == 0 ? "" : "按时办结，材料齐全");
            v.put(items.get(8).name(), Integer.toString(r.nextInt(10_000)));
            v.put(items.get(9).name(), Integer.toString(r.nextInt(10_000)));
            v.put(items.get(10).name(), Integer.toString(r.nextInt(50)));
            v.put(items.get(11).name(), Integer.toString(60 + r.nextInt(41)));
            v.put(items.get(12).name(), String.format(Locale.ROOT, "%,.2f", r.nextInt(10_000_000) / 100.0));
            v.put(items.get(13).name(), String.format(Locale.ROOT, "%.2f", r.nextInt(100_000) / 100.0));
            v.put(items.get(14).name(), String.format(Locale.ROOT, "%.1f", r.nextInt(2_000) / 10.0));
            LocalDate d = LocalDate.of(2026, 1, 1).plusDays(r.nextInt(300));
            v.put(items.get(15).name(), d.toString());
            v.put(items.get(16).name(), d.plusDays(r.nextInt(20)).toString().replace('-', '/'));
            v.put(items.get(17).name(), d.getYear() + "年" + d.getMonthValue() + "月" + d.getDayOfMonth() + "日");
            v.put(items.get(18).name(), d + " " + r.nextInt(24) + ":" + String.format(Locale.ROOT, "%02d", r.nextInt(60)));
            v.put(items.get(19).name(), r.nextBoolean() ? "是" : "否");
            rows.add(Row.upsert(v));
        }
        return rows;
    }

    static double median(List<Double> v) {
        List<Double> s = new ArrayList<>(v);
        s.sort(Double::compare);
        int n = s.size();
        return n == 0 ? 0 : n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    private static String list(List<Double> v, String fmt) {
        return String.join(", ", v.stream().map(x -> String.format(Locale.ROOT, fmt, x)).toList());
    }

    /** The catalog as far as the store needs it: one published entry. */
    public static final class OneEntryCatalog implements CatalogService {
        private final CatalogEntry entry;

        public OneEntryCatalog(CatalogEntry entry) {
            this.entry = entry;
        }

        @Override
        public Optional<CatalogEntry> get(ResourceCode code) {
            return entry.code().equals(code) ? Optional.of(entry) : Optional.empty();
        }

        @Override
        public List<CatalogEntry> list(CreditCode provider, EntryStatus status, int offset, int limit) {
            return offset == 0 ? List.of(entry) : List.of();
        }

        @Override
        public CatalogEntry create(EntryDraft draft, String actor) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<CatalogEntry> createAll(List<EntryDraft> drafts, String actor) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CatalogEntry update(ResourceCode code, EntryDraft draft, int expectedVersion, String actor, String reason) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CatalogEntry transition(ResourceCode code, EntryVersion.Action action, String actor, String reason) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<EntryVersion> versions(ResourceCode code) {
            return List.of();
        }

        @Override
        public Optional<EntryVersion> version(ResourceCode code, int version) {
            return Optional.empty();
        }

        @Override
        public List<Difference> diff(ResourceCode code, int from, int to) {
            return List.of();
        }

        @Override
        public CatalogSearchResult search(CatalogQuery query) {
            throw new UnsupportedOperationException();
        }
    }
}
