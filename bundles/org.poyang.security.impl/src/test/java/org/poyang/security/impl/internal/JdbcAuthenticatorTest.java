package org.poyang.security.impl.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.poyang.platform.rest.ProblemException;
import org.poyang.security.api.Account;
import org.poyang.security.api.ApiKeyService;
import org.poyang.security.api.AuditEvent;
import org.poyang.security.api.Authenticator;
import org.poyang.security.api.NewAccount;
import org.poyang.security.api.Role;
import org.poyang.security.api.Subject;
import org.poyang.security.api.SubjectType;
import org.poyang.platform.persistence.testing.TestDatabase;

/**
 * Authentication (Art. 35) on a real Derby: sessions by bearer token, application keys, expiry,
 * sign-out, and Art. 39 suspension taking effect on the next request.
 */
class JdbcAuthenticatorTest {

    static final String PASSWORD = JdbcAccountServiceTest.PASSWORD;

    @TempDir
    Path dir;

    private TestDatabase db;
    private DataSource ds;
    private JdbcAuditTrail audit;
    private JdbcAccountService accounts;
    private JdbcApiKeyService keys;
    private JdbcAuthenticator auth;
    private final JdbcAccountServiceTest.MovableClock clock = new JdbcAccountServiceTest.MovableClock();

    @BeforeEach
    void start() throws Exception {
        db = TestDatabase.create(dir).migrate("db/org.poyang.security.impl/changelog.xml");
        ds = db.dataSource();
        audit = new JdbcAuditTrail(ds, AuditSigner.load(dir.resolve("key")), Clock.systemUTC(), 1000, 3600, 500, 10);
        accounts = new JdbcAccountService(ds, audit, new FileFieldCipher(dir.resolve("keys/field-keys.properties"), "SM4"), clock);
        keys = new JdbcApiKeyService(ds, accounts, audit, clock);
        auth = new JdbcAuthenticator(ds, accounts, keys, audit, clock, Duration.ofMinutes(30), Duration.ofHours(8));
        accounts.create(new NewAccount("officer", "数据专员", SubjectType.AGENCY_STAFF, JdbcAccountServiceTest.AGENCY,
                Set.of(Role.DATA_OFFICER), PASSWORD), "secadmin");
    }

    @AfterEach
    void stop() throws Exception {
        audit.close();
        db.close();
    }

    private static int status(Runnable r) {
        try {
            r.run();
        } catch (ProblemException e) {
            return e.type().status();
        }
        throw new AssertionError("not refused");
    }

    private long denials(String action) {
        return audit.search(null, null, AuditEvent.Outcome.DENY, null, null, 0, 1000).stream()
                .filter(r -> r.event().action().equals(action)).count();
    }

    @Test
    void aSessionTokenIdentifiesTheAccountUntilSignedOut() {
        Authenticator.Session s = auth.signIn("officer", PASSWORD, null);
        assertThat(s.token()).startsWith("pys_").hasSizeGreaterThan(40);
        assertThat(s.toString()).doesNotContain(s.token());
        Subject subject = auth.authenticate("Bearer " + s.token(), null);
        assertThat(subject.kind()).isEqualTo(Subject.Kind.ACCOUNT);
        assertThat(subject.id()).isEqualTo("officer");
        assertThat(subject.agency()).isEqualTo(JdbcAccountServiceTest.AGENCY);
        assertThat(subject.roles()).containsExactly(Role.DATA_OFFICER);
        assertThat(subject.active()).isTrue();

        auth.signOut(s.token());
        assertThat(status(() -> auth.authenticate("Bearer " + s.token(), null))).isEqualTo(401);
        assertThat(denials("session.verify")).isEqualTo(1);
    }

    /**
     * A SOAP operation's caller (Art. 35): the subject WS-Security verified wins; else the HTTP headers'
     * credentials, their names matched without regard to case; anonymous without a message context.
     */
    @Test
    void aSoapCallerIsTheVerifiedSubjectElseTheHttpHeadersCredentials() {
        Authenticator.Session s = auth.signIn("officer", PASSWORD, null);
        java.util.Map<String, Object> context = new java.util.HashMap<>();
        context.put(Authenticator.HTTP_REQUEST_HEADERS, java.util.Map.of("authorization", java.util.List.of("Bearer " + s.token())));

        assertThat(auth.caller(context).id()).isEqualTo("officer");
        Subject verified = new Subject(Subject.Kind.ACCOUNT, "legacy-system", SubjectType.AGENCY_STAFF, JdbcAccountServiceTest.AGENCY,
                Set.of(), Set.of(), true);
        context.put(Subject.MESSAGE_PROPERTY, verified);
        assertThat(auth.caller(context)).isSameAs(verified);
        assertThat(auth.caller(null)).isSameAs(Subject.ANONYMOUS);
        assertThat(auth.caller(new java.util.HashMap<>())).isSameAs(Subject.ANONYMOUS);
        context.remove(Subject.MESSAGE_PROPERTY);
        context.put(Authenticator.HTTP_REQUEST_HEADERS, java.util.Map.of("Authorization", java.util.List.of("Bearer pys_forged")));
        assertThat(status(() -> auth.caller(context))).isEqualTo(401);
    }

