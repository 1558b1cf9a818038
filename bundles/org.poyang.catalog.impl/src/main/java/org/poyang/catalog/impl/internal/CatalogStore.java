package org.poyang.catalog.impl.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.poyang.catalog.api.CatalogEntry;
import org.poyang.catalog.api.ClassificationCode;
import org.poyang.catalog.api.CreditCode;
import org.poyang.catalog.api.DataItem;
import org.poyang.catalog.api.EntryStatus;
import org.poyang.catalog.api.EntryVersion;
import org.poyang.catalog.api.ResourceCode;
import org.poyang.platform.rest.Violation;

/**
 * The catalog's tables within one transaction: current entries (CAT_ENTRY), every version
 * (CAT_ENTRY_VERSION), code sequences (CAT_CODE_SEQ), the one-collector-per-item register
 * (CAT_ITEM_COLLECTOR, CAT_ITEM_USE; Art. 12) and the outbox of catalog events (CAT_OUTBOX).
 * Inserts are batched and flushed before commit, so a bulk import of thousands of entries costs a
 * few round trips per table; the in-memory views of sequences and collectors keep the transaction's
 * own unflushed writes visible to the rules.
 */
final class CatalogStore implements AutoCloseable {

    /** The agency registered as an item's collector and an entry that declared it. */
    record Collector(CreditCode agency, String entryCode, String entryName) {
    }

    static final String ENTRY_COLUMNS = "RESOURCE_CODE, CLASS_CODE, NAME, PROVIDER_CODE, SCOPE_CODE, STATUS, OPEN_TYPE, "
            + "SHARE_TYPE, GRADE, VERSION, SUMMARY, KEYWORDS, ITEM_NAMES, UPDATED_AT, UPDATED_BY";
    /** The current state's full JSON is its latest version's; entries join their current version. */
    static final String CURRENT_DOC = "SELECT v.DOC FROM CAT_ENTRY e JOIN CAT_ENTRY_VERSION v ON v.RESOURCE_CODE = e.RESOURCE_CODE "
            + "AND v.VERSION = e.VERSION";

    private final Connection c;
    private final Map<String, Integer> sequences = new HashMap<>();
    private final Set<String> newSequences = new LinkedHashSet<>();
    private boolean allSequences;
    private final Map<String, Optional<Collector>> collectors = new HashMap<>();
    private boolean preloaded;
    /** Item uses to insert at commit, sorted by key so that the index is written page by page. */
    private final List<String[]> uses = new ArrayList<>();
    private PreparedStatement insertEntry;
    private PreparedStatement insertVersion;
    private PreparedStatement insertCollector;
    private PreparedStatement insertUse;
    private PreparedStatement insertEvent;

    CatalogStore(Connection c) throws SQLException {
        this.c = c;
        c.setAutoCommit(false);
    }

    Connection connection() {
        return c;
    }

    /**
     * The next resource code in {@code classification}. {@link #lockSequences()} must have been called:
     * every creation takes the sequence table first, so concurrent creations queue instead of
     * deadlocking on each other's sequence rows.
     */
    ResourceCode nextCode(ClassificationCode classification) {
        if (!allSequences) {
            throw new IllegalStateException("lockSequences() first");
        }
        Integer last = sequences.get(classification.value());
        if (last == null) {
            last = 0;
            newSequences.add(classification.value());
        }
        int next = last + 1;
        sequences.put(classification.value(), next);
        return ResourceCode.of(classification, next);
    }

    /**
     * Locks the sequence table until commit and reads every sequence; new classifications are
     * inserted at {@link #flush()}.
     */
    void lockSequences() throws SQLException {
        try (java.sql.Statement st = c.createStatement()) {
            st.execute("LOCK TABLE CAT_CODE_SEQ IN EXCLUSIVE MODE");
            try (ResultSet rs = st.executeQuery("SELECT CLASS_CODE, LAST_SEQ FROM CAT_CODE_SEQ")) {
                while (rs.next()) {
                    sequences.putIfAbsent(rs.getString(1), rs.getInt(2));
                }
            }
        }
        allSequences = true;
    }

    /**
     * Art. 12: claims every item of {@code entry} for its collecting agency. An item already claimed by
     * another agency adds a violation naming both entries; claims of this entry are recorded.
     */
    void claimItems(String entryCode, String entryName, List<DataItem> items, String prefix, List<Violation> out)
            throws SQLException {
        claimItems(entryCode, entryCode, entryName, items, prefix, out, true);
    }

