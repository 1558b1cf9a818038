package org.poyang.collect.impl.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.poyang.catalog.api.CatalogEntry;
import org.poyang.catalog.api.CatalogService;
import org.poyang.catalog.api.CreditCode;
import org.poyang.catalog.api.DataItem;
import org.poyang.catalog.api.EntryStatus;
import org.poyang.catalog.api.ResourceCode;
import org.poyang.collect.api.BatchReport;
import org.poyang.collect.api.CollectService;
import org.poyang.collect.api.CollectSettings;
import org.poyang.collect.api.Column;
import org.poyang.collect.api.Delivery;
import org.poyang.collect.api.Freshness;
import org.poyang.collect.api.Quality;
import org.poyang.collect.api.RecordState;
import org.poyang.collect.api.Row;
import org.poyang.collect.api.RowQuery;
import org.poyang.collect.api.RowRejection;
import org.poyang.collect.api.RowSink;
import org.poyang.collect.impl.internal.EntryTables.StoredColumn;
import org.poyang.collect.impl.internal.EntryTables.Table;
import org.poyang.platform.calendar.WorkingDayCalendar;
import org.poyang.platform.persistence.BulkLoad;
import org.poyang.platform.persistence.Dialect;
import org.poyang.platform.persistence.Schema;
import org.poyang.platform.rest.ProblemException;
import org.poyang.platform.rest.ProblemType;
import org.poyang.platform.rest.Violation;
import org.poyang.security.api.AuditEvent;
import org.poyang.security.api.AuditTrail;
import org.poyang.security.api.AuditUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.poyang.security.api.FieldCipher;

/**
 * The resource store on the platform's database (see {@link CollectService}). Deliveries to one entry
 * are applied one at a time; each is one transaction that also writes the batch's report and its
 * audit record, so an acknowledged batch is complete and an unacknowledged one left nothing behind.
 */
@Component(service = CollectService.class)
public final class JdbcCollectService implements CollectService {

    /** Problem type of a batch rejected whole (Art. 13): its violations name rows and reasons. */
    static final ProblemType BATCH_REJECTED = new ProblemType("batch-rejected", 422, "批次未通过校验，未作任何修改",
            "The batch failed its checks and changed nothing");
    /** Problem type of a delivery to an entry that is not published (Art. 10). */
    static final ProblemType NOT_PUBLISHED = new ProblemType("entry-not-published", 409, "信息资源未发布，不接收归集数据",
            "The entry is not published and takes no deliveries");

