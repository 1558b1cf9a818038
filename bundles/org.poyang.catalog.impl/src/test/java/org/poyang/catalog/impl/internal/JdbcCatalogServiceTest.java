package org.poyang.catalog.impl.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.poyang.catalog.api.CatalogAudience;
import org.poyang.catalog.api.CatalogEntry;
import org.poyang.catalog.api.CatalogQuery;
import org.poyang.catalog.api.EntryDraft;
import org.poyang.catalog.api.EntryStatus;
import org.poyang.catalog.api.EntryVersion.Action;
import org.poyang.catalog.api.NewAgency;
import org.poyang.platform.persistence.testing.TestDatabase;
import org.poyang.platform.rest.ProblemException;

/**
 * The catalog service on a real embedded Derby with the real change log, outside OSGi: Art. 12
 * across entries and after withdrawal, bulk creation all or nothing, and the search index kept
 * exactly in step with the database (rebuilt when it is not). The same tests run on PostgreSQL, the
 * production database of a province hub, in a schema of their own ({@link TestDatabase}), when
 * {@code ./poyang test} has started a throwaway server.
 */
class JdbcCatalogServiceTest {

    @TempDir
    Path dir;

    private TestDatabase db;
    private DataSource ds;
    private final RecordingAudit audit = new RecordingAudit();

    /** An audit trail that keeps records in memory, or refuses every record while {@code down}. */
    static final class RecordingAudit implements org.poyang.security.api.AuditTrail {
        final List<org.poyang.security.api.AuditEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        volatile boolean down;

        @Override
        public long record(org.poyang.security.api.AuditEvent event) {
            if (down) {
                throw new org.poyang.security.api.AuditUnavailableException("test: audit store down", null);
            }
            events.add(event);
            return events.size();
        }

        @Override
        public List<org.poyang.security.api.AuditRecord> search(String subject, String resource,
                org.poyang.security.api.AuditEvent.Outcome outcome, java.time.Instant from, java.time.Instant to, long afterIndex, int limit) {
            return List.of();
        }

        @Override
        public long lastIndex() {
            return events.size();
        }

        @Override
        public org.poyang.security.api.AuditVerification verify() {
            return new org.poyang.security.api.AuditVerification(true, events.size(), 0, 0, null);
        }
    }
    private JdbcAgencyService agencies;
    private JdbcCatalogService catalog;
    private List<NewAgency> known;

    @BeforeEach
    void start() throws Exception {
        db = TestDatabase.create(dir).migrate("db/org.poyang.catalog.impl/changelog.xml");
        ds = db.dataSource();
        agencies = new JdbcAgencyService(ds, null, audit);
        known = new CatalogGenerator(1).agencies(12);
        known.forEach(agencies::register);
        catalog = open();
    }

    private JdbcCatalogService open() {
        return new JdbcCatalogService(ds, agencies, audit, dir.resolve("index"), 4, Clock.systemUTC());
    }

    @AfterEach
    void stop() throws Exception {
        if (catalog != null) {
            catalog.close();
        }
        db.close();
    }

    private EntryDraft draft(String name, String item, String collector) {
        EntryDraft d = new CatalogGenerator(7).entries(known, 1).get(0);
        return new EntryDraft(d.classification(), name, d.provider(), d.summary(), d.format(),
                List.of(new EntryDraft.ItemDraft(item, "STRING", "50", "false", "NONE", "GENERAL_1", collector)), d.shareType(),
                d.shareConditions(), d.shareMethod(), d.legalBasis(), "UNCONDITIONAL", d.openConditions(), null, null,
                d.updateFrequency(), null, d.keywords(), d.baseDatabase(), d.thematicDatabase(), d.priorityCategory(), d.scope(), null);
    }

    private long search(String text, CatalogAudience audience) {
        return catalog.search(new CatalogQuery(text, audience, Map.of(), 0, 20)).total();
    }

