package org.poyang.security.impl.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.poyang.security.api.AuditEvent;
import org.poyang.security.api.AuditEvent.Outcome;
import org.poyang.security.api.AuditRecord;
import org.poyang.security.api.AuditUnavailableException;
import org.poyang.security.api.AuditVerification;
import org.poyang.platform.persistence.testing.TestDatabase;

/**
 * The audit trail of Art. 30 and 35 on a real embedded Derby: records are durable when
 * {@code record} returns, group-committed under concurrency without gaps, chained by SM3 and
 * signed by SM2 at checkpoints; the verifier names the first broken record after an edit, a
 * deletion, a reordering, a truncation or a rewritten chain.
 */
class JdbcAuditTrailTest {

    @TempDir
    Path dir;

    private TestDatabase db;
    private DataSource ds;
    private JdbcAuditTrail trail;

    @BeforeEach
    void start() throws Exception {
        db = TestDatabase.create(dir).migrate("db/org.poyang.security.impl/changelog.xml");
        ds = db.dataSource();
        trail = open(50);
    }

    private JdbcAuditTrail open(int checkpointRecords) {
        return new JdbcAuditTrail(ds, AuditSigner.load(dir.resolve("key/audit-sm2.key")), Clock.systemUTC(), checkpointRecords, 3600, 500, 10);
    }

    @AfterEach
    void stop() throws Exception {
        if (trail != null) {
            trail.close();
        }
        db.close();
    }

    private static AuditEvent event(int i) {
        return new AuditEvent("user-" + (i % 7), "91110000600037341L", "data.read", "101001/00000" + (i % 3), "履行市场监管职责",
                "grant-" + i, i % 5 == 0 ? Outcome.DENY : Outcome.PERMIT, i % 5 == 0 ? "超出授权范围（第二十四条）" : null);
    }

    private void fill(int n) {
        for (int i = 1; i <= n; i++) {
            assertThat(trail.record(event(i))).isEqualTo(i);
        }
    }