    @Test
    void noCredentialsIsAnonymousAndForgedOnesAre401() {
        assertThat(auth.authenticate(null, null)).isEqualTo(Subject.ANONYMOUS);
        assertThat(auth.authenticate("  ", "")).isEqualTo(Subject.ANONYMOUS);
        assertThat(status(() -> auth.authenticate("Bearer pys_forged", null))).isEqualTo(401);
        assertThat(status(() -> auth.authenticate("Bearer " + "x".repeat(500), null))).isEqualTo(401);
        assertThat(status(() -> auth.authenticate("Basic b2ZmaWNlcjpwdw==", null))).isEqualTo(401);
        assertThat(status(() -> auth.authenticate(null, "pyk_nope.nope"))).isEqualTo(401);
        assertThat(status(() -> auth.authenticate("Bearer ' OR '1'='1", null))).isEqualTo(401);
    }

    @Test
    void aSessionEndsWhenIdleOrTooOld() {
        Authenticator.Session s = auth.signIn("officer", PASSWORD, null);
        clock.now = clock.now.plus(Duration.ofMinutes(29));
        assertThat(auth.authenticate("Bearer " + s.token(), null).id()).isEqualTo("officer");
        clock.now = clock.now.plus(Duration.ofMinutes(31));
        assertThat(status(() -> auth.authenticate("Bearer " + s.token(), null))).isEqualTo(401);

        Authenticator.Session busy = auth.signIn("officer", PASSWORD, null);
        for (int i = 0; i < 16; i++) {
            clock.now = clock.now.plus(Duration.ofMinutes(29));
            auth.authenticate("Bearer " + busy.token(), null);
        }
        clock.now = clock.now.plus(Duration.ofMinutes(29));
        assertThat(status(() -> auth.authenticate("Bearer " + busy.token(), null))).as("8 hours at most").isEqualTo(401);
    }

    @Test
    void suspensionTakesEffectOnTheNextRequestAndSignInIsRefused() {
        Authenticator.Session s = auth.signIn("officer", PASSWORD, null);
        Account a = accounts.findByLogin("officer").orElseThrow();
        accounts.setStatus(a.id(), Account.Status.SUSPENDED, "越权使用数据，责令整改", "supervisor");
        Subject suspended = auth.authenticate("Bearer " + s.token(), null);
        assertThat(suspended.id()).isEqualTo("officer");
        assertThat(suspended.active()).as("identified, but denied everything by the PEP (Art. 39)").isFalse();
        assertThat(status(() -> auth.signIn("officer", PASSWORD, null))).isEqualTo(403);
        // the notice: why and since when (Art. 39)
        assertThat(auth.notice(suspended)).contains("越权使用数据，责令整改").contains("被暂停").contains("2026-11-27").contains("suspended");
        ProblemException refused = org.assertj.core.api.Assertions.catchThrowableOfType(() -> auth.signIn("officer", PASSWORD, null),
                ProblemException.class);
        assertThat(refused.getMessage()).contains("越权使用数据，责令整改");

        accounts.setStatus(a.id(), Account.Status.ACTIVE, "已整改", "supervisor");
        Subject restored = auth.authenticate("Bearer " + s.token(), null);
        assertThat(restored.active()).isTrue();
        assertThat(auth.notice(restored)).as("nothing to give notice of").isNull();
    }