    @Test
    void art12AWithdrawnEntryReleasesItsItemsForAnotherCollector() {
        String a = known.get(0).creditCode();
        String b = known.get(1).creditCode();
        CatalogEntry first = catalog.create(draft("排污许可信息", "排污许可证编号", a), "t");
        assertThatThrownBy(() -> catalog.create(draft("排污监测信息", "排污许可证编号", b), "t"))
                .isInstanceOfSatisfying(ProblemException.class, p -> assertThat(p.violations()).singleElement()
                        .satisfies(v -> assertThat(v.messageZh()).contains(first.code().value()).contains("排污许可信息")
                                .contains("排污监测信息").contains("第十二条")));
        catalog.transition(first.code(), Action.SUBMIT, "t", null);
        catalog.transition(first.code(), Action.PUBLISH, "t", null);
        catalog.transition(first.code(), Action.WITHDRAW, "t", "采集职责划转");
        assertThat(catalog.create(draft("排污监测信息", "排污许可证编号", b), "t").items().get(0).collectingAgency().value())
                .isEqualTo(b);
    }

    @Test
    void art12AnEntryMayChangeTheCollectorOfAnItemOnlyItDeclares() {
        String a = known.get(0).creditCode();
        String b = known.get(1).creditCode();
        CatalogEntry e = catalog.create(draft("河道水位信息", "水位站编码", a), "t");
        CatalogEntry changed = catalog.update(e.code(), draft("河道水位信息", "水位站编码", b), 1, "t", null);
        assertThat(changed.items().get(0).collectingAgency().value()).isEqualTo(b);
        assertThatThrownBy(() -> catalog.create(draft("水文站点信息", "水位站编码", a), "t")).isInstanceOfSatisfying(ProblemException.class,
                p -> assertThat(p.violations()).singleElement().satisfies(v -> {
                    assertThat(v.field()).isEqualTo("items[1].collectingAgency");
                    assertThat(v.messageZh()).contains(e.code().value()).contains("第十二条");
                }));
    }

    @Test
    void bulkCreationIsAllOrNothingAcrossRowsIncludingArt12BetweenRows() {
        String a = known.get(0).creditCode();
        String b = known.get(1).creditCode();
        List<EntryDraft> rows = new ArrayList<>(new CatalogGenerator(3).entries(known, 150));
        rows.add(draft("甲", "同一信息项", a));
        rows.add(draft("乙", "同一信息项", b));
        assertThatThrownBy(() -> catalog.createAll(rows, "t")).isInstanceOfSatisfying(ProblemException.class,
                p -> assertThat(p.violations()).singleElement().satisfies(v -> {
                    assertThat(v.field()).isEqualTo("rows[152].items[1].collectingAgency");
                    // the earlier row is named by its place in the import: its code was never stored
                    assertThat(v.messageZh()).contains("本次导入的第 151 条").contains("“甲”").contains("第十二条");
                }));
        assertThat(catalog.list(null, null, 0, 10)).isEmpty();
        rows.remove(rows.size() - 1);
        assertThat(catalog.createAll(rows, "t")).hasSize(151);
        catalog.awaitIndexed();
        assertThat(search("同一信息项", CatalogAudience.MANAGEMENT)).isEqualTo(1);
    }

    @Test
    void art30EveryChangeIsAuditedBeforeItIsCommittedOrNotMadeAtAll() {
        String a = known.get(0).creditCode();
        CatalogEntry e = catalog.create(draft("公共交通刷卡信息", "刷卡记录编号", a), "officer-1");
        catalog.transition(e.code(), Action.SUBMIT, "officer-1", null);
        CatalogEntry published = catalog.transition(e.code(), Action.PUBLISH, "department-7", "审核通过");
        assertThat(audit.events).extracting(ev -> ev.action() + " " + ev.subject() + " " + ev.resource())
                .contains("catalog.entry.create officer-1 " + e.code(), "catalog.entry.submit officer-1 " + e.code(),
                        "catalog.entry.publish department-7 " + e.code());
        assertThat(audit.events.get(audit.events.size() - 1).detail()).contains("审核通过");

        audit.down = true;
        assertThatThrownBy(() -> catalog.transition(e.code(), Action.WITHDRAW, "department-7", "停止提供"))
                .isInstanceOfSatisfying(ProblemException.class, p -> assertThat(p.type().status()).isEqualTo(503));
        assertThatThrownBy(() -> catalog.create(draft("未审计条目", "未审计信息项", a), "officer-1"))
                .isInstanceOfSatisfying(ProblemException.class, p -> assertThat(p.type().status()).isEqualTo(503));
        audit.down = false;
        assertThat(catalog.get(e.code()).orElseThrow().version()).as("nothing changed without its audit record")
                .isEqualTo(published.version());
        assertThat(catalog.list(null, null, 0, 200)).extracting(CatalogEntry::name).doesNotContain("未审计条目");
    }

