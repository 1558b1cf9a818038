package org.poyang.catalog.impl.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import javax.sql.DataSource;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.poyang.catalog.api.Agency;
import org.poyang.catalog.api.AgencyService;
import org.poyang.catalog.api.CatalogEntry;
import org.poyang.catalog.api.CatalogQuery;
import org.poyang.catalog.api.CatalogSearchResult;
import org.poyang.catalog.api.CatalogService;
import org.poyang.catalog.api.CreditCode;
import org.poyang.catalog.api.Difference;
import org.poyang.catalog.api.EntryDraft;
import org.poyang.catalog.api.EntryStatus;
import org.poyang.catalog.api.EntryVersion;
import org.poyang.catalog.api.EntryVersion.Action;
import org.poyang.catalog.api.ResourceCode;
import org.poyang.platform.persistence.Schema;
import org.poyang.security.api.AuditEvent;
import org.poyang.security.api.AuditTrail;
import org.poyang.security.api.AuditUnavailableException;
import org.poyang.platform.rest.ProblemException;
import org.poyang.platform.rest.ProblemType;
import org.poyang.platform.rest.Violation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The catalog (目录管理) over the CAT_* tables with a Lucene index beside them. Each call is one
 * transaction: content rules ({@link EntryRules}), the Art. 12 collector register, the new version
 * and the outbox event commit together or not at all; the index follows the commit.
 */