    /**
     * Art. 39 and least privilege (Art. 30): a session carries no copy of the account; roles changed
     * while it is open apply at its next request, and a session whose account is gone is refused.
     */
    @Test
    void rolesChangedDuringASessionApplyAtItsNextRequestAndAGoneAccountEndsIt() throws Exception {
        Authenticator.Session s = auth.signIn("officer", PASSWORD, null);
        Account a = accounts.findByLogin("officer").orElseThrow();
        assertThat(auth.authenticate("Bearer " + s.token(), null).roles()).containsExactly(Role.DATA_OFFICER);

        accounts.setRoles(a.id(), Set.of(Role.DATA_OFFICER, Role.CATALOG_REVIEWER), "secadmin");
        assertThat(auth.authenticate("Bearer " + s.token(), null).roles()).containsExactlyInAnyOrder(Role.DATA_OFFICER, Role.CATALOG_REVIEWER);
        accounts.setRoles(a.id(), Set.of(), "secadmin");
        assertThat(auth.authenticate("Bearer " + s.token(), null).roles()).isEmpty();

        try (java.sql.Connection c = ds.getConnection(); java.sql.Statement st = c.createStatement()) {
            st.executeUpdate("DELETE FROM SEC_ACCOUNT_ROLE WHERE ACCOUNT_ID = " + a.id());
            st.executeUpdate("UPDATE SEC_ACCOUNT SET LOGIN = 'renamed' WHERE ID = " + a.id());
        }
        long before = denials("session.verify");
        assertThat(status(() -> auth.authenticate("Bearer " + s.token(), null))).isEqualTo(401);
        assertThat(denials("session.verify")).isEqualTo(before + 1);
    }

    /**
     * Inside the platform the data source is a pool (HikariCP, 10 connections) that the audit trail's
     * writer (Art. 30) draws from too. The writer keeps a connection of its own, and no check holds a
     * connection while it asks the pool for another or waits for the audit trail; else as many such
     * calls at once as the pool has connections starve it. Here the pool has two: the writer's and one.
     */
    @Test
    void checksNeverHoldAConnectionWhileAskingForAnotherOrWaitingForTheAuditTrail() throws Exception {
        com.zaxxer.hikari.HikariConfig hc = new com.zaxxer.hikari.HikariConfig();
        hc.setPoolName("two");
        hc.setDataSource(ds);
        hc.setMaximumPoolSize(2);
        hc.setConnectionTimeout(2_000);
        audit.close(); // one writer on the trail: the one on the pool
        try (com.zaxxer.hikari.HikariDataSource two = new com.zaxxer.hikari.HikariDataSource(hc)) {
            JdbcAuditTrail pooledAudit = new JdbcAuditTrail(two, AuditSigner.load(dir.resolve("key")), Clock.systemUTC(), 1000, 3600, 500, 10);
            try {
                JdbcAccountService pooledAccounts = new JdbcAccountService(two, pooledAudit,
                        new FileFieldCipher(dir.resolve("keys/field-keys.properties"), "SM4"), clock);
                JdbcApiKeyService pooledKeys = new JdbcApiKeyService(two, pooledAccounts, pooledAudit, clock);
                JdbcAuthenticator pooled = new JdbcAuthenticator(two, pooledAccounts, pooledKeys, pooledAudit, clock, Duration.ofMinutes(30),
                        Duration.ofHours(8));
                // writes that audit inside their transaction, two at a time: each waits for the one
                // free connection, never for the writer's
                java.util.concurrent.ExecutorService writers = java.util.concurrent.Executors.newFixedThreadPool(2);
                try {
                    java.util.List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
                    for (int t = 0; t < 2; t++) {
                        done.add(writers.submit(() -> {
                            for (int i = 0; i < 10; i++) {
                                pooledKeys.issue("officer", "报表系统", Set.of("share.read"), 1000, null, "officer");
                            }
                            return null;
                        }));
                    }
                    for (java.util.concurrent.Future<?> f : done) {
                        f.get(60, java.util.concurrent.TimeUnit.SECONDS);
                    }
                } finally {
                    writers.shutdownNow();
                }
                ApiKeyService.Issued issued = pooledKeys.issue("officer", "报表系统", Set.of("share.read"), 1000, null, "officer");
                assertThat(pooled.authenticate(null, issued.secret()).id()).isEqualTo("app:" + issued.key().id());
                Authenticator.Session s = pooled.signIn("officer", PASSWORD, null);
                assertThat(pooled.authenticate("Bearer " + s.token(), null).id()).isEqualTo("officer");
                pooled.signOut(s.token());
                assertThat(status(() -> pooled.authenticate("Bearer " + s.token(), null))).isEqualTo(401);
                assertThat(pooledAudit.search(null, null, AuditEvent.Outcome.DENY, null, null, 0, 1000))
                        .anyMatch(r -> r.event().action().equals("session.verify"));
            } finally {
                pooledAudit.close();
            }
        }
        audit = new JdbcAuditTrail(ds, AuditSigner.load(dir.resolve("key")), Clock.systemUTC(), 1000, 3600, 500, 10);
    }

