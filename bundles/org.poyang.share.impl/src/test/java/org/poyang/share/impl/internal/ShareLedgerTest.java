package org.poyang.share.impl.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.poyang.catalog.api.CatalogEntry;
import org.poyang.catalog.api.CatalogService;
import org.poyang.catalog.api.ClassificationCode;
import org.poyang.catalog.api.CreditCode;
import org.poyang.catalog.api.DataItem;
import org.poyang.catalog.api.DataType;
import org.poyang.catalog.api.EntryStatus;
import org.poyang.catalog.api.Grade;
import org.poyang.catalog.api.OpenType;
import org.poyang.catalog.api.PriorityCategory;
import org.poyang.catalog.api.RegionCode;
import org.poyang.catalog.api.ResourceCode;
import org.poyang.catalog.api.ResourceFormat;
import org.poyang.catalog.api.SensitiveType;
import org.poyang.catalog.api.ShareMethod;
import org.poyang.catalog.api.ShareType;
import org.poyang.catalog.api.UpdateFrequency;
import org.poyang.collect.api.Column;
import org.poyang.collect.api.RowMarker;
import org.poyang.platform.persistence.testing.TestDatabase;
import org.poyang.security.api.AuditEvent;
import org.poyang.security.api.AuditTrail;
import org.poyang.security.api.Decision;
import org.poyang.security.api.FieldCipher;
import org.poyang.security.api.Grant;
import org.poyang.security.api.GrantService;
import org.poyang.security.api.PolicyEnforcementPoint;
import org.poyang.security.api.Route;
import org.poyang.security.api.Subject;
import org.poyang.security.api.SubjectType;
import org.poyang.share.api.TraceReport;
import org.poyang.share.api.UsageLine;

/**
 * The share ledger's own storage (Art. 24: shared data is used only for its purpose, and the provider can
 * see who used it): usage counted per recipient, resource, day, route and purpose and written in one
 * transaction per flush; the fingerprint secret made once and kept encrypted (Art. 31); the agencies
 * that received unconditionally shared data found again when a leaked copy is traced. On embedded Derby,
 * and once more on PostgreSQL (the parent pom's {@code postgresql} profile).
 */
class ShareLedgerTest {

    static final CreditCode PROVIDER = CreditCode.parse("123600000143600232");
    static final String USER_AGENCY = "11360000014500210M";
    static final String OTHER_AGENCY = "11360000MB1620432K";
    static final ResourceCode RESOURCE = ResourceCode.of(new ClassificationCode("104002"), 1);
    static final String GRANT = "grt_4f1c2a9e0b7d";

    @TempDir
    Path dir;