    /**
     * Art. 12 for one entry.
     *
     * @param label how refusals of later entries name this one (its code, or its row in an import
     *              whose codes are not yet stored)
     * @param claim false to report conflicts only (an entry refused for other reasons claims nothing)
     */
    void claimItems(String entryCode, String label, String entryName, List<DataItem> items, String prefix, List<Violation> out,
            boolean claim) throws SQLException {
        // Look every item up (and so lock its register row) in key order first: concurrent entries
        // sharing items then lock them in the same order and do not deadlock on each other.
        for (String key : items.stream().map(i -> DataItem.key(i.name())).sorted().distinct().toList()) {
            collector(key);
        }
        for (int n = 0; n < items.size(); n++) {
            DataItem item = items.get(n);
            String key = DataItem.key(item.name());
            Optional<Collector> known = collector(key);
            if (known.isPresent() && !known.get().agency().equals(item.collectingAgency())) {
                Collector k = known.get().entryCode() != null ? known.get() : example(key, entryCode, known.get().agency());
                out.add(new Violation(prefix + "items[" + (n + 1) + "].collectingAgency",
                        "信息项“" + item.name() + "”已由" + (k.entryCode().startsWith("本次") ? "" : "信息资源 ") + k.entryCode() + "“" + k.entryName() + "”登记法定采集部门 " + k.agency()
                                + "；本信息资源“" + entryName + "”声明的采集部门 " + item.collectingAgency()
                                + " 与之不符。一项数据只有一个法定采集部门（第十二条）",
                        "data item '" + item.name() + "' already has collecting agency " + k.agency() + " in entry " + k.entryCode()
                                + " '" + k.entryName() + "'; entry '" + entryName + "' declares " + item.collectingAgency()
                                + ". One data item has exactly one legal collecting agency (Art. 12)"));
                continue;
            }
            if (!claim) {
                continue;
            }
            if (known.isEmpty()) {
                if (insertCollector == null) {
                    insertCollector = c.prepareStatement("INSERT INTO CAT_ITEM_COLLECTOR (ITEM_KEY, ITEM_NAME, COLLECTOR_CODE) VALUES (?, ?, ?)");
                }
                insertCollector.setString(1, key);
                insertCollector.setString(2, item.name());
                insertCollector.setString(3, item.collectingAgency().value());
                insertCollector.addBatch();
                collectors.put(key, Optional.of(new Collector(item.collectingAgency(), label, entryName)));
            }
            uses.add(new String[] {key, entryCode});
        }
    }