    private void sql(String statement) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate(statement);
        }
    }

    private AuditVerification verify() {
        return trail.verify();
    }

    @Test
    void recordsAreChainedAndVerifyIntactWithSignedCheckpoints() {
        fill(120);
        AuditVerification v = verify();
        assertThat(v.intact()).as(v.reason()).isTrue();
        assertThat(v.records()).isEqualTo(120);
        assertThat(v.checkpoints()).isEqualTo(2); // every 50 records
        List<AuditRecord> denied = trail.search("user-0", null, Outcome.DENY, null, null, 0, 100);
        assertThat(denied).isNotEmpty().allSatisfy(r -> {
            assertThat(r.event().subject()).isEqualTo("user-0");
            assertThat(r.event().outcome()).isEqualTo(Outcome.DENY);
        });
        AuditRecord first = trail.search(null, null, null, null, null, 0, 1).get(0);
        assertThat(first.prevHash()).isEqualTo(AuditChain.GENESIS);
        assertThat(first.hash()).hasSize(64).isNotEqualTo(first.prevHash());
    }

    @Test
    void concurrentCallersAreGroupCommittedWithoutGapsOrDuplicates() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        Set<Long> indexes = ConcurrentHashMap.newKeySet();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 16; t++) {
            int base = t * 100;
            futures.add(pool.submit(() -> {
                for (int i = 0; i < 100; i++) {
                    indexes.add(trail.record(event(base + i)));
                }
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        assertThat(indexes).hasSize(1600);
        assertThat(indexes.stream().mapToLong(Long::longValue).max().getAsLong()).isEqualTo(1600);
        assertThat(verify().intact()).isTrue();
    }

    @Test
    void recordsSurviveARestartAndTheChainContinues() throws Exception {
        fill(30);
        trail.close();
        trail = open(50);
        assertThat(trail.lastIndex()).isEqualTo(30);
        assertThat(trail.record(event(31))).isEqualTo(31);
        assertThat(verify().intact()).isTrue();
    }

    @Test
    void anEditedRecordIsNamed() throws Exception {
        fill(80);
        sql("UPDATE SEC_AUDIT SET SUBJECT = 'someone-else' WHERE IDX = 37");
        AuditVerification v = verify();
        assertThat(v.intact()).isFalse();
        assertThat(v.firstBrokenIndex()).isEqualTo(37);
        assertThat(v.reason()).contains("edited");
    }

    @Test
    void aDeletedRecordIsNamed() throws Exception {
        fill(80);
        sql("DELETE FROM SEC_AUDIT WHERE IDX = 12");
        AuditVerification v = verify();
        assertThat(v.intact()).isFalse();
        assertThat(v.firstBrokenIndex()).isEqualTo(12);
        assertThat(v.reason()).contains("deleted");
    }

    @Test
    void reorderedRecordsAreNamed() throws Exception {
        fill(80);
        // swap the content of records 20 and 21, keeping each row's own index and hashes
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE SEC_AUDIT SET IDX = -20 WHERE IDX = 20");
                s.executeUpdate("UPDATE SEC_AUDIT SET IDX = 20 WHERE IDX = 21");
                s.executeUpdate("UPDATE SEC_AUDIT SET IDX = 21 WHERE IDX = -20");
            }
            c.commit();
        }
        AuditVerification v = verify();
        assertThat(v.intact()).isFalse();
        assertThat(v.firstBrokenIndex()).isEqualTo(20);
    }

    @Test
    void aTruncatedTrailIsNamedUpToItsLastCheckpoint() throws Exception {
        fill(60);
        sql("DELETE FROM SEC_AUDIT WHERE IDX > 45");
        AuditVerification v = verify();
        assertThat(v.intact()).isFalse();
        assertThat(v.firstBrokenIndex()).isEqualTo(46);
        assertThat(v.reason()).contains("truncated");
    }

    @Test
    void aRewrittenChainFailsAtTheSignedCheckpoint() throws Exception {
        fill(60);
        // an attacker edits record 10 and recomputes every later hash, but cannot sign
        List<AuditRecord> all = trail.search(null, null, null, null, null, 0, 1000);
        trail.close();
        trail = null;
        String prev = AuditChain.GENESIS;
        try (Connection c = ds.getConnection();
                PreparedStatement up = c.prepareStatement("UPDATE SEC_AUDIT SET SUBJECT = ?, PREV_HASH = ?, HASH = ? WHERE IDX = ?");
                PreparedStatement at = c.prepareStatement("SELECT AT_MS FROM SEC_AUDIT WHERE IDX = ?")) {
            for (AuditRecord r : all) {
                AuditEvent e = r.index() == 10 ? new AuditEvent("forged", r.event().agency(), r.event().action(), r.event().resource(),
                        r.event().purpose(), r.event().grantId(), r.event().outcome(), r.event().detail()) : r.event();
                at.setLong(1, r.index());
                long ms;
                try (var rs = at.executeQuery()) {
                    rs.next();
                    ms = rs.getLong(1);
                }
                String h = AuditChain.hash(prev, r.index(), ms, e);
                up.setString(1, e.subject());
                up.setString(2, prev);
                up.setString(3, h);
                up.setLong(4, r.index());
                up.executeUpdate();
                prev = h;
            }
        }
        trail = open(50);
        AuditVerification v = verify();
        assertThat(v.intact()).isFalse();
        assertThat(v.firstBrokenIndex()).isEqualTo(50);
        assertThat(v.reason()).contains("checkpoint");
    }

    @Test
    void aCheckpointSignedByAnotherKeyFailsWhenTheAuditorPinsTheKey() throws Exception {
        fill(60);
        String pinned = trail.signingKey().split(" ")[1];
        try (Connection c = ds.getConnection()) {
            assertThat(AuditVerifier.verify(c, pinned).intact()).isTrue();
            AuditSigner other = AuditSigner.load(dir.resolve("other.key"));
            assertThat(AuditVerifier.verify(c, other.publicKeyHex()).intact()).isFalse();
        }
    }

    @Test
    void theSigningKeyIsKeptOutsideTheDatabaseOwnerOnly() throws Exception {
        Path key = dir.resolve("key/audit-sm2.key");
        assertThat(key).exists();
        assertThat(Files.getPosixFilePermissions(key)).extracting(Object::toString).containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
        assertThat(AuditSigner.load(key).keyId()).isEqualTo(AuditSigner.load(key).keyId());
    }

    @Test
    void whenTheStoreCannotWriteTheCallerIsRefusedAndNothingIsHalfWritten() throws Exception {
        fill(5);
        sql("ALTER TABLE SEC_AUDIT ADD CONSTRAINT CK_BLOCK CHECK (IDX < 6)");
        assertThatThrownBy(() -> trail.record(event(6))).isInstanceOf(AuditUnavailableException.class);
        sql("ALTER TABLE SEC_AUDIT DROP CONSTRAINT CK_BLOCK");
        assertThat(trail.record(event(6))).isEqualTo(6);
        assertThat(verify().intact()).isTrue();
    }

    @Test
    void overlongFieldsAreCutNotRefused() {
        AuditEvent e = new AuditEvent("u".repeat(500), null, "a", null, null, null, Outcome.SUCCESS, "d".repeat(5000));
        assertThat(e.subject()).hasSize(AuditEvent.MAX_FIELD);
        assertThat(e.detail()).hasSize(AuditEvent.MAX_DETAIL);
        assertThat(trail.record(e)).isEqualTo(1);
        assertThat(verify().intact()).isTrue();
    }

    /**
     * Issue 4's property for the audit trail: over 100,000 records whose free text quotes identity
     * numbers and mobiles (a return reason, a stated purpose), no raw 18-digit identity number or
     * 11-digit mobile is stored, and the masked trail still verifies.
     */
    @Test
    void propertyNoRawIdNumberOrMobileIsStoredIn100000AuditRecords() throws Exception {
        DefaultMasker masker = new DefaultMasker("audit-test-masking-key-0123456789".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        trail.maskFreeText(masker::maskText);
        java.util.Random r = new java.util.Random(20261127);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(16);
        java.util.List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
        for (int t = 0; t < 16; t++) {
            long seed = r.nextLong();
            done.add(pool.submit(() -> {
                java.util.Random rr = new java.util.Random(seed);
                for (int i = 0; i < 6250; i++) {
                    String id = DefaultMaskerTest.idNumber(rr);
                    String mobile = DefaultMaskerTest.mobile(rr);
                    trail.record(new AuditEvent("officer", null, "catalog.entry.return", "101001/000001", "核实申请人" + id,
                            null, AuditEvent.Outcome.SUCCESS, "退回：联系人电话" + mobile + "，身份证" + id));
                }
                return null;
            }));
        }
        for (java.util.concurrent.Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        java.util.regex.Pattern rawId = java.util.regex.Pattern.compile("(?<!\\d)\\d{17}[\\dXx](?!\\d)");
        java.util.regex.Pattern rawMobile = java.util.regex.Pattern.compile("(?<!\\d)1[3-9]\\d{9}(?!\\d)");
        int rows = 0;
        try (java.sql.Connection c = ds.getConnection(); java.sql.Statement st = c.createStatement();
                java.sql.ResultSet rs = st.executeQuery("SELECT PURPOSE, DETAIL FROM SEC_AUDIT WHERE ACTION = 'catalog.entry.return'")) {
            while (rs.next()) {
                rows++;
                String stored = rs.getString(1) + "|" + rs.getString(2);
                assertThat(rawId.matcher(stored).find()).as(stored).isFalse();
                assertThat(rawMobile.matcher(stored).find()).as(stored).isFalse();
            }
        }
        assertThat(rows).isEqualTo(100_000);
        assertThat(trail.verify().intact()).isTrue();
    }
}