@Component(service = CatalogService.class, configurationPid = CatalogConfig.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = CatalogConfig.class)
public final class JdbcCatalogService implements CatalogService {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcCatalogService.class);
    /** Dates in the catalog (publication dates) are Beijing time. */
    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    static final ProblemType ILLEGAL_TRANSITION = new ProblemType("catalog-illegal-transition", 409,
            "该目录状态下不允许此操作", "This action is not allowed in the entry's current state");
    static final ProblemType VERSION_CONFLICT = new ProblemType("catalog-version-conflict", 409,
            "目录已被他人修改，请基于最新版本重新编辑", "The entry changed since this edit began; edit the latest version");
    static final ProblemType CONCURRENT_CHANGE = new ProblemType("catalog-concurrent-change", 409,
            "目录正被同时修改，请重试", "The catalog was changed concurrently; retry");
    static final int MAX_ACTOR = 100;

    private final DataSource dataSource;
    private final AgencyService agencies;
    private final AuditTrail audit;
    private final CatalogIndex index;
    private volatile int generalLevels;
    private final Path indexDir;
    private final Clock clock;
    private final Map<CreditCode, String> agencyNames = new ConcurrentHashMap<>();
    /**
     * Held from a write's database commit until its index update: two changes of one entry reach the
     * index in the order they committed (the database's row lock orders the commits themselves).
     */
    private final Object commitOrder = new Object();
    /** Applies committed changes to the index one at a time, in commit order. */
    private final ExecutorService indexer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "poyang-catalog-indexer");
        t.setDaemon(true);
        return t;
    });
    /** Bulk creations larger than this return once stored; their entries become searchable moments later. */
    static final int ASYNC_INDEX_THRESHOLD = 100;

    @Activate
    public JdbcCatalogService(@Reference(target = "(poyang.db.dialect=*)") DataSource dataSource,
            @Reference(target = "(" + Schema.BUNDLE + "=org.poyang.catalog.impl)") Schema schema,
            @Reference AgencyService agencies, @Reference AuditTrail audit, CatalogConfig config, BundleContext context) {
        this(dataSource, agencies, audit, indexPath(config, context.getProperty("poyang.data.dir")), config.generalLevels(),
                Clock.systemUTC());
    }

    /** Outside OSGi (tests, the benchmark harness): the schema must already be migrated. */
    JdbcCatalogService(DataSource dataSource, AgencyService agencies, AuditTrail audit, Path indexDir, int generalLevels,
            Clock clock) {
        if (generalLevels < 1 || generalLevels > org.poyang.catalog.api.Grade.MAX_GENERAL_LEVEL) {
            throw new IllegalArgumentException("generalLevels must lie between 1 and 9: " + generalLevels);
        }
        this.dataSource = dataSource;
        this.agencies = agencies;
        this.audit = audit;
        this.generalLevels = generalLevels;
        this.indexDir = indexDir;
        this.clock = clock;
        try {
            this.index = new CatalogIndex(indexDir);
            reconcile();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the catalog index at " + indexDir, e);
        }
    }

    /**
     * Applies a configuration update in place: the number of general levels holds for the next
     * change. Moving the index directory needs a restart (the index is rebuilt there from the
     * database), so it is only announced here.
     */
    @Modified
    void modified(CatalogConfig config, BundleContext context) {
        int levels = config.generalLevels();
        if (levels < 1 || levels > org.poyang.catalog.api.Grade.MAX_GENERAL_LEVEL) {
            LOG.error("Ignoring generalLevels {}: it must lie between 1 and 9; keeping {}", levels, generalLevels);
        } else if (levels != generalLevels) {
            LOG.info("Catalog general levels changed from {} to {}", generalLevels, levels);
            generalLevels = levels;
        }
        Path wanted = indexPath(config, context.getProperty("poyang.data.dir"));
        if (!wanted.toAbsolutePath().normalize().equals(indexDir.toAbsolutePath().normalize())) {
            LOG.warn("The catalog index moves to {} at the next start; it stays at {} until then", wanted, indexDir);
        }
    }

    static Path indexPath(CatalogConfig config, String dataDir) {
        Path p = Path.of(config.indexDirectory());
        return p.isAbsolute() ? p : Path.of(dataDir == null ? "data" : dataDir).resolve(p);
    }

    @Deactivate
    void close() throws IOException {
        indexer.shutdown();
        try {
            if (!indexer.awaitTermination(60, TimeUnit.SECONDS)) {
                LOG.warn("Catalog indexing did not finish within 60 s; the index will be rebuilt at the next start");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        index.close();
    }

    /** Queues the indexing of committed entries behind every earlier commit's. */
    private Future<?> index(List<CatalogEntry> entries, boolean durable) {
        if (indexer.isShutdown()) {
            // stopping: the change is stored; the index catches up when it is rebuilt at the next start
            return java.util.concurrent.CompletableFuture.completedFuture(null);
        }
        return indexer.submit(() -> {
            try {
                index.put(entries, this::providerName);
                if (durable) {
                    index.commit(entries.size());
                } else {
                    index.publish(entries.size());
                }
            } catch (RuntimeException e) {
                LOG.error("Catalog index update failed for {} entries; the index will be rebuilt at the next start", entries.size(), e);
                throw e;
            }
        });
    }

    /** Waits until every change committed so far is searchable. */
    void awaitIndexed() {
        await(indexer.submit(() -> { }));
    }

    private static void await(Future<?> f) {
        try {
            f.get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // the change is stored; search catches up at the latest when the index is rebuilt at start
            LOG.warn("Catalog change stored but not yet searchable", e);
        }
    }

    /** Whether activation had to rebuild the index (for tests and the log). */
    private boolean rebuiltAtStart;

    boolean rebuiltAtStart() {
        return rebuiltAtStart;
    }

    /** Rebuilds the index when it does not hold exactly what the database holds. */
    private void reconcile() throws IOException {
        try (Connection c = dataSource.getConnection()) {
            long db = CatalogStore.versionCount(c);
            long indexed = index.applied();
            if (db == indexed) {
                return;
            }
            rebuiltAtStart = true;
            LOG.info("Catalog index holds {} of {} entry versions; rebuilding it", Math.max(indexed, 0), db);
            long t0 = System.nanoTime();
            index.clear();
            c.setAutoCommit(false); // lets PostgreSQL stream the rows instead of loading them all
            List<CatalogEntry> batch = new ArrayList<>();
            int[] n = {0};
            CatalogStore.forEach(c, e -> {
                batch.add(e);
                n[0]++;
                if (batch.size() == 1000) {
                    index.put(batch, this::providerName);
                    batch.clear();
                }
            });
            c.commit(); // read only; ends the transaction opened for streaming
            index.put(batch, this::providerName);
            index.commit(db);
            LOG.info("Catalog index rebuilt: {} entries in {} ms", n[0], (System.nanoTime() - t0) / 1_000_000);
        } catch (SQLException e) {
            throw new IllegalStateException("catalog unavailable", e);
        }
    }

    private String providerName(CatalogEntry e) {
        String cached = agencyNames.get(e.provider());
        if (cached != null) {
            return cached;
        }
        return agencies.find(e.provider()).map(a -> {
            agencyNames.put(e.provider(), a.name());
            return a.name();
        }).orElse("");
    }

    private EntryRules.Context context(Optional<CatalogEntry> previous) {
        Map<CreditCode, Optional<Agency>> seen = new LinkedHashMap<>();
        Function<CreditCode, Optional<Agency>> lookup = code -> seen.computeIfAbsent(code, agencies::find);
        return new EntryRules.Context(lookup, previous, generalLevels);
    }

    private static String actor(String actor) {
        if (actor == null || actor.isBlank()) {
            return "anonymous";
        }
        String a = actor.strip();
        return a.length() > MAX_ACTOR ? a.substring(0, MAX_ACTOR) : a;
    }

    @Override
    public CatalogEntry create(EntryDraft draft, String actor) {
        return store(List.of(draft), actor, "").get(0);
    }

    @Override
    public List<CatalogEntry> createAll(List<EntryDraft> drafts, String actor) {
        if (drafts.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "导入内容为空 (nothing to import)",
                    List.of(new Violation("rows", "没有可导入的信息资源", "no entries to import")));
        }
        if (drafts.size() > MAX_IMPORT) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "一次最多导入 " + MAX_IMPORT + " 条 (too many rows)",
                    List.of(new Violation("rows", "一次最多导入 " + MAX_IMPORT + " 条信息资源，本次 " + drafts.size() + " 条",
                            "at most " + MAX_IMPORT + " entries per import, got " + drafts.size())));
        }
        return store(drafts, actor, null);
    }

    /** Creates drafts in one transaction; {@code prefix} null means "rows[n]." per draft. */
    private List<CatalogEntry> store(List<EntryDraft> drafts, String actor, String prefix) {
        String who = actor(actor);
        Instant now = clock.instant();
        List<Violation> violations = new ArrayList<>();
        List<CatalogEntry> created = new ArrayList<>();
        EntryRules.Context ctx = context(Optional.empty());
        return inTransaction((c, store) -> {
            store.lockSequences();
            if (drafts.size() > ASYNC_INDEX_THRESHOLD) {
                store.preloadCollectors();
            }
            for (int n = 0; n < drafts.size(); n++) {
                String p = prefix != null ? prefix : "rows[" + (n + 1) + "].";
                EntryDraft d = drafts.get(n);
                if (d == null) {
                    violations.add(new Violation(p.isEmpty() ? "entry" : p.substring(0, p.length() - 1), "内容为空", "empty entry"));
                    continue;
                }
                EntryRules.Checked checked = EntryRules.checked(d, ctx, p, violations);
                String label = prefix == null ? "本次导入的第 " + (n + 1) + " 条" : null;
                if (checked.content().isEmpty()) {
                    if (checked.items() != null) { // report its Art. 12 conflicts too, claiming nothing
                        store.claimItems("", label == null ? "" : label, checked.name(), checked.items(), p, violations, false);
                    }
                    continue;
                }
                EntryRules.Content k = checked.content().get();
                ResourceCode code = store.nextCode(k.classification());
                store.claimItems(code.value(), label == null ? code.value() : label, k.name(), k.items(), p, violations, true);
                CatalogEntry e = entry(code, k, EntryStatus.DRAFT, 1, null, now, who);
                store.insert(e, Action.CREATE, null);
                created.add(e);
            }
            if (!violations.isEmpty()) {
                c.rollback();
                throw refused(violations, prefix == null ? drafts.size() : 0);
            }
            String detail = created.size() == 1 ? null : created.size() + " 条 (entries) " + created.get(0).code() + " … "
                    + created.get(created.size() - 1).code();
            boolean bulk = created.size() > ASYNC_INDEX_THRESHOLD; // bulk: synced to disk at once, searchable moments later
            commitAndIndex(store, created, bulk, bulk, new AuditEvent(who, null,
                    created.size() == 1 ? "catalog.entry.create" : "catalog.entry.import",
                    created.size() == 1 ? created.get(0).code().value() : null, null, null, AuditEvent.Outcome.SUCCESS, detail));
            return created;
        });
    }

    /** Work done in one catalog transaction. */
    @FunctionalInterface
    private interface Work<T> {
        T run(Connection c, CatalogStore store) throws SQLException;
    }

    /**
     * Runs {@code work} in one transaction: anything it throws rolls the transaction back, and
     * database failures reach the caller as {@link #unavailable(SQLException)} says.
     */
    private <T> T inTransaction(Work<T> work) {
        try (Connection c = dataSource.getConnection(); CatalogStore store = new CatalogStore(c)) {
            try {
                return work.run(c, store);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    /**
     * Writes what {@code store} holds, makes the audit record of the change durable (Art. 30: no
     * administrative action goes unaudited; when the audit trail cannot write, nothing is committed
     * and the caller gets 503), commits, and hands {@code changed} to the indexer in commit order;
     * waits until they are searchable unless {@code background}.
     */
    private void commitAndIndex(CatalogStore store, List<CatalogEntry> changed, boolean durable, boolean background,
            AuditEvent event) throws SQLException {
        store.flush();
        try {
            audit.record(event);
        } catch (AuditUnavailableException e) {
            if (Thread.currentThread().isInterrupted()) {
                // the instance is stopping (or the caller gave up): nothing to chase, no stack trace
                LOG.info("Catalog change not made: interrupted while its audit record was being written");
            } else {
                LOG.error("Catalog change refused: its audit record could not be written", e);
            }
            throw new ProblemException(ProblemType.SERVICE_UNAVAILABLE, "审计日志暂不可用，本次操作未执行 (the audit trail is "
                    + "unavailable; nothing was changed)");
        }
        Future<?> indexed;
        synchronized (commitOrder) {
            store.commit();
            indexed = index(changed, durable);
        }
        if (!background) {
            await(indexed);
        }
    }

    /** Most violations listed in one refusal; the rest are counted. */
    static final int MAX_VIOLATIONS = 1000;

    private static ProblemException refused(List<Violation> all, int rows) {
        List<Violation> violations = all;
        if (all.size() > MAX_VIOLATIONS) {
            violations = new ArrayList<>(all.subList(0, MAX_VIOLATIONS));
            violations.add(new Violation("rows", "另有 " + (all.size() - MAX_VIOLATIONS) + " 处问题未列出，请先改正以上问题",
                    (all.size() - MAX_VIOLATIONS) + " more problems not listed; fix the ones above first"));
        }
        long badRows = all.stream().map(v -> v.field().replaceAll("^(rows\\[\\d+\\]).*", "$1")).distinct().count();
        String detail = rows > 0
                ? rows + " 条中有 " + badRows + " 条不符合要求，共 " + violations.size() + " 处；未导入任何内容 (" + badRows + " of " + rows
                        + " rows broke " + all.size() + " rule(s); nothing was imported)"
                : "信息资源有 " + violations.size() + " 处不符合要求 (" + violations.size() + " rule(s) broken)";
        return new ProblemException(ProblemType.VALIDATION_FAILED, detail, violations);
    }

    static CatalogEntry entry(ResourceCode code, EntryRules.Content k, EntryStatus status, int version, LocalDate publishedOn,
            Instant at, String by) {
        return new CatalogEntry(code, k.classification(), k.name(), k.provider(), k.summary(), k.format(), k.items(),
                k.shareType(), k.shareConditions(), k.shareMethod(), k.legalBasis(), k.openType(), k.openConditions(),
                k.openBasis(), k.openBasisNote(), k.updateFrequency(), publishedOn, k.relatedCodes(), k.keywords(),
                k.baseDatabase(), k.thematicDatabase(), k.priorityCategory(), k.scope(), k.grade(), status, version, at, by);
    }

    @Override
    public CatalogEntry update(ResourceCode code, EntryDraft draft, int expectedVersion, String actor, String reason) {
        String who = actor(actor);
        Instant now = clock.instant();
        return inTransaction((c, store) -> {
            CatalogEntry cur = CatalogStore.current(c, code).orElseThrow(() -> notFound(code));
            if (!cur.status().editable()) {
                throw new ProblemException(ILLEGAL_TRANSITION, "信息资源 " + code + " 当前状态为“" + cur.status().labelZh()
                        + "”，不能修改 (an entry that is " + cur.status().labelEn() + " cannot be edited)");
            }
            if (cur.version() != expectedVersion) {
                throw new ProblemException(VERSION_CONFLICT, "当前版本为 " + cur.version() + "，编辑基于版本 " + expectedVersion
                        + " (current version is " + cur.version() + ", the edit started from " + expectedVersion + ")");
            }
            List<Violation> violations = new ArrayList<>();
            String why = reason == null || reason.isBlank() ? null : reason.strip();
            if (cur.status() == EntryStatus.PUBLISHED && why == null) {
                violations.add(new Violation("reason", "修改已发布的信息资源须说明调整原因（第九条，目录动态调整）",
                        "changing a published entry needs a reason (Art. 9, catalog adjustment)"));
            }
            if (why != null && why.length() > MAX_TEXT_LENGTH) {
                violations.add(new Violation("reason", "调整原因不得超过 " + MAX_TEXT_LENGTH + " 个字符", "reason too long"));
            }
            Optional<EntryRules.Content> content = EntryRules.check(draft, context(Optional.of(cur)), "", violations);
            if (content.isPresent()) {
                EntryRules.Content k = content.get();
                if (!k.classification().equals(cur.classification())) {
                    violations.add(new Violation("classification", "分类代码决定信息资源代码，创建后不可修改；请撤销后按新分类重新编目（第九条）",
                            "the classification is part of the resource code and cannot change; withdraw and catalogue anew (Art. 9)"));
                }
                if (!k.provider().equals(cur.provider())) {
                    violations.add(new Violation("provider", "信息资源的提供方不可变更（第九条）", "an entry's provider cannot change (Art. 9)"));
                }
                if (violations.isEmpty()) {
                    store.releaseItems(code.value(), cur.items());
                    store.claimItems(code.value(), k.name(), k.items(), "", violations);
                }
            }
            if (!violations.isEmpty()) {
                c.rollback();
                throw refused(violations, 0);
            }
            CatalogEntry next = entry(code, content.get(), cur.status(), cur.version() + 1, cur.publishedOn(), now, who);
            if (!store.replace(next, expectedVersion, Action.UPDATE, why)) {
                c.rollback();
                throw new ProblemException(VERSION_CONFLICT, "信息资源 " + code + " 刚被他人修改 (changed concurrently)");
            }
            if (next.status() == EntryStatus.PUBLISHED) {
                store.event("catalog/entry/changed", next);
            }
            commitAndIndex(store, List.of(next), false, false, new AuditEvent(who, null, "catalog.entry.update", code.value(), null,
                    null, AuditEvent.Outcome.SUCCESS, "version " + next.version() + (why == null ? "" : ": " + why)));
            return next;
        });
    }

    @Override
    public CatalogEntry transition(ResourceCode code, Action action, String actor, String reason) {
        String who = actor(actor);
        String why = reason == null || reason.isBlank() ? null : reason.strip();
        EntryStatus target = switch (action) {
            case SUBMIT -> EntryStatus.SUBMITTED;
            case PUBLISH -> EntryStatus.PUBLISHED;
            case RETURN -> EntryStatus.RETURNED;
            case WITHDRAW -> EntryStatus.WITHDRAWN;
            case CREATE, UPDATE -> throw new ProblemException(ProblemType.BAD_REQUEST,
                    "创建和修改不是状态操作 (create and update are not lifecycle actions)");
        };
        if ((action == Action.RETURN || action == Action.WITHDRAW) && why == null) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, action.labelZh() + "须说明理由 (a reason is required)",
                    List.of(new Violation("reason", action.labelZh() + "信息资源须说明理由（第九条）", "a " + action.labelEn()
                            + " entry needs a reason (Art. 9)")));
        }
        if (why != null && why.length() > MAX_TEXT_LENGTH) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "理由过长 (reason too long)",
                    List.of(new Violation("reason", "理由不得超过 " + MAX_TEXT_LENGTH + " 个字符", "reason too long")));
        }
        Instant now = clock.instant();
        return inTransaction((c, store) -> {
            CatalogEntry cur = CatalogStore.current(c, code).orElseThrow(() -> notFound(code));
            if (!cur.status().next().contains(target)) {
                String allowed = cur.status().next().stream().map(EntryStatus::labelZh).reduce((a, b) -> a + "、" + b).orElse("无");
                throw new ProblemException(ILLEGAL_TRANSITION, "信息资源 " + code + " 当前为“" + cur.status().labelZh() + "”，不能"
                        + action.labelZh() + "；可转入：" + allowed + " (an entry that is " + cur.status().labelEn() + " cannot be "
                        + action.labelEn() + "; allowed next: " + cur.status().next() + ")");
            }
            LocalDate published = cur.publishedOn();
            if (target == EntryStatus.PUBLISHED && published == null) {
                published = LocalDate.ofInstant(now, CHINA);
            }
            CatalogEntry next = new CatalogEntry(cur.code(), cur.classification(), cur.name(), cur.provider(), cur.summary(),
                    cur.format(), cur.items(), cur.shareType(), cur.shareConditions(), cur.shareMethod(), cur.legalBasis(),
                    cur.openType(), cur.openConditions(), cur.openBasis(), cur.openBasisNote(), cur.updateFrequency(), published,
                    cur.relatedCodes(), cur.keywords(), cur.baseDatabase(), cur.thematicDatabase(), cur.priorityCategory(),
                    cur.scope(), cur.grade(), target, cur.version() + 1, now, who);
            if (target == EntryStatus.WITHDRAWN) {
                store.releaseItems(code.value(), cur.items()); // a withdrawn entry no longer holds its items (Art. 12)
            }
            if (!store.replace(next, cur.version(), action, why)) {
                throw new ProblemException(VERSION_CONFLICT, "信息资源 " + code + " 刚被他人修改 (changed concurrently)");
            }
            if (target == EntryStatus.PUBLISHED) {
                store.event("catalog/entry/published", next);
            } else if (target == EntryStatus.WITHDRAWN && cur.status() == EntryStatus.PUBLISHED) {
                store.event("catalog/entry/withdrawn", next);
            }
            commitAndIndex(store, List.of(next), false, false, new AuditEvent(who, null,
                    "catalog.entry." + action.name().toLowerCase(java.util.Locale.ROOT), code.value(), null, null,
                    AuditEvent.Outcome.SUCCESS, "version " + next.version() + (why == null ? "" : ": " + why)));
            return next;
        });
    }

    @Override
    public Optional<CatalogEntry> get(ResourceCode code) {
        try (Connection c = dataSource.getConnection()) {
            return CatalogStore.current(c, code);
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    @Override
    public List<EntryVersion> versions(ResourceCode code) {
        try (Connection c = dataSource.getConnection()) {
            return CatalogStore.versions(c, code, 0);
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    @Override
    public Optional<EntryVersion> version(ResourceCode code, int version) {
        if (version < 1) {
            return Optional.empty();
        }
        try (Connection c = dataSource.getConnection()) {
            return CatalogStore.versions(c, code, version).stream().findFirst();
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    @Override
    public List<Difference> diff(ResourceCode code, int from, int to) {
        EntryVersion a = version(code, from).orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND,
                "信息资源 " + code + " 没有版本 " + from + " (no version " + from + ")"));
        EntryVersion b = version(code, to).orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND,
                "信息资源 " + code + " 没有版本 " + to + " (no version " + to + ")"));
        return Diff.of(EntryJson.tree(a.entry()), EntryJson.tree(b.entry()));
    }

    @Override
    public List<CatalogEntry> list(CreditCode provider, EntryStatus status, int offset, int limit) {
        try (Connection c = dataSource.getConnection()) {
            return CatalogStore.list(c, provider, status, Math.max(0, offset), Math.max(1, Math.min(limit, CatalogQuery.MAX_LIMIT)));
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    @Override
    public CatalogSearchResult search(CatalogQuery query) {
        return index.search(query);
    }

    /** The terms the index's analyzer makes of {@code text}. */
    List<String> segment(String text) {
        try {
            return index.tokens(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ProblemException notFound(ResourceCode code) {
        return new ProblemException(ProblemType.NOT_FOUND, "信息资源 " + code + " 不存在 (no such catalog entry)");
    }

    /**
     * A database failure as the client should see it: a collision with a concurrent change
     * (constraint, deadlock, lock timeout, serialization failure) is a 409 to retry; anything else
     * is the platform's fault.
     */
    private static RuntimeException unavailable(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String state = t instanceof SQLException s ? s.getSQLState() : null;
            if (state != null && (state.startsWith("23") || state.startsWith("40") || state.equals("55P03"))) {
                return new ProblemException(CONCURRENT_CHANGE, "目录正被同时修改，本次修改未保存，请重试 (a concurrent change collided "
                        + "with this one; nothing was stored; retry)");
            }
        }
        return new IllegalStateException("catalog unavailable", e);
    }

    /** Field-by-field comparison of two stored versions; items are matched by name. */
    static final class Diff {
        private Diff() {
        }

        static List<Difference> of(JsonNode a, JsonNode b) {
            List<Difference> out = new ArrayList<>();
            for (Iterator<String> it = union(a, b); it.hasNext();) {
                String f = it.next();
                if (f.equals("items")) {
                    items(a.path("items"), b.path("items"), out);
                } else if (!f.equals("updatedAt") && !f.equals("updatedBy") && !f.equals("version")) {
                    compare(f, a.get(f), b.get(f), out);
                }
            }
            return out;
        }

        private static Iterator<String> union(JsonNode a, JsonNode b) {
            java.util.LinkedHashSet<String> names = new java.util.LinkedHashSet<>();
            a.fieldNames().forEachRemaining(names::add);
            b.fieldNames().forEachRemaining(names::add);
            return names.iterator();
        }

        private static void items(JsonNode a, JsonNode b, List<Difference> out) {
            Map<String, JsonNode> before = byName(a);
            Map<String, JsonNode> after = byName(b);
            java.util.LinkedHashSet<String> names = new java.util.LinkedHashSet<>(before.keySet());
            names.addAll(after.keySet());
            for (String n : names) {
                JsonNode x = before.get(n);
                JsonNode y = after.get(n);
                String path = "items[" + n + "]";
                if (x == null || y == null) {
                    out.add(new Difference(path, x == null ? null : x.toString(), y == null ? null : y.toString()));
                } else {
                    for (Iterator<String> it = union(x, y); it.hasNext();) {
                        String f = it.next();
                        compare(path + "." + f, x.get(f), y.get(f), out);
                    }
                }
            }
        }

        private static Map<String, JsonNode> byName(JsonNode items) {
            Map<String, JsonNode> m = new LinkedHashMap<>();
            items.forEach(i -> m.put(i.path("name").asText(), i));
            return m;
        }

        private static void compare(String path, JsonNode x, JsonNode y, List<Difference> out) {
            String s = text(x);
            String t = text(y);
            if (!java.util.Objects.equals(s, t)) {
                out.add(new Difference(path, s, t));
            }
        }

        private static String text(JsonNode n) {
            if (n == null || n.isNull() || (n.isArray() && n.isEmpty())) {
                return null;
            }
            return n.isValueNode() ? n.asText() : n.toString();
        }
    }
}