    /**
     * Reads the whole collector register at once, for bulk imports: one query instead of one per
     * distinct item name. Entries named in refusals are then looked up only when a conflict occurs.
     */
    void preloadCollectors() throws SQLException {
        if (preloaded) {
            return;
        }
        try (java.sql.Statement st = c.createStatement()) {
            // held until commit: no other transaction can drop or re-register an item meanwhile
            st.execute("LOCK TABLE CAT_ITEM_COLLECTOR IN EXCLUSIVE MODE");
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT ITEM_KEY, COLLECTOR_CODE FROM CAT_ITEM_COLLECTOR");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                collectors.putIfAbsent(rs.getString(1), Optional.of(new Collector(new CreditCode(rs.getString(2).strip()), null, null)));
            }
        }
        preloaded = true;
    }

    private Optional<Collector> collector(String key) throws SQLException {
        Optional<Collector> cached = collectors.get(key);
        if (cached != null || preloaded) {
            return cached == null ? Optional.empty() : cached;
        }
        Optional<Collector> found = Optional.empty();
        // Lock the register row (if any) until commit, so that a concurrent release cannot drop the
        // item and another agency re-register it between this read and this entry's claim.
        try (PreparedStatement lock = c.prepareStatement("UPDATE CAT_ITEM_COLLECTOR SET COLLECTOR_CODE = COLLECTOR_CODE WHERE ITEM_KEY = ?")) {
            lock.setString(1, key);
            if (lock.executeUpdate() == 0) {
                collectors.put(key, found);
                return found;
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT COLLECTOR_CODE FROM CAT_ITEM_COLLECTOR WHERE ITEM_KEY = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    found = Optional.of(new Collector(new CreditCode(rs.getString(1).strip()), null, null));
                }
            }
        }
        collectors.put(key, found);
        return found;
    }

    /** An entry other than {@code exceptEntry} that declared {@code agency} as the collector of {@code key}. */
    private Collector example(String key, String exceptEntry, CreditCode agency) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT u.RESOURCE_CODE, e.NAME FROM CAT_ITEM_USE u "
                + "JOIN CAT_ENTRY e ON e.RESOURCE_CODE = u.RESOURCE_CODE WHERE u.ITEM_KEY = ? AND u.RESOURCE_CODE <> ? "
                + "ORDER BY u.RESOURCE_CODE")) {
            ps.setString(1, key);
            ps.setString(2, exceptEntry);
            ps.setMaxRows(1);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return new Collector(agency, rs.getString(1), rs.getString(2));
                }
            }
        }
        return new Collector(agency, "?", "?");
    }

    /**
     * Releases the Art. 12 claims of an entry whose current items are {@code items} (before they are
     * claimed again, or when the entry is withdrawn); an item no other entry declares leaves the register.
     */
    void releaseItems(String entryCode, List<DataItem> items) throws SQLException {
        try (PreparedStatement del = c.prepareStatement("DELETE FROM CAT_ITEM_USE WHERE ITEM_KEY = ? AND RESOURCE_CODE = ?");
                PreparedStatement orphan = c.prepareStatement("DELETE FROM CAT_ITEM_COLLECTOR WHERE ITEM_KEY = ? AND NOT EXISTS "
                        + "(SELECT 1 FROM CAT_ITEM_USE u WHERE u.ITEM_KEY = CAT_ITEM_COLLECTOR.ITEM_KEY)")) {
            for (String k : items.stream().map(i -> DataItem.key(i.name())).sorted().distinct().toList()) { // key order, as claims
                del.setString(1, k);
                del.setString(2, entryCode);
                del.executeUpdate();
                orphan.setString(1, k);
                orphan.executeUpdate();
                collectors.remove(k);
                preloaded = false;
            }
        }
    }

    /** Adds a new entry (version 1). */
    void insert(CatalogEntry e, EntryVersion.Action action, String reason) throws SQLException {
        if (insertEntry == null) {
            insertEntry = c.prepareStatement("INSERT INTO CAT_ENTRY (" + ENTRY_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        }
        bindEntry(insertEntry, e, 1);
        insertEntry.addBatch();
        version(e, action, reason);
    }

    /** Replaces the current state of an entry if it is still at {@code expectedVersion}; false when it moved on. */
    boolean replace(CatalogEntry e, int expectedVersion, EntryVersion.Action action, String reason) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE CAT_ENTRY SET CLASS_CODE = ?, NAME = ?, PROVIDER_CODE = ?, "
                + "SCOPE_CODE = ?, STATUS = ?, OPEN_TYPE = ?, SHARE_TYPE = ?, GRADE = ?, VERSION = ?, SUMMARY = ?, KEYWORDS = ?, "
                + "ITEM_NAMES = ?, UPDATED_AT = ?, UPDATED_BY = ? WHERE RESOURCE_CODE = ? AND VERSION = ?")) {
            bindEntry(ps, e, 0);
            ps.setString(15, e.code().value());
            ps.setInt(16, expectedVersion);
            if (ps.executeUpdate() == 0) {
                return false;
            }
        }
        version(e, action, reason);
        return true;
    }

    private static void bindEntry(PreparedStatement ps, CatalogEntry e, int offset) throws SQLException {
        int i = 1;
        if (offset == 1) {
            ps.setString(i++, e.code().value());
        }
        ps.setString(i++, e.classification().value());
        ps.setString(i++, e.name());
        ps.setString(i++, e.provider().value());
        ps.setString(i++, e.scope().value());
        ps.setString(i++, e.status().name());
        ps.setString(i++, e.openType().name());
        ps.setString(i++, e.shareType().name());
        ps.setString(i++, e.grade().code());
        ps.setInt(i++, e.version());
        ps.setString(i++, e.summary());
        ps.setString(i++, truncate(String.join(" ", e.keywords()), 1000));
        ps.setString(i++, String.join(" ", e.items().stream().map(DataItem::name).toList()));
        ps.setTimestamp(i++, Timestamp.from(e.updatedAt()));
        ps.setString(i, e.updatedBy());
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    private void version(CatalogEntry e, EntryVersion.Action action, String reason) throws SQLException {
        if (insertVersion == null) {
            insertVersion = c.prepareStatement("INSERT INTO CAT_ENTRY_VERSION (RESOURCE_CODE, VERSION, ACTION, ACTOR, REASON, "
                    + "CHANGED_AT, DOC) VALUES (?, ?, ?, ?, ?, ?, ?)");
        }
        insertVersion.setString(1, e.code().value());
        insertVersion.setInt(2, e.version());
        insertVersion.setString(3, action.name());
        insertVersion.setString(4, e.updatedBy());
        insertVersion.setString(5, reason);
        insertVersion.setTimestamp(6, Timestamp.from(e.updatedAt()));
        insertVersion.setString(7, EntryJson.write(e));
        insertVersion.addBatch();
    }

    /**
     * Records a catalog event in the outbox, in the same transaction as the change (DESIGN: domain
     * events with an outbox), for federation and the other modules to pick up.
     */
    void event(String topic, CatalogEntry e) throws SQLException {
        if (insertEvent == null) {
            insertEvent = c.prepareStatement("INSERT INTO CAT_OUTBOX (TOPIC, RESOURCE_CODE, VERSION, CREATED_AT, PAYLOAD) VALUES (?, ?, ?, ?, ?)");
        }
        insertEvent.setString(1, topic);
        insertEvent.setString(2, e.code().value());
        insertEvent.setInt(3, e.version());
        insertEvent.setTimestamp(4, Timestamp.from(e.updatedAt()));
        insertEvent.setString(5, "{\"code\":\"" + e.code().value() + "\",\"version\":" + e.version() + ",\"status\":\"" + e.status()
                + "\",\"openType\":\"" + e.openType() + "\",\"shareType\":\"" + e.shareType() + "\"}");
        insertEvent.addBatch();
    }

    /** Executes every batched insert and writes back the sequences; {@link #commit()} follows. */
    void flush() throws SQLException {
        if (!uses.isEmpty()) {
            uses.sort(java.util.Comparator.<String[], String>comparing(u -> u[0]).thenComparing(u -> u[1]));
            insertUse = c.prepareStatement("INSERT INTO CAT_ITEM_USE (ITEM_KEY, RESOURCE_CODE) VALUES (?, ?)");
            for (String[] u : uses) {
                insertUse.setString(1, u[0]);
                insertUse.setString(2, u[1]);
                insertUse.addBatch();
            }
        }
        for (PreparedStatement ps : new PreparedStatement[] {insertEntry, insertCollector, insertUse, insertVersion, insertEvent}) {
            if (ps != null) {
                ps.executeBatch();
            }
        }
        if (!newSequences.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO CAT_CODE_SEQ (CLASS_CODE, LAST_SEQ) VALUES (?, 0)")) {
                for (String code : newSequences) {
                    ps.setString(1, code);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE CAT_CODE_SEQ SET LAST_SEQ = ? WHERE CLASS_CODE = ?")) {
            for (Map.Entry<String, Integer> s : sequences.entrySet()) {
                ps.setInt(1, s.getValue());
                ps.setString(2, s.getKey());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Commits what {@link #flush()} wrote. Takes no new locks, so it may run under a Java monitor. */
    void commit() throws SQLException {
        c.commit();
    }

    /** How many entry versions are stored; the search index compares it with the versions it applied. */
    static long versionCount(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM CAT_ENTRY_VERSION"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The current state of an entry, read for update when {@code lock}. */
    static Optional<CatalogEntry> current(Connection c, ResourceCode code) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(CURRENT_DOC + " WHERE e.RESOURCE_CODE = ?")) {
            ps.setString(1, code.value());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(EntryJson.entry(rs.getString(1))) : Optional.empty();
            }
        }
    }

    /** Every version of an entry, or one of them when {@code only} > 0. */
    static List<EntryVersion> versions(Connection c, ResourceCode code, int only) throws SQLException {
        List<EntryVersion> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT VERSION, ACTION, ACTOR, REASON, CHANGED_AT, DOC FROM CAT_ENTRY_VERSION "
                + "WHERE RESOURCE_CODE = ?" + (only > 0 ? " AND VERSION = ?" : "") + " ORDER BY VERSION")) {
            ps.setString(1, code.value());
            if (only > 0) {
                ps.setInt(2, only);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new EntryVersion(rs.getInt(1), EntryVersion.Action.valueOf(rs.getString(2)), rs.getString(3),
                            rs.getString(4), rs.getTimestamp(5).toInstant(), EntryJson.entry(rs.getString(6))));
                }
            }
        }
        return out;
    }

    /** Streams every current entry to {@code sink} (index rebuilds). */
    static void forEach(Connection c, Consumer<CatalogEntry> sink) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(CURRENT_DOC)) {
            ps.setFetchSize(500);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sink.accept(EntryJson.entry(rs.getString(1)));
                }
            }
        }
    }

    /** Current entries by provider and state, ordered by code. */
    static List<CatalogEntry> list(Connection c, CreditCode provider, EntryStatus status, int offset, int limit) throws SQLException {
        StringBuilder sql = new StringBuilder(CURRENT_DOC + " WHERE 1 = 1");
        if (provider != null) {
            sql.append(" AND e.PROVIDER_CODE = ?");
        }
        if (status != null) {
            sql.append(" AND e.STATUS = ?");
        }
        sql.append(" ORDER BY e.RESOURCE_CODE OFFSET ? ROWS FETCH NEXT ? ROWS ONLY");
        List<CatalogEntry> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            int i = 1;
            if (provider != null) {
                ps.setString(i++, provider.value());
            }
            if (status != null) {
                ps.setString(i++, status.name());
            }
            ps.setInt(i++, offset);
            ps.setInt(i, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(EntryJson.entry(rs.getString(1)));
                }
            }
        }
        return out;
    }

    @Override
    public void close() throws SQLException {
        for (PreparedStatement ps : new PreparedStatement[] {insertEntry, insertCollector, insertUse, insertVersion, insertEvent}) {
            if (ps != null) {
                ps.close();
            }
        }
    }
}