    private static final Pattern BATCH_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0," + (Delivery.MAX_BATCH_ID - 1) + "}");
    private static final ObjectMapper JSON = JsonMapper.builder().findAndAddModules().build();
    /** Batches of twice this many rows or more report their progress in the log, every this many rows. */
    private static final int PROGRESS_EVERY = 20_000;
    private static final Logger LOG = LoggerFactory.getLogger(JdbcCollectService.class);

    private final DataSource ds;
    private final CatalogService catalog;
    private final FieldCipher cipher;
    private final AuditTrail audit;
    private final FreshnessClock clock;
    private final Clock time;
    private final EntryTables tables;
    private final KeyHasher hasher;
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    @Activate
    public JdbcCollectService(@Reference(target = "(poyang.db.dialect=*)") DataSource ds,
            @Reference(target = "(" + Schema.BUNDLE + "=org.poyang.collect.impl)") Schema schema,
            @Reference CatalogService catalog, @Reference FieldCipher cipher, @Reference AuditTrail audit,
            @Reference WorkingDayCalendar calendar) {
        this(ds, catalog, cipher, audit, calendar, Clock.systemUTC());
    }

    JdbcCollectService(DataSource ds, CatalogService catalog, FieldCipher cipher, AuditTrail audit,
            WorkingDayCalendar calendar, Clock time) {
        this.ds = ds;
        this.catalog = catalog;
        this.cipher = cipher;
        this.audit = audit;
        this.clock = new FreshnessClock(calendar);
        this.time = time;
        this.tables = new EntryTables(ds, this::lock, JdbcCollectService::convert);
        this.hasher = new KeyHasher(secret());
    }

    private Object lock(String code) {
        return locks.computeIfAbsent(code, k -> new Object());
    }

    private static Object convert(DataItem item, String text) {
        try {
            return Cleaner.clean(item, text, CollectSettings.Cleaning.ALL, null);
        } catch (Cleaner.Rejected e) {
            return null;
        }
    }

    /** The keyed-hash secret, created and sealed under the field cipher on first use. */
    private byte[] secret() {
        try (Connection c = ds.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT SEALED FROM COL_SECRET WHERE NAME = 'row-key'");
                    ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return KeyHasher.decode(cipher.decrypt(rs.getString(1)));
                }
            }
            byte[] s = KeyHasher.newSecret();
            try {
                EntryTables.update(c, "INSERT INTO COL_SECRET (NAME, SEALED) VALUES ('row-key', ?)", cipher.encrypt(KeyHasher.encode(s)));
                return s;
            } catch (SQLException raced) {
                // another instance on the same database created it first
                try (PreparedStatement ps = c.prepareStatement("SELECT SEALED FROM COL_SECRET WHERE NAME = 'row-key'");
                        ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return KeyHasher.decode(cipher.decrypt(rs.getString(1)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the row-key secret", e);
        }
    }

    // ------------------------------------------------------------------ entries and settings

    private CatalogEntry entry(ResourceCode code) {
        return catalog.get(code).orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND,
                "信息资源 " + code.value() + " 不存在 (no catalog entry " + code.value() + ")"));
    }

    private Table table(CatalogEntry e) {
        return tables.ensure(e, cipher::encrypt, cipher::decrypt);
    }

    /** Settings as last read or written, by entry code: read on every call that reads rows. */
    private final Map<String, CollectSettings> settingsCache = new ConcurrentHashMap<>();

    @Override
    public CollectSettings settings(ResourceCode code) {
        entry(code);
        return settingsOf(code.value());
    }

    /** The settings of an entry already looked up in the catalog. */
    private CollectSettings settingsOf(String code) {
        CollectSettings cached = settingsCache.get(code);
        if (cached != null) {
            return cached;
        }
        try (Connection c = ds.getConnection()) {
            CollectSettings s = settings(c, code);
            settingsCache.put(code, s);
            return s;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static CollectSettings settings(Connection c, String code) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT SETTINGS FROM COL_ENTRY WHERE RESOURCE_CODE = ?")) {
            ps.setString(1, code);
            try (ResultSet rs = ps.executeQuery()) {
                String json = rs.next() ? rs.getString(1) : null;
                return json == null ? CollectSettings.defaults() : JSON.readValue(json, CollectSettings.class);
            } catch (IOException e) {
                throw new IllegalStateException("stored settings of " + code + " unreadable", e);
            }
        }
    }

    @Override
    public CollectSettings configure(ResourceCode code, CollectSettings settings, String actor) {
        CatalogEntry e = entry(code);
        List<Violation> bad = new ArrayList<>();
        Map<String, DataItem> items = itemsByKey(e);
        for (int i = 0; i < settings.keyItems().size(); i++) {
            if (!items.containsKey(DataItem.key(settings.keyItems().get(i)))) {
                bad.add(new Violation("keyItems[" + i + "]", "“" + settings.keyItems().get(i) + "”不是该信息资源的信息项",
                        "'" + settings.keyItems().get(i) + "' is not a data item of the entry"));
            }
        }
        for (String item : settings.codeTables().keySet()) {
            if (!items.containsKey(DataItem.key(item))) {
                bad.add(new Violation("codeTables." + item, "“" + item + "”不是该信息资源的信息项", "'" + item + "' is not a data item of the entry"));
            }
        }
        if (!bad.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "归集设置无效 (invalid aggregation settings)", bad);
        }
        Table t = table(e);
        synchronized (lock(code.value())) {
            try (Connection c = ds.getConnection()) {
                c.setAutoCommit(false);
                try {
                    CollectSettings before = settings(c, code.value());
                    if (!keys(before).equals(keys(settings)) && rowCount(c, code.value()) > 0) {
                        throw new ProblemException(ProblemType.CONFLICT, "信息资源已有数据，不能更改主键信息项 "
                                + "(the entry holds rows: its key items cannot change)");
                    }
                    EntryTables.update(c, "UPDATE COL_ENTRY SET SETTINGS = ?, SETTINGS_BY = ?, SETTINGS_AT = ? WHERE RESOURCE_CODE = ?",
                            JSON.writeValueAsString(settings), actor, Timestamp.from(time.instant()), t.code());
                    audited(new AuditEvent(actor, null, "collect.configure", code.value(), null, null, AuditEvent.Outcome.PERMIT,
                            "key " + settings.keyItems() + ", partial acceptance " + settings.partialAcceptance()
                                    + ", deduplicate " + settings.deduplicate()));
                    c.commit();
                    settingsCache.put(code.value(), settings);
                    return settings;
                } catch (SQLException | IOException | RuntimeException ex) {
                    c.rollback();
                    throw ex;
                }
            } catch (SQLException | IOException ex) {
                throw new IllegalStateException(ex);
            }
        }
    }

    /** Art. 30: nothing changes unaudited; an audit store that cannot write makes the change a 503. */
    private void audited(AuditEvent event) {
        try {
            audit.record(event);
        } catch (AuditUnavailableException e) {
            LOG.error("Aggregation change refused: its audit record could not be written", e);
            throw new ProblemException(ProblemType.SERVICE_UNAVAILABLE, "审计日志暂不可用，本次操作未执行 (the audit trail is "
                    + "unavailable; nothing was changed)");
        }
    }

    private static List<String> keys(CollectSettings s) {
        return s.keyItems().stream().map(DataItem::key).toList();
    }

    /** The code table of an item (by its key), or null. */
    private static Map<String, String> codeTable(CollectSettings s, String itemKey) {
        for (Map.Entry<String, Map<String, String>> ct : s.codeTables().entrySet()) {
            if (DataItem.key(ct.getKey()).equals(itemKey)) {
                return ct.getValue();
            }
        }
        return null;
    }

    private static Map<String, DataItem> itemsByKey(CatalogEntry e) {
        Map<String, DataItem> m = new LinkedHashMap<>();
        for (DataItem i : e.items()) {
            m.put(DataItem.key(i.name()), i);
        }
        return m;
    }

    @Override
    public List<Column> columns(ResourceCode code) {
        CatalogEntry e = entry(code);
        return columns(e, settingsOf(e.code().value()));
    }

    private static List<Column> columns(CatalogEntry e, CollectSettings s) {
        List<String> keys = keys(s);
        return e.items().stream().map(i -> new Column(i, keys.isEmpty() || keys.contains(DataItem.key(i.name())),
                EntryTables.encrypted(i))).toList();
    }

    // ------------------------------------------------------------------ delivery

    /** The current state of a stored record: its version and the hash of its values. */
    private record Current(int version, String hash, boolean exists) {
    }

    /** One row that passed every check. */
    private record Clean(int rowNo, Row.Op op, String key, Object[] values, String hash) {
    }

    @Override
    public BatchReport deliver(Delivery d) {
        if (!BATCH_ID.matcher(d.batchId()).matches()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "批次号无效 (invalid batch id)", List.of(new Violation("batchId",
                    "批次号应为 1 至 " + Delivery.MAX_BATCH_ID + " 个字母、数字或 . _ : -，以字母或数字开头",
                    "a batch id is 1 to " + Delivery.MAX_BATCH_ID + " letters, digits or . _ : -, starting with a letter or digit")));
        }
        CatalogEntry e = entry(d.entry());
        if (e.status() != EntryStatus.PUBLISHED) {
            throw new ProblemException(NOT_PUBLISHED, "信息资源 " + e.code().value() + " 处于“" + e.status().labelZh()
                    + "”状态；归集按已发布的目录进行 (Art. 10: data is aggregated for published entries; this one is "
                    + e.status().labelEn() + ")");
        }
        ContentHash hash = new ContentHash(d.rows());
        Table t = table(e);
        synchronized (lock(t.code())) {
            try (Connection c = ds.getConnection()) {
                c.setAutoCommit(false);
                try {
                    BatchReport earlier = storedBatch(c, t.code(), d.batchId(), true);
                    if (earlier != null && earlier.status() != BatchReport.Status.REJECTED) {
                        String earlierHash = batchHash(c, t.code(), d.batchId());
                        c.rollback();
                        if (!earlierHash.equals(hash.get())) {
                            throw new ProblemException(ProblemType.CONFLICT, "批次 " + d.batchId() + " 已于 " + earlier.receivedAt()
                                    + " 接收且内容不同；请使用新的批次号 (batch " + d.batchId()
                                    + " was already applied with different rows: use a new batch id)");
                        }
                        return earlier.asReplay();
                    }
                    if (earlier != null) {
                        // A rejected batch changed nothing: its id may be used again for the corrected rows.
                        EntryTables.update(c, "DELETE FROM COL_REJECT WHERE RESOURCE_CODE = ? AND BATCH_ID = ?", t.code(), d.batchId());
                        EntryTables.update(c, "DELETE FROM COL_BATCH WHERE RESOURCE_CODE = ? AND BATCH_ID = ?", t.code(), d.batchId());
                    }
                    BatchReport report = apply(c, e, t, d, hash);
                    if (report.status() == BatchReport.Status.REJECTED) {
                        throw rejected(report);
                    }
                    refreshStatistics(c, t);
                    return report;
                } catch (SQLException | RuntimeException ex) {
                    if (!c.getAutoCommit()) {
                        c.rollback();
                    }
                    throw ex;
                }
            } catch (SQLException ex) {
                throw new IllegalStateException("delivery of batch " + d.batchId() + " to " + t.code() + " failed", ex);
            }
        }
    }

    private static ProblemException rejected(BatchReport r) {
        List<Violation> v = r.rejections().stream().map(x -> new Violation(
                "rows[" + x.row() + "]" + (x.item() == null ? "" : "." + x.item()), x.reasonZh(), x.reasonEn())).toList();
        return new ProblemException(BATCH_REJECTED, "批次 " + r.batchId() + " 的 " + r.rows() + " 行中有 " + r.rejected()
                + " 行未通过校验，整批未应用；各行原因见 violations（最多 " + BatchReport.INLINE_REJECTIONS + " 条），全部原因可按批次查询 ("
                + r.rejected() + " of " + r.rows() + " rows failed their checks and nothing was applied; the violations name rows and reasons)", v);
    }

    /** Batches of at least this many rows are checked on every core. */
    private static final int PARALLEL_FROM = 2_000;

    /**
     * What checking one row needs: the storage, the items by key, the key items, the entry's
     * settings and code tables, and the item names as sent mapped to their keys (NFKC, no blanks).
     */
    private record Rules(Table t, Map<String, DataItem> items, List<String> keyItems, boolean wholeRow, CollectSettings s,
            Map<String, Map<String, String>> codeTables, Map<String, String> itemKeys) {
    }

    /** One row checked: its rejections, or its cleaned values with the hashes of its key and content. */
    private record Checked(int rowNo, Row.Op op, List<RowRejection> rejections, String key, Object[] values, String hash,
            long cells, long filled) {
    }

    /** Cleans and checks one row (Art. 13) and hashes its key and content; depends on no other row. */
    private Checked check(Row row, int rowNo, Rules rules) {
        Table t = rules.t();
        CollectSettings s = rules.s();
        List<RowRejection> rowRejections = new ArrayList<>();
        Object[] values = new Object[t.active().size()];
        Map<String, String> given = new HashMap<>(2 * row.values().size());
        for (Map.Entry<String, String> v : row.values().entrySet()) {
            String k = rules.itemKeys().computeIfAbsent(v.getKey(), DataItem::key);
            if (!rules.items().containsKey(k)) {
                rowRejections.add(new RowRejection(rowNo, v.getKey(), "“" + v.getKey() + "”不是该信息资源的信息项",
                        "'" + v.getKey() + "' is not a data item of the entry"));
            } else if (given.put(k, v.getValue()) != null) {
                rowRejections.add(new RowRejection(rowNo, v.getKey(), "信息项重复出现", "the item appears twice"));
            }
        }
        int col = 0;
        StringBuilder keyText = new StringBuilder();
        for (StoredColumn sc : t.active()) {
            DataItem item = rules.items().get(sc.itemKey());
            String raw = given.get(sc.itemKey());
            boolean isKey = rules.keyItems().contains(sc.itemKey());
            if (row.op() == Row.Op.DELETE && !isKey) {
                if (raw != null && !Cleaner.empty(raw, s.cleaning())) {
                    rowRejections.add(new RowRejection(rowNo, item.name(), "删除行只需主键信息项", "a deletion names only the key items"));
                }
                col++;
                continue;
            }
            try {
                Object v = Cleaner.clean(item, raw, s.cleaning(), rules.codeTables().get(sc.itemKey()));
                values[col] = v;
                if (isKey) {
                    if (v == null && !rules.wholeRow()) {
                        rowRejections.add(new RowRejection(rowNo, item.name(), "主键信息项不能为空", "a key item must not be empty"));
                    }
                    if (!keyText.isEmpty()) {
                        keyText.append(KeyHasher.SEPARATOR);
                    }
                    keyText.append(sc.itemKey()).append('=').append(Values.text(v));
                }
            } catch (Cleaner.Rejected r) {
                rowRejections.add(new RowRejection(rowNo, item.name(), r.zh, r.en));
            }
            col++;
        }
        if (!rowRejections.isEmpty()) {
            return new Checked(rowNo, row.op(), rowRejections, null, null, null, 0, 0);
        }
        // The record's content by item, empty cells left out: adding an item to the catalog changes no stored record's hash.
        StringBuilder all = new StringBuilder(512);
        long cells = 0;
        long filled = 0;
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            if (v != null) {
                all.append(t.active().get(i).itemKey()).append('=').append(Values.text(v)).append(KeyHasher.SEPARATOR);
            }
            if (row.op() == Row.Op.UPSERT) {
                cells++;
                if (v != null) {
                    filled++;
                }
            }
        }
        return new Checked(rowNo, row.op(), List.of(), hasher.hash(keyText), values, hasher.hash(all), cells, filled);
    }

    private BatchReport apply(Connection c, CatalogEntry e, Table t, Delivery d, ContentHash contentHash) throws SQLException {
        Instant now = time.instant();
        CollectSettings s = settings(c, t.code());
        Map<String, DataItem> items = itemsByKey(e);
        boolean wholeRow = keys(s).isEmpty();
        List<String> keyItems = wholeRow ? new ArrayList<>(items.keySet()) : keys(s);
        Map<String, Map<String, String>> codeTables = new HashMap<>();
        s.codeTables().forEach((k, v) -> codeTables.put(DataItem.key(k), v));
        List<RowRejection> rejections = new ArrayList<>();
        Map<String, Clean> byKey = new LinkedHashMap<>();
        Map<String, Integer> firstRow = new HashMap<>();
        long filled = 0;
        long cells = 0;
        boolean large = d.rows().size() >= PROGRESS_EVERY * 2;
        // Each row is cleaned, checked and hashed on its own, on every core for a large batch; what
        // depends on earlier rows (duplicate keys) is decided after, in row order.
        Rules rules = new Rules(t, items, keyItems, wholeRow, s, codeTables, new ConcurrentHashMap<>());
        List<Row> rows = d.rows() instanceof java.util.RandomAccess ? d.rows() : new ArrayList<>(d.rows());
        Checked[] checked = new Checked[rows.size()];
        java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
        java.util.stream.IntStream indexes = java.util.stream.IntStream.range(0, rows.size());
        (rows.size() >= PARALLEL_FROM ? indexes.parallel() : indexes).forEach(i -> {
            checked[i] = check(rows.get(i), i + 1, rules);
            int n = done.incrementAndGet();
            if (large && n % PROGRESS_EVERY == 0) {
                LOG.info("Batch {} for {}: {} of {} rows checked", d.batchId(), t.code(), n, rows.size());
            }
        });
        for (Checked ch : checked) {
            if (!ch.rejections().isEmpty()) {
                rejections.addAll(ch.rejections());
                continue;
            }
            Integer seen = firstRow.putIfAbsent(ch.key(), ch.rowNo());
            if (seen != null && !s.deduplicate()) {
                rejections.add(new RowRejection(ch.rowNo(), null, "主键与第 " + seen + " 行重复", "duplicate key: same as row " + seen));
                continue;
            }
            if (seen != null) {
                firstRow.put(ch.key(), ch.rowNo());
            }
            cells += ch.cells();
            filled += ch.filled();
            byKey.remove(ch.key()); // a later row with the same key replaces an earlier one (deduplication)
            byKey.put(ch.key(), new Clean(ch.rowNo(), ch.op(), ch.key(), ch.values(), ch.hash()));
        }
        int rejectedRows = (int) rejections.stream().mapToInt(RowRejection::row).distinct().count();
        BatchReport.Status status = rejectedRows == 0 ? BatchReport.Status.ACCEPTED
                : s.partialAcceptance() && !byKey.isEmpty() ? BatchReport.Status.PARTIALLY_ACCEPTED : BatchReport.Status.REJECTED;
        if (d.rows().isEmpty()) {
            status = BatchReport.Status.REJECTED;
            rejections.add(new RowRejection(0, null, "批次不含任何行", "the batch has no rows"));
        }
        int applied = 0;
        int unchanged = 0;
        if (status != BatchReport.Status.REJECTED) {
            contentHash.startBeside();
            // Deletions of keys that do not exist are rejections too; found here, before anything is written.
            Map<String, Current> current = current(c, t, byKey.keySet());
            List<Clean> toApply = new ArrayList<>();
            for (Clean cl : byKey.values()) {
                Current cur = current.get(cl.key());
                if (cl.op() == Row.Op.DELETE && (cur == null || !cur.exists())) {
                    rejections.add(new RowRejection(cl.rowNo(), null, "没有该主键的记录，无法删除", "no record with this key to delete"));
                    rejectedRows++;
                } else {
                    toApply.add(cl);
                }
            }
            if (rejectedRows > 0 && (!s.partialAcceptance() || toApply.isEmpty())) {
                status = BatchReport.Status.REJECTED;
            } else {
                if (rejectedRows > 0) {
                    status = BatchReport.Status.PARTIALLY_ACCEPTED;
                }
                if (large) {
                    LOG.info("Batch {} for {}: all rows checked; writing {} of them", d.batchId(), t.code(), toApply.size());
                }
                int[] counts = write(c, t, toApply, current, d.batchId(), now);
                applied = counts[0];
                unchanged = counts[1];
            }
        }
        rejections.sort(Comparator.comparingInt(RowRejection::row));
        int received = d.rows().size();
        double validity = received == 0 ? 0 : (received - rejectedRows) / (double) received;
        double completeness = cells == 0 ? 0 : filled / (double) cells;
        Instant last = lastDelivery(c, t.code());
        Instant dueBefore = clock.dueBy(e, last, now).orElse(null);
        boolean timely = dueBefore == null || !now.isAfter(dueBefore);
        BatchReport report = new BatchReport(e.code(), d.batchId(), status, received, applied, unchanged, rejectedRows,
                new Quality(completeness, validity, timely), now, d.actor(),
                rejections.subList(0, Math.min(rejections.size(), BatchReport.INLINE_REJECTIONS)), false);
        storeBatch(c, report, contentHash.get(), rejections);
        if (status != BatchReport.Status.REJECTED) {
            EntryTables.update(c, "UPDATE COL_ENTRY SET LAST_DELIVERY = ? WHERE RESOURCE_CODE = ?", Timestamp.from(now), t.code());
        }
        audited(new AuditEvent(d.actor(), e.provider().value(), "collect.deliver", e.code().value(), null, null,
                status == BatchReport.Status.REJECTED ? AuditEvent.Outcome.DENY : AuditEvent.Outcome.PERMIT,
                "batch " + d.batchId() + ": " + status + ", " + received + " rows, " + applied + " applied, " + unchanged
                        + " unchanged, " + rejectedRows + " rejected"));
        c.commit();
        return report;
    }

    /**
     * The current state of each of {@code keys} that has a stored record, or the last version of a
     * record deleted earlier. Primary-key look-ups of as many keys at once as the database's
     * dialect answers by index ({@link Dialect#keysPerLookup()}): one per statement on Derby,
     * where an {@code IN} list over many keys is a table scan; hundreds on PostgreSQL, where each
     * statement is a round trip.
     */
    private Map<String, Current> current(Connection c, Table t, java.util.Collection<String> keys) throws SQLException {
        Map<String, Current> out = new HashMap<>();
        // A key with no current row has a history only if it was deleted: without any tombstone, skip the probe.
        boolean deletions = hasDeletions(c, t);
        List<String> all = new ArrayList<>(keys);
        int per = Math.min(dialect(c).keysPerLookup(), Math.max(1, all.size())); // keys a statement
        String marks = String.join(", ", java.util.Collections.nCopies(per, "?"));
        try (PreparedStatement data = c.prepareStatement("SELECT ROW_KEY, ROW_VERSION, ROW_HASH FROM " + t.data()
                        + " WHERE ROW_KEY IN (" + marks + ")");
                PreparedStatement history = c.prepareStatement("SELECT MAX(ROW_VERSION) FROM " + t.history() + " WHERE ROW_KEY = ?")) {
            for (int from = 0; from < all.size(); from += per) {
                List<String> chunk = all.subList(from, Math.min(all.size(), from + per));
                for (int i = 0; i < per; i++) {
                    // a short last chunk repeats its first key: the statement keeps one shape
                    data.setString(i + 1, chunk.get(i < chunk.size() ? i : 0));
                }
                try (ResultSet rs = data.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getString(1), new Current(rs.getInt(2), rs.getString(3), true));
                    }
                }
                if (!deletions) {
                    continue;
                }
                for (String key : chunk) {
                    if (out.containsKey(key)) {
                        continue;
                    }
                    // A record deleted earlier has no current row but a history: a new delivery continues it.
                    history.setString(1, key);
                    try (ResultSet rs = history.executeQuery()) {
                        if (rs.next() && rs.getInt(1) > 0) {
                            out.put(key, new Current(rs.getInt(1), null, false));
                        }
                    }
                }
            }
        }
        return out;
    }

    private volatile Dialect dialect;

    private Dialect dialect(Connection c) throws SQLException {
        Dialect d = dialect;
        if (d == null) {
            d = Dialect.of(c);
            dialect = d;
        }
        return d;
    }

    /** Rows each entry's data table held when its statistics were last refreshed, by code. */
    private final Map<String, Long> analysed = new ConcurrentHashMap<>();

    /**
     * After a committed batch: refreshes the planner's statistics of the entry's data table once it
     * holds at least twice the rows it held at the last refresh (so a log2 of the loads, each a
     * sample of the table), where the database needs that ({@link Dialect#analyze}). A failure
     * here costs speed, never the batch, which is committed.
     */
    private void refreshStatistics(Connection c, Table t) {
        try {
            String sql = dialect(c).analyze(t.data());
            if (sql == null) {
                return;
            }
            long rows = rowCount(c, t.code());
            if (rows < 1_000 || rows < 2 * analysed.getOrDefault(t.code(), 0L)) {
                return;
            }
            try (java.sql.Statement st = c.createStatement()) {
                st.execute(sql);
            }
            c.commit();
            analysed.put(t.code(), rows);
        } catch (SQLException ex) {
            LOG.warn("Statistics of {} ({}) not refreshed; look-ups may be slow until the database does it", t.code(), t.data(), ex);
            try {
                c.rollback();
            } catch (SQLException ignored) {
                // the connection goes back to the pool, which rolls back what is open
            }
        }
    }

    /** Entries known to have had a record deleted (a tombstone in their history), by code; looked up once. */
    private final Map<String, Boolean> deletions = new ConcurrentHashMap<>();

    private boolean hasDeletions(Connection c, Table t) throws SQLException {
        Boolean known = deletions.get(t.code());
        if (known == null) {
            try (PreparedStatement any = c.prepareStatement("SELECT 1 FROM " + t.history() + " WHERE OP = 'D' FETCH FIRST 1 ROWS ONLY");
                    ResultSet rs = any.executeQuery()) {
                known = rs.next();
            }
            deletions.put(t.code(), known);
        }
        return known;
    }

    /**
     * Writes the rows; returns {applied, unchanged}. The data table holds each record's current
     * state; the history table the states it had before (a change first copies the stored row there)
     * and a tombstone for each deletion, so a new record costs one row and every earlier state stays
     * recoverable.
     */
    private int[] write(Connection c, Table t, List<Clean> rows, Map<String, Current> current, String batchId, Instant now)
            throws SQLException {
        List<StoredColumn> cols = t.active();
        // one column list for a new record, whether it goes by INSERT or by the bulk-load channel
        List<String> newRecordColumns = insertColumns(cols);
        StringBuilder sets = new StringBuilder();
        for (StoredColumn sc : cols) {
            sets.append(", ").append(sc.column()).append(" = ?");
        }
        StringBuilder every = new StringBuilder(); // retired columns too: a before-image keeps all it had
        for (StoredColumn sc : t.all()) {
            every.append(", ").append(sc.column());
            if (sc.retired()) {
                // a state written after the catalog change has no value for an item the change retired
                sets.append(", ").append(sc.column()).append(" = NULL");
            }
        }
        Timestamp at = Timestamp.from(now);
        int applied = 0;
        int unchanged = 0;
        try (PreparedStatement archive = c.prepareStatement("INSERT INTO " + t.history() + " (ROW_KEY, ROW_VERSION, OP, BATCH_ID, WRITTEN_AT"
                        + every + ") SELECT ROW_KEY, ROW_VERSION, 'U', BATCH_ID, UPDATED_AT" + every + " FROM " + t.data() + " WHERE ROW_KEY = ?");
                PreparedStatement insert = c.prepareStatement("INSERT INTO " + t.data() + " (" + String.join(", ", newRecordColumns) + ") VALUES ("
                        + String.join(", ", java.util.Collections.nCopies(newRecordColumns.size(), "?")) + ")");
                PreparedStatement update = c.prepareStatement("UPDATE " + t.data() + " SET ROW_HASH = ?, ROW_VERSION = ?, BATCH_ID = ?, UPDATED_AT = ?"
                        + sets + " WHERE ROW_KEY = ?");
                PreparedStatement delete = c.prepareStatement("DELETE FROM " + t.data() + " WHERE ROW_KEY = ?");
                PreparedStatement tombstone = c.prepareStatement("INSERT INTO " + t.history()
                        + " (ROW_KEY, ROW_VERSION, OP, BATCH_ID, WRITTEN_AT) VALUES (?, ?, 'D', ?, ?)")) {
            // New records go by the database's bulk-load channel where it has one (PostgreSQL's COPY),
            // after the statements: a connection copying takes no other statement.
            List<Object[]> fresh = BulkLoad.supported(c) ? new ArrayList<>() : null;
            int pending = 0;
            long inserted = 0;
            long deleted = 0;
            for (Clean r : rows) {
                Current cur = current.get(r.key());
                boolean stored = cur != null && cur.exists();
                if (r.op() == Row.Op.UPSERT && stored && r.hash().equals(cur.hash())) {
                    unchanged++;
                    continue;
                }
                int version = cur == null ? 1 : cur.version() + 1;
                if (stored) {
                    archive.setString(1, r.key());
                    archive.addBatch();
                }
                if (r.op() == Row.Op.DELETE) {
                    delete.setString(1, r.key());
                    delete.addBatch();
                    tombstone.setString(1, r.key());
                    tombstone.setInt(2, version);
                    tombstone.setString(3, batchId);
                    tombstone.setTimestamp(4, at);
                    tombstone.addBatch();
                    deleted++;
                } else if (!stored && fresh != null) {
                    Object[] row = new Object[5 + cols.size()];
                    row[0] = r.key();
                    row[1] = r.hash();
                    row[2] = version;
                    row[3] = batchId;
                    row[4] = at;
                    for (int i = 0; i < cols.size(); i++) {
                        Object v = r.values()[i];
                        row[5 + i] = cols.get(i).encrypted() && v != null ? cipher.encrypt(Values.text(v)) : v;
                    }
                    fresh.add(row);
                    inserted++;
                } else if (!stored) {
                    insert.setString(1, r.key());
                    insert.setString(2, r.hash());
                    insert.setInt(3, version);
                    insert.setString(4, batchId);
                    insert.setTimestamp(5, at);
                    bindValues(insert, 6, cols, r.values());
                    insert.addBatch();
                    inserted++;
                } else {
                    update.setString(1, r.hash());
                    update.setInt(2, version);
                    update.setString(3, batchId);
                    update.setTimestamp(4, at);
                    bindValues(update, 5, cols, r.values());
                    update.setString(5 + cols.size(), r.key());
                    update.addBatch();
                }
                applied++;
                if (++pending == 500) {
                    flush(archive, insert, update, delete, tombstone);
                    pending = 0;
                }
            }
            flush(archive, insert, update, delete, tombstone);
            if (fresh != null && !fresh.isEmpty()) {
                // keys are unique within a batch: new records need not come in row order with the statements above
                try (BulkLoad bulk = BulkLoad.open(c, t.data(), newRecordColumns).orElseThrow()) {
                    for (Object[] row : fresh) {
                        bulk.add(row);
                    }
                    bulk.finish();
                }
            }
            EntryTables.update(c, "UPDATE COL_ENTRY SET ROW_COUNT = ROW_COUNT + ? WHERE RESOURCE_CODE = ?", inserted - deleted, t.code());
            if (deleted > 0) {
                // set before the commit: a rolled-back batch leaves it true, which costs probes, never correctness
                deletions.put(t.code(), Boolean.TRUE);
            }
        }
        return new int[] {applied, unchanged};
    }

    private static List<String> insertColumns(List<StoredColumn> cols) {
        List<String> names = new ArrayList<>(List.of("ROW_KEY", "ROW_HASH", "ROW_VERSION", "BATCH_ID", "UPDATED_AT"));
        cols.forEach(sc -> names.add(sc.column()));
        return names;
    }

    /** Runs the batched statements, the before-images first (keys are unique within a batch). */
    private static void flush(PreparedStatement... statements) throws SQLException {
        for (PreparedStatement ps : statements) {
            ps.executeBatch();
        }
    }

    private void bindValues(PreparedStatement ps, int first, List<StoredColumn> cols, Object[] values) throws SQLException {
        for (int i = 0; i < cols.size(); i++) {
            StoredColumn sc = cols.get(i);
            if (sc.encrypted()) {
                ps.setString(first + i, values[i] == null ? null : cipher.encrypt(Values.text(values[i])));
            } else {
                Values.bind(ps, first + i, sc.type(), values[i]);
            }
        }
    }

    /**
     * The {@link #contentHash} of a batch's rows, needed when the batch's report is stored, or first
     * when a batch of the same id was stored before. For a large batch it is computed on a thread of
     * its own once the rows are checked, while the database looks up and writes them: time a core
     * would otherwise spend waiting.
     */
    private static final class ContentHash {
        private final List<Row> rows;
        private CompletableFuture<String> pending;
        private String value;

        ContentHash(List<Row> rows) {
            this.rows = rows;
        }

        void startBeside() {
            if (pending == null && value == null && rows.size() >= PARALLEL_FROM) {
                pending = CompletableFuture.supplyAsync(() -> contentHash(rows));
            }
        }

        String get() {
            if (value == null) {
                value = pending == null ? contentHash(rows) : pending.join();
            }
            return value;
        }
    }

    /** SHA-256 over the rows as sent: what makes a re-sent batch the same batch. */
    static String contentHash(List<Row> rows) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            Map<String, byte[]> names = new HashMap<>(); // item names repeat on every row: encoded once
            for (Row r : rows) {
                md.update((byte) r.op().ordinal());
                for (Map.Entry<String, String> v : r.values().entrySet()) {
                    md.update(names.computeIfAbsent(v.getKey(), k -> k.getBytes(StandardCharsets.UTF_8)));
                    md.update((byte) 0x1F);
                    if (v.getValue() != null) {
                        md.update(v.getValue().getBytes(StandardCharsets.UTF_8));
                    }
                    md.update((byte) 0x1E);
                }
                md.update((byte) 0x1D);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void storeBatch(Connection c, BatchReport r, String hash, List<RowRejection> rejections) throws SQLException {
        EntryTables.update(c, "INSERT INTO COL_BATCH (RESOURCE_CODE, BATCH_ID, CONTENT_HASH, STATUS, ROWS_RECEIVED, ROWS_APPLIED, "
                        + "ROWS_UNCHANGED, ROWS_REJECTED, COMPLETENESS, VALIDITY, TIMELY, RECEIVED_AT, ACTOR) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                r.entry().value(), r.batchId(), hash, r.status().name(), r.rows(), r.applied(), r.unchanged(), r.rejected(),
                r.quality().completeness(), r.quality().validity(), r.quality().timely(), Timestamp.from(r.receivedAt()), r.actor());
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO COL_REJECT (RESOURCE_CODE, BATCH_ID, SEQ, ROW_NO, ITEM_NAME, REASON_ZH, REASON_EN) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            int seq = 0;
            for (RowRejection x : rejections) {
                ps.setString(1, r.entry().value());
                ps.setString(2, r.batchId());
                ps.setInt(3, ++seq);
                ps.setInt(4, x.row());
                ps.setString(5, x.item() == null ? null : Cleaner.abbreviate(x.item()));
                ps.setString(6, x.reasonZh());
                ps.setString(7, x.reasonEn());
                ps.addBatch();
                if (seq % 500 == 0) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
        }
    }

    // ------------------------------------------------------------------ batches

    @Override
    public Optional<BatchReport> batch(ResourceCode entry, String batchId) {
        try (Connection c = ds.getConnection()) {
            return Optional.ofNullable(storedBatch(c, entry.value(), batchId, true));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public List<BatchReport> batches(ResourceCode entry, int offset, int limit) {
        List<BatchReport> out = new ArrayList<>();
        if (limit <= 0) {
            return out;
        }
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT " + BATCH_COLUMNS
                + " FROM COL_BATCH WHERE RESOURCE_CODE = ? ORDER BY RECEIVED_AT DESC, BATCH_ID OFFSET ? ROWS FETCH NEXT ? ROWS ONLY")) {
            ps.setString(1, entry.value());
            ps.setInt(2, offset);
            ps.setInt(3, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(batch(rs, List.of()));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    private static final String BATCH_COLUMNS = "RESOURCE_CODE, BATCH_ID, STATUS, ROWS_RECEIVED, ROWS_APPLIED, ROWS_UNCHANGED, "
            + "ROWS_REJECTED, COMPLETENESS, VALIDITY, TIMELY, RECEIVED_AT, ACTOR";

    private static BatchReport batch(ResultSet rs, List<RowRejection> rejections) throws SQLException {
        return new BatchReport(ResourceCode.parse(rs.getString(1)), rs.getString(2), BatchReport.Status.valueOf(rs.getString(3)),
                rs.getInt(4), rs.getInt(5), rs.getInt(6), rs.getInt(7), new Quality(rs.getDouble(8), rs.getDouble(9), rs.getBoolean(10)),
                rs.getTimestamp(11).toInstant(), rs.getString(12), rejections, false);
    }

    private static BatchReport storedBatch(Connection c, String code, String batchId, boolean withRejections) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + BATCH_COLUMNS + " FROM COL_BATCH WHERE RESOURCE_CODE = ? AND BATCH_ID = ?")) {
            ps.setString(1, code);
            ps.setString(2, batchId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                return batch(rs, withRejections ? rejections(c, code, batchId, 0, BatchReport.INLINE_REJECTIONS) : List.of());
            }
        }
    }

    private static String batchHash(Connection c, String code, String batchId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT CONTENT_HASH FROM COL_BATCH WHERE RESOURCE_CODE = ? AND BATCH_ID = ?")) {
            ps.setString(1, code);
            ps.setString(2, batchId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : "";
            }
        }
    }

    @Override
    public List<RowRejection> rejections(ResourceCode entry, String batchId, int offset, int limit) {
        try (Connection c = ds.getConnection()) {
            return rejections(c, entry.value(), batchId, offset, limit);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<RowRejection> rejections(Connection c, String code, String batchId, int offset, int limit) throws SQLException {
        List<RowRejection> out = new ArrayList<>();
        if (limit <= 0) {
            return out;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT ROW_NO, ITEM_NAME, REASON_ZH, REASON_EN FROM COL_REJECT "
                + "WHERE RESOURCE_CODE = ? AND BATCH_ID = ? ORDER BY SEQ OFFSET ? ROWS FETCH NEXT ? ROWS ONLY")) {
            ps.setString(1, code);
            ps.setString(2, batchId);
            ps.setInt(3, offset);
            ps.setInt(4, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new RowRejection(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4)));
                }
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ reading

    @Override
    public long read(ResourceCode code, RowQuery query, RowSink sink) {
        CatalogEntry e = entry(code);
        Table t = table(e);
        CollectSettings settings = settingsOf(t.code());
        List<Column> all = columns(e, settings);
        // the columns asked for, by position among the active ones
        int[] picked = java.util.stream.IntStream.range(0, all.size())
                .filter(i -> query.items() == null || query.items().contains(all.get(i).name())).toArray();
        List<Column> columns = java.util.Arrays.stream(picked).mapToObj(all::get).toList();
        if (query.limit() == 0) {
            try {
                sink.columns(columns);
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
            return 0;
        }
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false); // PostgreSQL streams with a cursor only inside a transaction
            c.setReadOnly(true);
            List<Object> args = new ArrayList<>();
            String where = visible(c, t, where(e, t, settings, query, args), args);
            StringBuilder sql = new StringBuilder("SELECT ");
            for (int i = 0; i < picked.length; i++) {
                sql.append(i == 0 ? "" : ", ").append(t.active().get(picked[i]).column());
            }
            if (picked.length == 0) {
                sql.append("ROW_KEY");
            }
            sql.append(" FROM ").append(t.data()).append(where);
            if (query.offset() > 0 || query.limit() != Long.MAX_VALUE) {
                // Pages need a stable order; a full read streams the table as stored.
                sql.append(" ORDER BY ROW_KEY OFFSET ").append(query.offset()).append(" ROWS");
                if (query.limit() != Long.MAX_VALUE) {
                    sql.append(" FETCH NEXT ").append(query.limit()).append(" ROWS ONLY");
                }
            }
            long n = 0;
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                ps.setFetchSize(500);
                bindFilters(ps, t, args);
                sink.columns(columns);
                try (ResultSet rs = ps.executeQuery()) {
                    int width = picked.length;
                    StoredColumn[] stored = new StoredColumn[width];
                    for (int i = 0; i < width; i++) {
                        stored[i] = t.active().get(picked[i]);
                    }
                    while (rs.next()) {
                        String[] row = new String[width];
                        for (int i = 0; i < width; i++) {
                            StoredColumn sc = stored[i];
                            row[i] = sc.encrypted() ? cipher.decrypt(rs.getString(i + 1)) : Values.read(rs, i + 1, sc.type());
                        }
                        sink.row(row);
                        n++;
                    }
                }
            }
            c.commit();
            return n;
        } catch (SQLException ex) {
            throw new IllegalStateException("reading " + code.value() + " failed", ex);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public long count(ResourceCode code, RowQuery query) {
        CatalogEntry e = entry(code);
        Table t = table(e);
        try (Connection c = ds.getConnection()) {
            List<Object> args = new ArrayList<>();
            String where = visible(c, t, where(e, t, settingsOf(t.code()), query, args), args);
            if (where.isEmpty()) {
                // no filter and nothing hidden: the count kept in the same transaction as every write
                return rowCount(c, t.code());
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + t.data() + where)) {
                bindFilters(ps, t, args);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        } catch (SQLException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static String where(CatalogEntry e, Table t, CollectSettings s, RowQuery q, List<Object> args) {
        if (q.equal().isEmpty()) {
            return "";
        }
        Map<String, DataItem> items = itemsByKey(e);
        List<Violation> bad = new ArrayList<>();
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> f : q.equal().entrySet()) {
            String k = DataItem.key(f.getKey());
            StoredColumn sc = t.active().stream().filter(x -> x.itemKey().equals(k)).findFirst().orElse(null);
            if (sc == null) {
                bad.add(new Violation(f.getKey(), "“" + f.getKey() + "”不是该信息资源的信息项", "'" + f.getKey() + "' is not a data item of the entry"));
                continue;
            }
            if (sc.encrypted()) {
                bad.add(new Violation(f.getKey(), "加密存储的信息项不能用作筛选条件", "items stored encrypted cannot be filtered on"));
                continue;
            }
            try {
                Object v = Cleaner.clean(items.get(k), f.getValue(), s.cleaning(), codeTable(s, k));
                sb.append(sb.isEmpty() ? " WHERE " : " AND ").append(sc.column()).append(v == null ? " IS NULL" : " = ?");
                if (v != null) {
                    args.add(sc);
                    args.add(v);
                }
            } catch (Cleaner.Rejected r) {
                bad.add(new Violation(f.getKey(), r.zh, r.en));
            }
        }
        if (!bad.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "筛选条件无效 (invalid filter)", bad);
        }
        return sb.toString();
    }

    private static void bindFilters(PreparedStatement ps, Table t, List<Object> args) throws SQLException {
        for (int i = 0; i < args.size(); i += 2) {
            StoredColumn sc = (StoredColumn) args.get(i);
            if (sc == null) {
                ps.setString(i / 2 + 1, (String) args.get(i + 1)); // a resource code
            } else {
                Values.bind(ps, i / 2 + 1, sc.type(), args.get(i + 1));
            }
        }
    }

    /** The keyed hash of a record key given as its values separated by '|' (cleaned as deliveries clean them). */
    private String rowKey(CatalogEntry e, Table t, String key) {
        if (key == null || key.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "缺少主键 (key required)");
        }
        CollectSettings s = settingsOf(t.code());
        Map<String, DataItem> items = itemsByKey(e);
        List<String> keyItems = keys(s).isEmpty() ? new ArrayList<>(items.keySet()) : keys(s);
        String[] parts = key.split(String.valueOf(KeyHasher.SEPARATOR), -1);
        if (parts.length == 1 && keyItems.size() > 1) {
            parts = key.split("\\|", -1);
        }
        if (parts.length != keyItems.size()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "主键应包含 " + keyItems.size() + " 个值，以“|”分隔 (the key has "
                    + keyItems.size() + " values separated by '|')");
        }
        Map<String, Object> given = new HashMap<>();
        for (int i = 0; i < parts.length; i++) {
            String item = keyItems.get(i);
            try {
                given.put(item, Cleaner.clean(items.get(item), parts[i], s.cleaning(), codeTable(s, item)));
            } catch (Cleaner.Rejected r) {
                throw new ProblemException(ProblemType.VALIDATION_FAILED, "主键值无效 (invalid key value)",
                        List.of(new Violation(items.get(item).name(), r.zh, r.en)));
            }
        }
        // The key as deliveries build it: key items in the catalog's order.
        StringBuilder keyText = new StringBuilder();
        for (StoredColumn sc : t.active()) {
            if (given.containsKey(sc.itemKey())) {
                if (!keyText.isEmpty()) {
                    keyText.append(KeyHasher.SEPARATOR);
                }
                keyText.append(sc.itemKey()).append('=').append(Values.text(given.get(sc.itemKey())));
            }
        }
        return hasher.hash(keyText);
    }

    @Override
    public boolean exists(ResourceCode code, String key) {
        CatalogEntry e = entry(code);
        Table t = table(e);
        String rowKey = rowKey(e, t, key);
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT 1 FROM " + t.data() + " WHERE ROW_KEY = ?")) {
            ps.setString(1, rowKey);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException ex) {
            throw new IllegalStateException(ex);
        }
    }

    @Override
    public void hide(ResourceCode code, String key, String hold, String reason, String actor) {
        CatalogEntry e = entry(code);
        Table t = table(e);
        String rowKey = rowKey(e, t, key);
        String why = reason == null || reason.isBlank() ? "下架 (taken down)" : reason.strip();
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM " + t.data() + " WHERE ROW_KEY = ?")) {
                    ps.setString(1, rowKey);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) {
                            throw new java.util.NoSuchElementException("no current record with this key in " + code.value());
                        }
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM COL_HIDDEN WHERE RESOURCE_CODE = ? AND ROW_KEY = ? AND HOLD_ID = ?")) {
                    ps.setString(1, t.code());
                    ps.setString(2, rowKey);
                    ps.setString(3, holdOf(hold));
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            c.rollback();
                            return;
                        }
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO COL_HIDDEN (RESOURCE_CODE, ROW_KEY, HOLD_ID, HIDDEN_MS, ACTOR, REASON) "
                        + "VALUES (?, ?, ?, ?, ?, ?)")) {
                    ps.setString(1, t.code());
                    ps.setString(2, rowKey);
                    ps.setString(3, holdOf(hold));
                    ps.setLong(4, time.millis());
                    ps.setString(5, actor == null ? "system" : actor);
                    ps.setString(6, why.length() > 1000 ? why.substring(0, 1000) : why);
                    ps.executeUpdate();
                }
                audited(new AuditEvent(actor == null ? "system" : actor, null, "collect.hide", t.code(), null, null, AuditEvent.Outcome.SUCCESS,
                        "record " + rowKey.substring(0, 12) + "… hidden (" + holdOf(hold) + "): " + why));
                c.commit();
            } catch (SQLException | RuntimeException ex) {
                c.rollback();
                throw ex;
            }
        } catch (SQLException ex) {
            throw new IllegalStateException(ex);
        }
    }

    @Override
    public void unhide(ResourceCode code, String key, String hold, String reason, String actor) {
        CatalogEntry e = entry(code);
        Table t = table(e);
        String rowKey = rowKey(e, t, key);
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                int n;
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM COL_HIDDEN WHERE RESOURCE_CODE = ? AND ROW_KEY = ? AND HOLD_ID = ?")) {
                    ps.setString(1, t.code());
                    ps.setString(2, rowKey);
                    ps.setString(3, holdOf(hold));
                    n = ps.executeUpdate();
                }
                if (n > 0) {
                    audited(new AuditEvent(actor == null ? "system" : actor, null, "collect.unhide", t.code(), null, null,
                            AuditEvent.Outcome.SUCCESS, "record " + rowKey.substring(0, 12) + "… hold " + holdOf(hold) + " released: "
                                    + (reason == null ? "" : reason.strip())));
                }
                c.commit();
            } catch (SQLException | RuntimeException ex) {
                c.rollback();
                throw ex;
            }
        } catch (SQLException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static String holdOf(String hold) {
        return hold == null || hold.isBlank() ? "-" : hold.strip().length() > 64 ? hold.strip().substring(0, 64) : hold.strip();
    }

    /** Adds "not hidden" to a WHERE clause when the entry has hidden records (Art. 19); binds as a filter pair. */
    private static String visible(Connection c, Table t, String where, List<Object> args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM COL_HIDDEN WHERE RESOURCE_CODE = ? FETCH FIRST 1 ROWS ONLY")) {
            ps.setString(1, t.code());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return where;
                }
            }
        }
        args.add(null);
        args.add(t.code());
        return where + (where.isEmpty() ? " WHERE " : " AND ") + "ROW_KEY NOT IN (SELECT ROW_KEY FROM COL_HIDDEN WHERE RESOURCE_CODE = ?)";
    }

    @Override
    public List<RecordState> history(ResourceCode code, String key) {
        CatalogEntry e = entry(code);
        Table t = table(e);
        String rowKey = rowKey(e, t, key);
        List<StoredColumn> all = t.all();
        StringBuilder columns = new StringBuilder();
        all.forEach(sc -> columns.append(", ").append(sc.column()));
        // earlier states and tombstones, then the current state
        String sql = "SELECT ROW_VERSION, OP, BATCH_ID, WRITTEN_AT" + columns + " FROM " + t.history() + " WHERE ROW_KEY = ? UNION ALL "
                + "SELECT ROW_VERSION, 'U', BATCH_ID, UPDATED_AT" + columns + " FROM " + t.data() + " WHERE ROW_KEY = ? ORDER BY 1";
        List<RecordState> out = new ArrayList<>();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, rowKey);
            ps.setString(2, rowKey);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Row.Op op = "D".equals(rs.getString(2)) ? Row.Op.DELETE : Row.Op.UPSERT;
                    Map<String, String> values = new LinkedHashMap<>();
                    if (op == Row.Op.UPSERT) {
                        // Active columns first, in item order; a retired column fills in for its item where the state predates the change.
                        Map<String, String> byItem = new HashMap<>();
                        for (int i = 0; i < all.size(); i++) {
                            StoredColumn sc = all.get(i);
                            String v = sc.encrypted() ? cipher.decrypt(rs.getString(5 + i)) : Values.read(rs, 5 + i, sc.type());
                            if (v != null && (!sc.retired() || !byItem.containsKey(sc.itemKey()))) {
                                byItem.put(sc.itemKey(), v);
                            }
                        }
                        for (StoredColumn sc : all) {
                            if (!values.containsKey(sc.itemName()) && byItem.containsKey(sc.itemKey())) {
                                values.put(sc.itemName(), byItem.get(sc.itemKey()));
                            }
                        }
                    }
                    out.add(new RecordState(key, rs.getInt(1), op, rs.getString(3), rs.getTimestamp(4).toInstant(), values));
                }
            }
        } catch (SQLException ex) {
            throw new IllegalStateException(ex);
        }
        return out;
    }

    // ------------------------------------------------------------------ freshness

    private static Instant lastDelivery(Connection c, String code) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT LAST_DELIVERY FROM COL_ENTRY WHERE RESOURCE_CODE = ?")) {
            ps.setString(1, code);
            try (ResultSet rs = ps.executeQuery()) {
                Timestamp ts = rs.next() ? rs.getTimestamp(1) : null;
                return ts == null ? null : ts.toInstant();
            }
        }
    }

    private static long rowCount(Connection c, String code) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT ROW_COUNT FROM COL_ENTRY WHERE RESOURCE_CODE = ?")) {
            ps.setString(1, code);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    @Override
    public Freshness freshness(ResourceCode code, Instant now) {
        CatalogEntry e = entry(code);
        try (Connection c = ds.getConnection()) {
            return freshness(c, e, now);
        } catch (SQLException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private Freshness freshness(Connection c, CatalogEntry e, Instant now) throws SQLException {
        Instant last = lastDelivery(c, e.code().value());
        Instant due = clock.dueBy(e, last, now).orElse(null);
        return new Freshness(e.code(), e.name(), e.provider(), e.updateFrequency(), last, due,
                due != null && now.isAfter(due), rowCount(c, e.code().value()));
    }

    @Override
    public List<Freshness> freshness(CreditCode provider, Instant now) {
        List<Freshness> out = new ArrayList<>();
        try (Connection c = ds.getConnection()) {
            for (int offset = 0;; offset += 500) {
                List<CatalogEntry> page = catalog.list(provider, EntryStatus.PUBLISHED, offset, 500);
                for (CatalogEntry e : page) {
                    out.add(freshness(c, e, now));
                }
                if (page.size() < 500) {
                    break;
                }
            }
        } catch (SQLException ex) {
            throw new IllegalStateException(ex);
        }
        out.sort(Comparator.comparing(Freshness::stale).reversed().thenComparing(f -> f.entry().value()));
        return out;
    }
}