    @Test
    void art12ConflictsAreReportedAlongWithARowsOtherViolations() {
        String a = known.get(0).creditCode();
        String b = known.get(1).creditCode();
        catalog.create(draft("道路运输许可信息", "道路运输证号", a), "t");
        EntryDraft bad = draft("", "道路运输证号", b); // no name, and the other collector
        assertThatThrownBy(() -> catalog.create(bad, "t")).isInstanceOfSatisfying(ProblemException.class,
                p -> assertThat(p.violations()).extracting(v -> v.field()).containsExactlyInAnyOrder("name", "items[1].collectingAgency"));
    }

    @Test
    void art12AnAbandonedDraftReleasesItsItems() {
        String a = known.get(0).creditCode();
        String b = known.get(1).creditCode();
        CatalogEntry draft = catalog.create(draft("地下管线信息", "管线编号", a), "t");
        assertThatThrownBy(() -> catalog.transition(draft.code(), Action.WITHDRAW, "t", null)).isInstanceOf(ProblemException.class);
        catalog.transition(draft.code(), Action.WITHDRAW, "t", "重复编目，放弃");
        assertThat(catalog.create(draft("管线普查信息", "管线编号", b), "t").items()).hasSize(1);
    }

    @Test
    void art12HoldsUnderConcurrentCreationsUpdatesAndWithdrawals() throws Exception {
        String a = known.get(0).creditCode();
        String b = known.get(1).creditCode();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        java.util.concurrent.atomic.AtomicInteger refused = new java.util.concurrent.atomic.AtomicInteger();
        List<java.util.concurrent.Future<?>> work = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            String collector = t % 2 == 0 ? a : b;
            int thread = t;
            work.add(pool.submit(() -> {
                for (int i = 0; i < 15; i++) {
                    try {
                        CatalogEntry e = catalog.create(draft("并发" + thread + "-" + i, "共享信息项" + (i % 3), collector), "t");
                        if (i % 2 == 0) {
                            catalog.transition(e.code(), Action.WITHDRAW, "t", "放弃");
                        }
                    } catch (ProblemException expected) {
                        refused.incrementAndGet(); // the other collector holds the item, or a collision to retry
                    }
                }
            }));
        }
        for (var f : work) {
            f.get();
        }
        pool.shutdown();
        assertThat(refused.get()).isPositive();
        // the register agrees with every live entry: one collector per item, and it is the one each entry declares
        try (Connection c = ds.getConnection(); var st = c.createStatement();
                var rs = st.executeQuery("SELECT u.ITEM_KEY, u.RESOURCE_CODE, k.COLLECTOR_CODE FROM CAT_ITEM_USE u "
                        + "LEFT JOIN CAT_ITEM_COLLECTOR k ON k.ITEM_KEY = u.ITEM_KEY")) {
            int uses = 0;
            while (rs.next()) {
                uses++;
                assertThat(rs.getString(3)).as("collector of %s", rs.getString(1)).isNotNull();
                CatalogEntry e = catalog.get(org.poyang.catalog.api.ResourceCode.parse(rs.getString(2))).orElseThrow();
                assertThat(e.status()).isNotEqualTo(org.poyang.catalog.api.EntryStatus.WITHDRAWN);
                assertThat(e.items().get(0).collectingAgency().value()).isEqualTo(rs.getString(3).strip());
            }
            assertThat(uses).isPositive();
        }
    }

    @Test
    void aCleanRestartKeepsTheIndexWithoutRebuildingIt() throws Exception {
        String a = known.get(0).creditCode();
        catalog.create(draft("桥梁检测信息", "桥梁编号", a), "t");
        catalog.close();
        catalog = open();
        assertThat(catalog.rebuiltAtStart()).isFalse();
        catalog.create(draft("隧道检测信息", "隧道编号", a), "t");
        catalog.close();
        catalog = open();
        assertThat(catalog.rebuiltAtStart()).isFalse();
        assertThat(search("隧道检测", CatalogAudience.MANAGEMENT)).isEqualTo(1);
    }

    @Test
    void theIndexIsRebuiltWhenItIsMissingOrBehindTheDatabase() throws Exception {
        String a = known.get(0).creditCode();
        CatalogEntry e = catalog.create(draft("森林防火监测信息", "瞭望塔编号", a), "t");
        catalog.transition(e.code(), Action.SUBMIT, "t", null);
        catalog.transition(e.code(), Action.PUBLISH, "t", null);
        assertThat(search("森林防火", CatalogAudience.PUBLIC)).isEqualTo(1);
        catalog.close();
        catalog = null;

        // a change committed but never indexed (the process died in between)
        String doc;
        try (Connection c = ds.getConnection();
                PreparedStatement read = c.prepareStatement("SELECT DOC FROM CAT_ENTRY_VERSION WHERE RESOURCE_CODE = ? AND VERSION = 3")) {
            read.setString(1, e.code().value());
            try (var rs = read.executeQuery()) {
                assertThat(rs.next()).isTrue();
                doc = rs.getString(1).replace("森林防火监测信息", "森林草原防火监测信息").replace("\"version\":3", "\"version\":4");
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO CAT_ENTRY_VERSION (RESOURCE_CODE, VERSION, ACTION, ACTOR, "
                    + "CHANGED_AT, DOC) VALUES (?, 4, 'UPDATE', 't', CURRENT_TIMESTAMP, ?)")) {
                ps.setString(1, e.code().value());
                ps.setString(2, doc);
                assertThat(ps.executeUpdate()).isEqualTo(1);
            }
            try (PreparedStatement up = c.prepareStatement("UPDATE CAT_ENTRY SET VERSION = 4 WHERE RESOURCE_CODE = ?")) {
                up.setString(1, e.code().value());
                assertThat(up.executeUpdate()).isEqualTo(1);
            }
        }
        catalog = open();
        assertThat(catalog.rebuiltAtStart()).isTrue();
        assertThat(search("草原防火", CatalogAudience.PUBLIC)).isEqualTo(1);
        catalog.close();
        catalog = null;

        try (Stream<Path> files = Files.walk(dir.resolve("index"))) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        catalog = open();
        assertThat(search("草原防火", CatalogAudience.PUBLIC)).isEqualTo(1);
        assertThat(search("草原防火", CatalogAudience.AGENCY)).isEqualTo(1);
    }
    /**
     * The demo loader of the standalone profile: a first start stopped while it published the demo
     * entries (Ctrl-C soon after the first start) leaves some drafts and one submitted; the next start
     * publishes exactly the ones meant to be published, and leaves every tenth entry a draft, as well as
     * a demo entry someone has changed since.
     */
    @Test
    void demoEntriesLeftUnpublishedByAnInterruptedFirstStartArePublishedAtTheNextStart() {
        List<NewAgency> demoAgencies = DemoCatalog.agencies();
        demoAgencies.forEach(agencies::register);
        List<CatalogEntry> created = catalog.createAll(DemoCatalog.entries(demoAgencies), DemoLoader.ACTOR);
        for (int i = 0; i < 40; i++) { // the interrupted start published the first entries only
            if (i % 10 != 9) {
                catalog.transition(created.get(i).code(), Action.SUBMIT, DemoLoader.ACTOR, null);
                catalog.transition(created.get(i).code(), Action.PUBLISH, DemoLoader.ACTOR, "demo");
            }
        }
        catalog.transition(created.get(40).code(), Action.SUBMIT, DemoLoader.ACTOR, null); // stopped between the two steps
        CatalogEntry edited = created.get(41);
        EntryDraft asDraft = DemoCatalog.entries(demoAgencies).get(41);
        catalog.update(edited.code(), asDraft, edited.version(), "officer-zhang", "我的修改");

        int published = DemoLoader.finishPublishing(catalog, demoAgencies);

        assertThat(published).isEqualTo(created.size() - created.size() / 10 - 36 - 1); // all but tenths, done ones, the edited one
        for (int i = 0; i < created.size(); i++) {
            EntryStatus status = catalog.get(created.get(i).code()).orElseThrow().status();
            EntryStatus expected = i % 10 == 9 || i == 41 ? EntryStatus.DRAFT : EntryStatus.PUBLISHED;
            assertThat(status).as("demo entry %d", i).isEqualTo(expected);
        }
        assertThat(DemoLoader.finishPublishing(catalog, demoAgencies)).isZero(); // a later start finds nothing to do
    }
}