    @Test
    void wrongPasswordIs401AndLockoutIs429WithRetryAfter() {
        assertThat(status(() -> auth.signIn("officer", "wrong-password-1A!", null))).isEqualTo(401);
        assertThat(status(() -> auth.signIn("nobody", "wrong-password-1A!", null))).isEqualTo(401);
        for (int i = 0; i < 5; i++) {
            try {
                auth.signIn("officer", "wrong-password-1A!", null);
            } catch (ProblemException expected) {
                // counting failures
            }
        }
        ProblemException locked = null;
        try {
            auth.signIn("officer", PASSWORD, null);
        } catch (ProblemException e) {
            locked = e;
        }
        assertThat(locked).isNotNull();
        assertThat(locked.type().status()).isEqualTo(429);
        assertThat(Long.parseLong(locked.headers().get("Retry-After"))).isBetween(1L, 15 * 60L + 1);
    }

    /**
     * Art. 12 para 2: once signed in, a person is not asked to verify again: a session in use stays
     * valid through a working day of requests, up to its fixed end, with nothing but its token.
     */
    @Test
    void art12ASessionInUseIsNeverAskedToVerifyAgainBeforeItsEnd() {
        String token = auth.signIn("officer", PASSWORD, null).token();
        java.time.Instant signedIn = clock.now;
        int calls = 0;
        while (clock.now.isBefore(signedIn.plus(Duration.ofHours(8)).minusSeconds(60))) {
            assertThat(auth.authenticate("Bearer " + token, null).id()).isEqualTo("officer");
            calls++;
            clock.now = clock.now.plus(Duration.ofMinutes(20));
        }
        assertThat(calls).isGreaterThanOrEqualTo(23);
        clock.now = signedIn.plus(Duration.ofHours(8));
        assertThat(status(() -> auth.authenticate("Bearer " + token, null))).as("the fixed end of the session").isEqualTo(401);
    }

    /** Art. 18: a key's daily quota counts its calls per day in China; the call past it is 429 with Retry-After. */
    @Test
    void anApplicationKeyPastItsDailyQuotaIsRefusedUntilTheNextDayInChina() {
        ApiKeyService.Issued issued = keys.issue("officer", "限额应用", Set.of("open.read"), 3, null, "officer");
        clock.now = java.time.Instant.parse("2026-11-27T15:00:00Z"); // 23:00 in China
        for (int i = 0; i < 3; i++) {
            assertThat(auth.authenticate(null, issued.secret()).active()).isTrue();
        }
        ProblemException over = org.assertj.core.api.Assertions.catchThrowableOfType(
                () -> auth.authenticate(null, issued.secret()), ProblemException.class);
        assertThat(over.type().status()).isEqualTo(429);
        assertThat(over.headers()).containsEntry("Retry-After", "3601");
        assertThat(over.getMessage()).contains("Art. 18");
        // a new authenticator on the same database (a restart after a clean stop, which writes the counts) counts on
        auth.flushUsage();
        JdbcAuthenticator restarted = new JdbcAuthenticator(ds, accounts, keys, audit, clock, Duration.ofMinutes(30), Duration.ofHours(8));
        assertThat(status(() -> restarted.authenticate(null, issued.secret()))).isEqualTo(429);
        // another key has its own quota; midnight in China opens a new day
        ApiKeyService.Issued other = keys.issue("officer", "另一个应用", Set.of("open.read"), 3, null, "officer");
        assertThat(auth.authenticate(null, other.secret()).active()).isTrue();
        clock.now = java.time.Instant.parse("2026-11-27T16:00:01Z");
        assertThat(auth.authenticate(null, issued.secret()).active()).isTrue();
    }

    /**
     * Art. 18: a key's calls counted in memory are written when the module stops, even when the framework
     * stops it from an interrupted thread (Derby refuses JDBC work on an interrupted thread); the restart
     * counts on from them.
     */
    @Test
    void callsCountedBeforeAStopFromAnInterruptedThreadStillCountAgainstTheQuota() {
        ApiKeyService.Issued issued = keys.issue("officer", "限额应用", Set.of("open.read"), 2, null, "officer");
        clock.now = java.time.Instant.parse("2026-11-27T02:00:00Z");
        for (int i = 0; i < 2; i++) {
            assertThat(auth.authenticate(null, issued.secret()).active()).isTrue();
        }

        Thread.currentThread().interrupt();
        try {
            auth.deactivate();
            assertThat(Thread.currentThread().isInterrupted()).as("the caller's interrupt is kept").isTrue();
        } finally {
            Thread.interrupted();
        }

        JdbcAuthenticator restarted = new JdbcAuthenticator(ds, accounts, keys, audit, clock, Duration.ofMinutes(30), Duration.ofHours(8));
        assertThat(status(() -> restarted.authenticate(null, issued.secret()))).isEqualTo(429);
    }