    private TestDatabase db;
    private DataSource ds;
    private final List<AuditEvent> audited = new CopyOnWriteArrayList<>();
    private final List<ShareLedger> ledgers = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        db = TestDatabase.create(dir).migrate("db/org.poyang.share.impl/changelog.xml");
        ds = db.dataSource();
    }

    @AfterEach
    void stop() throws Exception {
        ledgers.forEach(ShareLedger::deactivate);
        db.close();
    }

    private ShareLedger ledger() {
        return ledger(ds);
    }

    private ShareLedger ledger(DataSource ds) {
        PolicyEnforcementPoint pep = r -> Decision.permit("允许", "permitted", "Art. 24");
        AuditTrail audit = (AuditTrail) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {AuditTrail.class}, (p, m, a) -> {
            if (m.getName().equals("record")) {
                audited.add((AuditEvent) a[0]);
                return (long) audited.size();
            }
            throw new UnsupportedOperationException(m.getName());
        });
        ShareLedger l = new ShareLedger(ds, null, catalog(), grants(), pep, audit, new ReversingCipher());
        ledgers.add(l);
        return l;
    }

    /** Stands in for the security module's SM4 field cipher: what it stores must not be the secret itself. */
    static final class ReversingCipher implements FieldCipher {
        @Override
        public String encrypt(String plaintext) {
            return "enc:" + new StringBuilder(plaintext).reverse();
        }

        @Override
        public String decrypt(String ciphertext) {
            assertThat(ciphertext).startsWith("enc:");
            return new StringBuilder(ciphertext.substring(4)).reverse().toString();
        }

        @Override
        public String rotate() {
            throw new UnsupportedOperationException();
        }

        @Override
        public String activeKey() {
            return "test";
        }
    }

    private static CatalogService catalog() {
        return (CatalogService) Proxy.newProxyInstance(ShareLedgerTest.class.getClassLoader(), new Class<?>[] {CatalogService.class}, (p, m, a) -> {
            if (m.getName().equals("get")) {
                return RESOURCE.equals(a[0]) ? Optional.of(entry()) : Optional.empty();
            }
            throw new UnsupportedOperationException(m.getName());
        });
    }

    private static GrantService grants() {
        Grant g = new Grant(GRANT, Grant.Kind.SHARE, OTHER_AGENCY, RESOURCE.value(), Set.of(), Set.of(Route.SHARE_API), "核验补贴发放",
                "《江西省公共数据管理办法》第二十三条", null, null, null, Grant.Status.ACTIVE, Instant.now(), "test", null);
        return (GrantService) Proxy.newProxyInstance(ShareLedgerTest.class.getClassLoader(), new Class<?>[] {GrantService.class}, (p, m, a) -> {
            switch (m.getName()) {
                case "get" -> {
                    return GRANT.equals(a[0]) ? Optional.of(g) : Optional.empty();
                }
                case "ofResource" -> {
                    return RESOURCE.value().equals(a[0]) ? List.of(g) : List.of();
                }
                default -> throw new UnsupportedOperationException(m.getName());
            }
        });
    }

    static CatalogEntry entry() {
        return new CatalogEntry(RESOURCE, new ClassificationCode("104002"), "城乡居民补贴发放信息", PROVIDER, "测试", ResourceFormat.values()[0],
                List.of(), ShareType.UNCONDITIONAL, null, ShareMethod.values()[0], null, OpenType.NOT_OPEN, null, null, null, UpdateFrequency.DAILY,
                LocalDate.of(2026, 1, 5), List.of(), List.of(), null, null, PriorityCategory.values()[0], RegionCode.parse("360000"),
                Grade.general(1), EntryStatus.PUBLISHED, 1, Instant.now(), "test");
    }

    static Subject agency(String agency) {
        return new Subject(Subject.Kind.ACCOUNT, "staff-" + agency, SubjectType.AGENCY_STAFF, agency, Set.of(), Set.of(), true);
    }

    static final List<Column> COLUMNS = List.of(
            new Column(new DataItem("补贴金额", DataType.DECIMAL, 12, false, SensitiveType.NONE, Grade.general(1), PROVIDER), false, false),
            new Column(new DataItem("身份证号码", DataType.STRING, 18, true, SensitiveType.ID_NUMBER, Grade.general(2), PROVIDER), true, false));

    private static void deliver(ShareLedger l, Subject s, String grant, String purpose, long rows) {
        RowMarker.Marking m = l.start(RESOURCE.value(), s, Route.SHARE_API, grant, purpose, COLUMNS);
        m.finished(rows);
    }

    @Test
    void usageIsCountedPerRecipientDayRouteAndPurposeAndAddsUpAcrossFlushesArt24() throws Exception {
        ShareLedger l = ledger();
        Subject user = agency(USER_AGENCY);
        deliver(l, user, null, "核验低保资格", 10);
        deliver(l, user, null, "核验低保资格", 5);
        deliver(l, user, null, "统计分析", 7);
        l.flush();
        deliver(l, user, null, "核验低保资格", 1); // the same line again: an update this time
        l.flush();

        List<UsageLine> lines = l.ofResource(agency(PROVIDER.value()), RESOURCE.value(), null, null);

        assertThat(lines).hasSize(2);
        UsageLine check = lines.stream().filter(u -> u.purpose().equals("核验低保资格")).findFirst().orElseThrow();
        assertThat(check.calls()).isEqualTo(3);
        assertThat(check.rows()).isEqualTo(16);
        assertThat(check.recipient()).isEqualTo(ShareLedger.AGENCY_PREFIX + USER_AGENCY);
        assertThat(check.agency()).isEqualTo(USER_AGENCY);
        assertThat(check.route()).isEqualTo(Route.SHARE_API);
        assertThat(check.day()).isEqualTo(LocalDate.now(ShareCases.CHINA));
        UsageLine stats = lines.stream().filter(u -> u.purpose().equals("统计分析")).findFirst().orElseThrow();
        assertThat(stats.calls()).isEqualTo(1);
        assertThat(stats.rows()).isEqualTo(7);
        assertThat(l.pending()).isEmpty();
    }

    @Test
    void countsNotYetWrittenAreWrittenWhenTheModuleStopsEvenFromAnInterruptedThreadArt24() throws Exception {
        ShareLedger l = ledger();
        deliver(l, agency(USER_AGENCY), null, "核验低保资格", 12);
        assertThat(l.pending()).hasSize(1);

        Thread.currentThread().interrupt(); // the framework stopping the bundle from an interrupted thread
        try {
            l.deactivate();
            assertThat(Thread.currentThread().isInterrupted()).as("the caller's interrupt is kept").isTrue();
        } finally {
            Thread.interrupted();
        }
        ledgers.remove(l);

        assertThat(l.pending()).isEmpty();
        ShareLedger restarted = ledger();
        assertThat(restarted.ofResource(agency(PROVIDER.value()), RESOURCE.value(), null, null)).singleElement()
                .satisfies(u -> assertThat(u.rows()).isEqualTo(12));
    }

    @Test
    void aFlushThatCannotReachTheDatabaseKeepsItsCountsForTheNextArt24() throws Exception {
        AtomicBoolean down = new AtomicBoolean();
        DataSource flaky = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class}, (p, m, a) -> {
            if (m.getName().equals("getConnection") && down.get()) {
                throw new SQLException("database unreachable");
            }
            try {
                return m.invoke(ds, a);
            } catch (java.lang.reflect.InvocationTargetException e) {
                throw e.getCause();
            }
        });
        ShareLedger l = ledger(flaky);
        deliver(l, agency(USER_AGENCY), null, "核验低保资格", 10);

        down.set(true);
        assertThatThrownBy(l::flush).isInstanceOf(SQLException.class);
        assertThat(l.pending()).hasSize(1);
        deliver(l, agency(USER_AGENCY), null, "核验低保资格", 3); // counted meanwhile

        down.set(false);
        l.flush();
        assertThat(l.ofResource(agency(PROVIDER.value()), RESOURCE.value(), null, null)).singleElement().satisfies(u -> {
            assertThat(u.calls()).isEqualTo(2);
            assertThat(u.rows()).isEqualTo(13);
        });
    }

    @Test
    void anotherAgencySeesOnlyItsOwnUsageAndAGrantsLinesAreItsOwnArt24() throws Exception {
        ShareLedger l = ledger();
        deliver(l, agency(USER_AGENCY), null, "核验低保资格", 10);
        deliver(l, agency(OTHER_AGENCY), GRANT, "核验补贴发放", 4);
        l.flush();

        assertThat(l.ofResource(agency(PROVIDER.value()), RESOURCE.value(), null, null)).hasSize(2);
        assertThat(l.ofResource(agency(OTHER_AGENCY), RESOURCE.value(), null, null)).singleElement()
                .satisfies(u -> assertThat(u.recipient()).isEqualTo(GRANT));
        assertThat(l.ofGrant(agency(OTHER_AGENCY), GRANT, null, null)).singleElement()
                .satisfies(u -> assertThat(u.rows()).isEqualTo(4));
        // a period that ended yesterday holds nothing of today's
        LocalDate yesterday = LocalDate.now(ShareCases.CHINA).minusDays(1);
        assertThat(l.ofResource(agency(PROVIDER.value()), RESOURCE.value(), yesterday.minusDays(5), yesterday)).isEmpty();
    }

    @Test
    void theFingerprintSecretIsMadeOnceAndStoredEncryptedArt24Art31() throws Exception {
        ShareLedger first = ledger();
        ShareLedger second = ledger(); // a restart, or a second instance on the same database
        String[] row = {"1234.56", "360102199001011234"};
        String[] a = first.start(RESOURCE.value(), agency(USER_AGENCY), Route.SHARE_API, null, "核验", COLUMNS).mark(row.clone());
        String[] b = second.start(RESOURCE.value(), agency(USER_AGENCY), Route.SHARE_API, null, "核验", COLUMNS).mark(row.clone());

        assertThat(b).containsExactly(a); // the same secret, so the same fingerprint for the same recipient
        assertThat(a[1]).isEqualTo(row[1]); // identifiers are never changed
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT SECRET FROM SHARE_SECRET");
                ResultSet rs = ps.executeQuery()) {
            assertThat(rs.next()).isTrue();
            String stored = rs.getString(1);
            assertThat(stored).startsWith("enc:");
            assertThat(Base64.getDecoder().decode(new ReversingCipher().decrypt(stored))).hasSize(32);
            assertThat(rs.next()).isFalse();
        }
    }

    @Test
    void aLeakedCopyOfUnconditionallySharedDataNamesTheAgencyThatReceivedItArt24() throws Exception {
        ShareLedger l = ledger();
        Random rnd = new Random(24);
        List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            rows.add(new String[] {java.math.BigDecimal.valueOf(10_000 + rnd.nextInt(990_000), 2).toPlainString(), "3601021990010" + (10_000 + i)});
        }
        RowMarker.Marking m = l.start(RESOURCE.value(), agency(USER_AGENCY), Route.SHARE_API, null, "核验低保资格", COLUMNS);
        StringBuilder leak = new StringBuilder("补贴金额,身份证号码\n");
        for (String[] r : rows) {
            String[] marked = m.mark(r.clone());
            leak.append(marked[0]).append(',').append(marked[1]).append('\n');
        }
        m.finished(rows.size()); // counted, not yet written: tracing writes pending usage first

        TraceReport report = l.trace(agency(PROVIDER.value()), RESOURCE.value(), leak.toString());

        assertThat(report.recipient()).isEqualTo(ShareLedger.AGENCY_PREFIX + USER_AGENCY);
        assertThat(report.agency()).isEqualTo(USER_AGENCY);
        assertThat(report.grant()).isNull();
        assertThat(audited).anySatisfy(e -> assertThat(e.action()).isEqualTo("share.trace"));
    }
}
