package org.poyang.security.impl.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.poyang.platform.rest.ProblemException;
import org.poyang.platform.rest.Violation;
import org.poyang.security.api.Account;
import org.poyang.security.api.AuditEvent;
import org.poyang.security.api.NewAccount;
import org.poyang.security.api.Role;
import org.poyang.security.api.SignIn;
import org.poyang.security.api.SubjectType;
import org.poyang.platform.persistence.testing.TestDatabase;

/**
 * Accounts (身份管理) on a real embedded Derby with the real audit trail: Argon2id passwords and the
 * password policy, separation of duties, lockout, TOTP with replay protection, suspension and
 * termination (Art. 39), and every attempt on the audit trail (Art. 30).
 */
class JdbcAccountServiceTest {

    static final String AGENCY = "91110000600037341L";
    static final String PASSWORD = "Poyang-2026-secret";

    /** A clock the test moves. */
    static final class MovableClock extends Clock {
        Instant now = Instant.parse("2026-11-27T08:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @TempDir
    Path dir;

    private TestDatabase db;
    private DataSource ds;
    private JdbcAuditTrail audit;
    private JdbcAccountService accounts;
    private final MovableClock clock = new MovableClock();

    @BeforeEach
    void start() throws Exception {
        db = TestDatabase.create(dir).migrate("db/org.poyang.security.impl/changelog.xml");
        ds = db.dataSource();
        audit = new JdbcAuditTrail(ds, AuditSigner.load(dir.resolve("key")), Clock.systemUTC(), 1000, 3600, 500, 10);
        accounts = new JdbcAccountService(ds, audit, new FileFieldCipher(dir.resolve("keys/field-keys.properties"), "SM4"), clock);
    }

    @AfterEach
    void stop() throws Exception {
        audit.close();
        db.close();
    }

    private Account officer(String login) {
        return accounts.create(new NewAccount(login, "数据专员", SubjectType.AGENCY_STAFF, AGENCY, Set.of(Role.DATA_OFFICER), PASSWORD), "secadmin");
    }

    private static java.util.List<String> fields(Runnable r) {
        try {
            r.run();
        } catch (ProblemException e) {
            return e.violations().stream().map(Violation::field).toList();
        }
        throw new AssertionError("not refused");
    }

    @Test
    void passwordsAreStoredAsArgon2idAndSignInChecksThem() throws Exception {
        Account a = officer("zhang.san");
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT PASSWORD_HASH FROM SEC_ACCOUNT WHERE ID = ?")) {
            ps.setLong(1, a.id());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getString(1)).startsWith("$argon2id$v=19$m=19456,t=2,p=1$").doesNotContain(PASSWORD);
            }
        }
        assertThat(accounts.signIn("Zhang.San", PASSWORD, null).account()).hasValueSatisfying(x -> assertThat(x.id()).isEqualTo(a.id()));
        SignIn wrong = accounts.signIn("zhang.san", "Wrong-password-1", null);
        SignIn unknown = accounts.signIn("no.such.user", "Wrong-password-1", null);
        assertThat(wrong.refusal()).isEqualTo(SignIn.Refusal.BAD_CREDENTIALS);
        assertThat(unknown.refusal()).as("an unknown login looks like a wrong password").isEqualTo(SignIn.Refusal.BAD_CREDENTIALS);
        assertThat(audit.search("zhang.san", null, AuditEvent.Outcome.DENY, null, null, 0, 10)).hasSize(1);
        assertThat(audit.search("zhang.san", null, AuditEvent.Outcome.SUCCESS, null, null, 0, 10)).extracting(r -> r.event().action())
                .contains("account.signin");
    }

    @Test
    void aPasswordIsChangedWithTheCurrentOneAndResetByTheSecurityAdministrator() {
        Account a = officer("zhao.liu");
        String next = "Poyang-2027-secret";
        assertThat(fields(() -> accounts.changePassword("zhao.liu", "Wrong-password-1", next))).containsExactly("currentPassword");
        assertThat(fields(() -> accounts.changePassword("zhao.liu", PASSWORD, PASSWORD))).containsExactly("newPassword");
        assertThat(fields(() -> accounts.changePassword("zhao.liu", PASSWORD, "short"))).containsExactly("newPassword");
        assertThat(accounts.signIn("zhao.liu", PASSWORD, null).ok()).as("nothing changed by refused changes").isTrue();
        accounts.changePassword("zhao.liu", PASSWORD, next);
        assertThat(accounts.signIn("zhao.liu", PASSWORD, null).ok()).isFalse();
        assertThat(accounts.signIn("zhao.liu", next, null).ok()).isTrue();
        String reset = "Reset-2027-secret!";
        accounts.resetPassword(a.id(), reset, "secadmin");
        assertThat(accounts.signIn("zhao.liu", reset, null).ok()).isTrue();
        assertThat(audit.search("secadmin", "zhao.liu", null, null, null, 0, 100)).extracting(r -> r.event().action())
                .contains("account.password.reset");
        assertThat(audit.search("zhao.liu", "zhao.liu", null, null, null, 0, 100)).extracting(r -> r.event().action())
                .contains("account.password.change");
    }

    /** Art. 35: a login is logged and audited for good, so it must not be an identity or mobile number. */
    @Test
    void loginsThatCarryAnIdentityOrMobileNumberAreRefused() {
        for (String login : new String[] {"13812345678", "36010219900307123x", "wang.13812345678", "u12345678901"}) {
            assertThat(fields(() -> accounts.create(new NewAccount(login, "王五", SubjectType.NATURAL_PERSON, null, Set.of(), PASSWORD), null)))
                    .as(login).containsExactly("login");
        }
        assertThat(accounts.create(new NewAccount("wang.wu.2026", "王五", SubjectType.NATURAL_PERSON, null, Set.of(), PASSWORD), null).login())
                .isEqualTo("wang.wu.2026");
    }

    @Test
    void weakPasswordsAreRefusedWithEveryReasonAndNothingStored() {
        assertThat(fields(() -> accounts.create(new NewAccount("li.si", "李四", SubjectType.NATURAL_PERSON, null, Set.of(), "short"), null)))
                .containsExactly("password");
        assertThat(fields(() -> accounts.create(new NewAccount("li.si", "李四", SubjectType.NATURAL_PERSON, null, Set.of(),
                "onlylowercaseletters"), null))).containsExactly("password");
        assertThat(fields(() -> accounts.create(new NewAccount("li.si", "李四", SubjectType.NATURAL_PERSON, null, Set.of(),
                "Li.Si-2026-pass"), null))).as("contains the login").containsExactly("password");
        assertThat(accounts.findByLogin("li.si")).isEmpty();
    }

    @Test
    void theThreeAdministratorRolesAreHeldByDifferentAccounts() {
        java.util.List<String> f = fields(() -> accounts.create(new NewAccount("root", "管理员", SubjectType.OPERATOR, null,
                EnumSet.of(Role.SYSTEM_ADMIN, Role.AUDIT_ADMIN), PASSWORD), null));
        assertThat(f).containsExactly("roles");
        Account sys = accounts.create(new NewAccount("sysadmin", "系统管理员", SubjectType.OPERATOR, null, Set.of(Role.SYSTEM_ADMIN), PASSWORD), null);
        assertThatThrownBy(() -> accounts.setRoles(sys.id(), EnumSet.of(Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN), "secadmin"))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.violations().get(0).messageZh()).contains("三员分立"));
        assertThat(accounts.find(sys.id()).orElseThrow().roles()).containsExactly(Role.SYSTEM_ADMIN);
    }

    @Test
    void staffBelongToAnAgencyAndPublicAccountsOnlyApply() {
        assertThat(fields(() -> accounts.create(new NewAccount("wang.wu", "王五", SubjectType.AGENCY_STAFF, null, Set.of(Role.DATA_OFFICER),
                PASSWORD), null))).containsExactly("agency");
        assertThat(fields(() -> accounts.create(new NewAccount("zhao.liu", "赵六", SubjectType.LEGAL_PERSON, null, Set.of(Role.CATALOG_REVIEWER),
                PASSWORD), null))).containsExactly("roles");
        officer("wang.wu");
        assertThatThrownBy(() -> officer("WANG.WU")).isInstanceOfSatisfying(ProblemException.class,
                e -> assertThat(e.type().slug()).isEqualTo("security-login-taken"));
    }

    @Test
    void fiveFailuresLockTheAccountForFifteenMinutes() {
        officer("sun.qi");
        for (int i = 0; i < JdbcAccountService.MAX_FAILURES - 1; i++) {
            assertThat(accounts.signIn("sun.qi", "Wrong-password-" + i, null).refusal()).isEqualTo(SignIn.Refusal.BAD_CREDENTIALS);
        }
        SignIn fifth = accounts.signIn("sun.qi", "Wrong-password-x", null);
        assertThat(fifth.lockedUntil()).isEqualTo(clock.now.plus(JdbcAccountService.LOCKOUT));
        assertThat(accounts.signIn("sun.qi", PASSWORD, null).refusal()).as("even the right password while locked").isEqualTo(SignIn.Refusal.LOCKED);
        clock.now = clock.now.plus(JdbcAccountService.LOCKOUT).plusSeconds(1);
        assertThat(accounts.signIn("sun.qi", PASSWORD, null).ok()).isTrue();
        assertThat(audit.search("sun.qi", null, null, null, null, 0, 100)).extracting(r -> r.event().action()).contains("account.lockout");
    }

    @Test
    void staffSecondFactorIsTotpAndACodeWorksOnce() throws Exception {
        Account a = officer("zhou.ba");
        String uri = accounts.enableTotp(a.id(), "zhou.ba");
        assertThat(uri).startsWith("otpauth://totp/Poyang:zhou.ba?secret=");
        String secret = uri.replaceAll(".*secret=([A-Z2-7]+).*", "$1");
        try (Connection c = ds.getConnection(); var st = c.createStatement();
                var rs = st.executeQuery("SELECT TOTP_SECRET FROM SEC_ACCOUNT WHERE LOGIN = 'zhou.ba'")) {
            rs.next();
            assertThat(rs.getString(1)).as("stored encrypted (Art. 31)").startsWith("sm4gcm:").doesNotContain(secret);
        }
        assertThat(accounts.signIn("zhou.ba", PASSWORD, null).refusal()).isEqualTo(SignIn.Refusal.SECOND_FACTOR);
        long step = clock.millis() / 1000 / Totp.STEP_SECONDS;
        String code = Totp.code(secret, step);
        assertThat(accounts.signIn("zhou.ba", PASSWORD, code).ok()).isTrue();
        assertThat(accounts.signIn("zhou.ba", PASSWORD, code).refusal()).as("replayed code").isEqualTo(SignIn.Refusal.SECOND_FACTOR);
        clock.now = clock.now.plus(Duration.ofSeconds(Totp.STEP_SECONDS));
        assertThat(accounts.signIn("zhou.ba", PASSWORD, Totp.code(secret, step + 1)).ok()).isTrue();
        assertThat(accounts.find(a.id()).orElseThrow().totp()).isTrue();
    }

    @Test
    void apiKeysAreShownOnceStoredHashedScopedAndRevocable() throws Exception {
        officer("app.owner");
        JdbcApiKeyService keys = new JdbcApiKeyService(ds, accounts, audit, clock);
        var issued = keys.issue("app.owner", "交通出行助手", Set.of("open.read", "open.download"), 10_000,
                clock.now.plus(Duration.ofDays(365)), "secadmin");
        assertThat(issued.secret()).startsWith("pyk_" + issued.key().id() + ".");
        assertThat(issued.toString()).doesNotContain(issued.secret());
        try (Connection c = ds.getConnection(); var st = c.createStatement(); var rs = st.executeQuery("SELECT SECRET_HASH FROM SEC_API_KEY")) {
            rs.next();
            assertThat(rs.getString(1)).hasSize(64).isNotEqualTo(issued.secret());
            assertThat(issued.secret()).doesNotContain(rs.getString(1));
        }
        assertThat(keys.verify(issued.secret())).hasValueSatisfying(k -> assertThat(k.scopes()).containsExactlyInAnyOrder("open.read", "open.download"));
        assertThat(keys.verify(issued.secret() + "x")).isEmpty();
        assertThat(keys.verify("pyk_nosuchkey.secret")).isEmpty();
        assertThat(keys.verify("Bearer something")).isEmpty();

        // Art. 39: suspending the key, or its owner, stops it at the next call; a revoked key stays revoked
        keys.setSuspended(issued.key().id(), true, "调用异常，暂停核查", "supervisor");
        assertThat(keys.verify(issued.secret())).isEmpty();
        keys.setSuspended(issued.key().id(), false, "核查完毕", "supervisor");
        assertThat(keys.verify(issued.secret())).isPresent();
        Account owner = accounts.findByLogin("app.owner").orElseThrow();
        accounts.setStatus(owner.id(), Account.Status.SUSPENDED, "违规", "supervisor");
        assertThat(keys.verify(issued.secret())).as("owner suspended").isEmpty();
        accounts.setStatus(owner.id(), Account.Status.ACTIVE, "整改完成", "supervisor");
        keys.revoke(issued.key().id(), "应用下线", "app.owner");
        assertThat(keys.verify(issued.secret())).isEmpty();
        assertThatThrownBy(() -> keys.setSuspended(issued.key().id(), false, "恢复", "supervisor")).isInstanceOf(ProblemException.class);

        clock.now = clock.now.plus(Duration.ofDays(1));
        var shortLived = keys.issue("app.owner", "临时应用", Set.of("open.read"), 100, clock.now.plus(Duration.ofHours(1)), "secadmin");
        clock.now = clock.now.plus(Duration.ofHours(2));
        assertThat(keys.verify(shortLived.secret())).as("expired").isEmpty();
        assertThat(keys.list("app.owner")).hasSize(2);
        assertThat(audit.search(null, issued.key().id(), AuditEvent.Outcome.DENY, null, null, 0, 100)).isNotEmpty();
        assertThat(fields(() -> keys.issue("nobody", "", Set.of("Bad Scope"), 0, clock.now.minusSeconds(1), "x")))
                .containsExactlyInAnyOrder("owner", "application", "scopes", "scopes", "dailyQuota", "expiresAt");
    }

    @Test
    void totpMatchesTheRfc6238TestVector() {
        // RFC 6238 appendix B, SHA1, secret "12345678901234567890", T = 59 s -> 94287082 (8 digits; 6 digits: 287082)
        String secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
        assertThat(Totp.code(secret, 59 / 30)).isEqualTo("287082");
    }

    @Test
    void art39SuspensionTakesEffectAtTheNextSignInAndTerminationIsFinal() {
        Account a = officer("wu.jiu");
        assertThat(fields(() -> accounts.setStatus(a.id(), Account.Status.SUSPENDED, " ", "supervisor"))).containsExactly("reason");
        accounts.setStatus(a.id(), Account.Status.SUSPENDED, "违规调用数据，责令整改", "supervisor");
        assertThat(accounts.signIn("wu.jiu", PASSWORD, null).refusal()).isEqualTo(SignIn.Refusal.NOT_ACTIVE);
        accounts.setStatus(a.id(), Account.Status.ACTIVE, "整改完成", "supervisor");
        assertThat(accounts.signIn("wu.jiu", PASSWORD, null).ok()).isTrue();
        accounts.setStatus(a.id(), Account.Status.TERMINATED, "严重违规", "supervisor");
        assertThatThrownBy(() -> accounts.setStatus(a.id(), Account.Status.ACTIVE, "申请恢复", "supervisor")).isInstanceOf(ProblemException.class);
        assertThat(accounts.signIn("wu.jiu", PASSWORD, null).refusal()).isEqualTo(SignIn.Refusal.NOT_ACTIVE);
        assertThat(audit.search("supervisor", null, null, null, null, 0, 10)).extracting(r -> r.event().detail())
                .anySatisfy(d -> assertThat(d).contains("SUSPENDED").contains("责令整改"));
        assertThat(audit.verify().intact()).isTrue();
    }
}