    /**
     * Art. 18: a key's calls per second are limited; the call over the limit is 429 with Retry-After, does
     * not use up the daily quota, and only the first refusal of a minute is audited.
     */
    @Test
    void anApplicationKeyOverItsRateIsRefusedWithRetryAfterWithoutUsingItsQuota() {
        auth.rateLimit(0.5, 2); // one call every two seconds, two at once
        ApiKeyService.Issued issued = keys.issue("officer", "高频应用", Set.of("open.read"), 3, null, "officer");
        assertThat(auth.authenticate(null, issued.secret()).active()).isTrue();
        assertThat(auth.authenticate(null, issued.secret()).active()).isTrue();
        for (int i = 0; i < 5; i++) {
            ProblemException fast = org.assertj.core.api.Assertions.catchThrowableOfType(
                    () -> auth.authenticate(null, issued.secret()), ProblemException.class);
            assertThat(fast.type().status()).isEqualTo(429);
            assertThat(Long.parseLong(fast.headers().get("Retry-After"))).isBetween(1L, 2L);
            assertThat(fast.getMessage()).contains("Art. 18").contains("per second");
        }
        assertThat(audit.search("app:" + issued.key().id(), null, null, null, null, 0, 100)).extracting(r -> r.event().action())
                .containsExactly("apikey.rate");
        auth.rateLimit(1000, 1000);
        // the refused calls did not count: the third call of the day is still within the quota of 3
        assertThat(auth.authenticate(null, issued.secret()).active()).isTrue();
        assertThat(status(() -> auth.authenticate(null, issued.secret()))).isEqualTo(429);
    }

    @Test
    void applicationKeysIdentifyTheApplicationAndItsOwner() {
        ApiKeyService.Issued issued = keys.issue("officer", "报表系统", Set.of("share.read"), 1000, null, "officer");
        Subject app = auth.authenticate(null, issued.secret());
        assertThat(app.kind()).isEqualTo(Subject.Kind.APPLICATION);
        assertThat(app.id()).isEqualTo("app:" + issued.key().id());
        assertThat(app.type()).isEqualTo(SubjectType.AGENCY_STAFF);
        assertThat(app.agency()).isEqualTo(JdbcAccountServiceTest.AGENCY);
        assertThat(app.scopes()).containsExactly("share.read");
        assertThat(app.roles()).isEmpty();
        assertThat(auth.authenticate("ApiKey " + issued.secret(), null).id()).isEqualTo(app.id());

        keys.setSuspended(issued.key().id(), true, "超出约定范围使用", "supervisor");
        Subject suspendedApp = auth.authenticate(null, issued.secret());
        assertThat(suspendedApp.active()).as("suspended: identified, denied by the PEP").isFalse();
        assertThat(auth.notice(suspendedApp)).contains("应用密钥").contains("超出约定范围使用");
        keys.setSuspended(issued.key().id(), false, "已整改", "supervisor");
        assertThat(auth.authenticate(null, issued.secret()).active()).isTrue();

        keys.revoke(issued.key().id(), "不再使用", "officer");
        assertThat(status(() -> auth.authenticate(null, issued.secret()))).isEqualTo(401);

        ApiKeyService.Issued expiring = keys.issue("officer", "临时", Set.of("open.read"), 10, clock.now.plus(Duration.ofDays(1)), "officer");
        clock.now = clock.now.plus(Duration.ofDays(2));
        assertThat(status(() -> auth.authenticate(null, expiring.secret()))).isEqualTo(401);
        String tampered = issued.secret().substring(0, issued.secret().length() - 2) + "zz";
        assertThat(status(() -> auth.authenticate(null, tampered))).isEqualTo(401);
    }

    @Test
    void signingOutEverywhereEndsEverySession() {
        Authenticator.Session a = auth.signIn("officer", PASSWORD, null);
        Authenticator.Session b = auth.signIn("officer", PASSWORD, null);
        auth.signOutEverywhere("officer");
        assertThat(status(() -> auth.authenticate("Bearer " + a.token(), null))).isEqualTo(401);
        assertThat(status(() -> auth.authenticate("Bearer " + b.token(), null))).isEqualTo(401);
    }
}
