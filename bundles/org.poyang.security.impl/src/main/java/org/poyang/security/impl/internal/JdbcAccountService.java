package org.poyang.security.impl.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.poyang.platform.persistence.Schema;
import org.poyang.platform.rest.ProblemException;
import org.poyang.platform.rest.ProblemType;
import org.poyang.platform.rest.Violation;
import org.poyang.security.api.Account;
import org.poyang.security.api.AccountService;
import org.poyang.security.api.AuditEvent;
import org.poyang.security.api.AuditTrail;
import org.poyang.security.api.FieldCipher;
import org.poyang.security.api.NewAccount;
import org.poyang.security.api.Role;
import org.poyang.security.api.SignIn;
import org.poyang.security.api.SubjectType;

/**
 * Accounts in SEC_ACCOUNT / SEC_ACCOUNT_ROLE (身份管理). Passwords: Argon2id ({@link Passwords});
 * second factor: TOTP ({@link Totp}); {@value #MAX_FAILURES} failed sign-ins in a row lock the account
 * for {@link #LOCKOUT}; separation of duties among the three administrator roles (三员分立).
 * Every change and every sign-in attempt is recorded on the audit trail (Art. 30).
 */
@Component(service = AccountService.class)
public final class JdbcAccountService implements AccountService {

    static final int MAX_FAILURES = 5;
    static final Duration LOCKOUT = Duration.ofMinutes(15);
    static final ProblemType LOGIN_TAKEN = new ProblemType("security-login-taken", 409, "登录名已被使用", "The login name is taken");
    /**
     * A hash to verify against for unknown logins, so that they cost the same work as a wrong
     * password. Made on first use, not when the class loads: an Argon2 hash on a cold JVM costs
     * about a second, and class loading here is on the platform's start path.
     */
    private static final class Dummy {
        static final String HASH = Passwords.hash("dummy-Password-1");
    }
    private static final String COLUMNS = "ID, LOGIN, DISPLAY_NAME, SUBJECT_TYPE, AGENCY, STATUS, TOTP_SECRET, CREATED_MS";

    private final DataSource dataSource;
    private final AuditTrail audit;
    private final FieldCipher cipher;
    private final Clock clock;

    @Activate
    public JdbcAccountService(@Reference(target = "(poyang.db.dialect=*)") DataSource dataSource,
            @Reference(target = "(" + Schema.BUNDLE + "=org.poyang.security.impl)") Schema schema, @Reference AuditTrail audit,
            @Reference FieldCipher cipher) {
        this(dataSource, audit, cipher, Clock.systemUTC());
    }

    JdbcAccountService(DataSource dataSource, AuditTrail audit, FieldCipher cipher, Clock clock) {
        this.dataSource = dataSource;
        this.audit = audit;
        this.cipher = cipher;
        this.clock = clock;
    }

    private static String who(String actor) {
        return actor == null || actor.isBlank() ? "anonymous" : actor.strip();
    }

    @Override
    public Account create(NewAccount in, String actor) {
        List<Violation> v = new ArrayList<>();
        String login = in.login() == null ? "" : in.login().strip().toLowerCase(Locale.ROOT);
        if (!login.matches("[a-z0-9._-]{3,64}")) {
            v.add(new Violation("login", "登录名应为 3 到 64 个小写字母、数字或 . _ -", "a login has 3 to 64 of a-z, 0-9, '.', '_', '-'"));
        } else if (login.replaceAll("[^0-9]", "").length() >= 11) {
            // a login is written in logs and kept on the audit trail for good: it must not carry an
            // identity number, a mobile or another long number that identifies a person (Art. 35)
            v.add(new Violation("login", "登录名不得包含身份证号、手机号等 11 位以上的数字", "a login must not contain 11 or more digits "
                    + "(an identity or mobile number would end up in logs and on the audit trail; Art. 35)"));
        }
        String name = in.displayName() == null ? "" : in.displayName().strip();
        if (name.isEmpty() || name.length() > 100) {
            v.add(new Violation("displayName", "显示名称不能为空且不得超过 100 个字符", "a display name of 1 to 100 characters is required"));
        }
        if (in.type() == null) {
            v.add(new Violation("type", "须注明账户类型", "the account type is required"));
        }
        String agency = in.agency() == null || in.agency().isBlank() ? null : in.agency().strip().toUpperCase(Locale.ROOT);
        if (in.type() != null && in.type().needsAgency() && agency == null) {
            v.add(new Violation("agency", in.type().labelZh() + "须注明所属机构的统一社会信用代码", in.type().labelEn() + " belongs to an agency"));
        }
        if (agency != null && !agency.matches("[0-9A-HJ-NPQRTUWXY]{18}")) {
            v.add(new Violation("agency", "所属机构的统一社会信用代码格式不正确", "the agency's credit code is malformed"));
        }
        Set<Role> roles = in.roles() == null ? Set.of() : in.roles();
        roleRules(in.type(), roles, v);
        for (String[] p : Passwords.problems(in.password(), login)) {
            v.add(new Violation("password", p[0], p[1]));
        }
        if (!v.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "账户信息有 " + v.size() + " 处不符合要求 (" + v.size() + " rule(s) broken)", v);
        }
        String hash = Passwords.hash(in.password());
        long now = clock.millis();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                long id;
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO SEC_ACCOUNT (LOGIN, DISPLAY_NAME, SUBJECT_TYPE, AGENCY, STATUS, "
                        + "PASSWORD_HASH, TOTP_LAST_STEP, FAILURES, LOCKED_UNTIL_MS, CREATED_MS) VALUES (?, ?, ?, ?, ?, ?, 0, 0, 0, ?)",
                        Statement.RETURN_GENERATED_KEYS)) {
                    ps.setString(1, login);
                    ps.setString(2, name);
                    ps.setString(3, in.type().name());
                    ps.setString(4, agency);
                    ps.setString(5, Account.Status.ACTIVE.name());
                    ps.setString(6, hash);
                    ps.setLong(7, now);
                    ps.executeUpdate();
                    try (ResultSet k = ps.getGeneratedKeys()) {
                        k.next();
                        id = k.getLong(1);
                    }
                }
                writeRoles(c, id, roles);
                audit.record(new AuditEvent(who(actor), null, "account.create", login, null, null, AuditEvent.Outcome.SUCCESS,
                        in.type() + " " + roles));
                Account created = find(c, id).orElseThrow();
                c.commit();
                return created;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                if (e instanceof SQLException s && s.getSQLState() != null && s.getSQLState().startsWith("23")) {
                    throw new ProblemException(LOGIN_TAKEN, "登录名 " + login + " 已被使用 (login taken)");
                }
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("accounts unavailable", e);
        }
    }

    /** Separation of duties, and administrator roles only for platform staff. */
    private static void roleRules(SubjectType type, Set<Role> roles, List<Violation> v) {
        EnumSet<Role> admin = EnumSet.noneOf(Role.class);
        roles.stream().filter(Role.SEPARATED::contains).forEach(admin::add);
        if (admin.size() > 1) {
            v.add(new Violation("roles", "系统管理员、安全管理员、审计管理员须由不同账户担任（三员分立）：" + admin,
                    "system, security and audit administrator are held by different accounts (separation of duties): " + admin));
        }
        if (!admin.isEmpty() && type != null && type != SubjectType.OPERATOR && type != SubjectType.AUDITOR
                && type != SubjectType.MANAGEMENT_STAFF) {
            v.add(new Violation("roles", "管理员角色只授予平台运营、审计或公共数据管理部门人员", "administrator roles are for operators, auditors and management staff"));
        }
        if (type != null && !type.staff() && roles.stream().anyMatch(r -> r != Role.APPLICANT)) {
            v.add(new Violation("roles", "公众账户只能担任申请人角色", "public accounts hold the applicant role only"));
        }
    }

    private static void writeRoles(Connection c, long id, Set<Role> roles) throws SQLException {
        try (PreparedStatement del = c.prepareStatement("DELETE FROM SEC_ACCOUNT_ROLE WHERE ACCOUNT_ID = ?")) {
            del.setLong(1, id);
            del.executeUpdate();
        }
        try (PreparedStatement ins = c.prepareStatement("INSERT INTO SEC_ACCOUNT_ROLE (ACCOUNT_ID, ROLE_NAME) VALUES (?, ?)")) {
            for (Role r : roles) {
                ins.setLong(1, id);
                ins.setString(2, r.name());
                ins.addBatch();
            }
            ins.executeBatch();
        }
    }

    @Override
    public Account setRoles(long id, Set<Role> roles, String actor) {
        Account a = find(id).orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "账户不存在 (no such account)"));
        List<Violation> v = new ArrayList<>();
        roleRules(a.type(), roles, v);
        if (!v.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "角色设置不符合要求 (roles refused)", v);
        }
        return inTransaction(c -> {
            writeRoles(c, id, roles);
            audit.record(new AuditEvent(who(actor), null, "account.roles", a.login(), null, null, AuditEvent.Outcome.SUCCESS,
                    a.roles() + " -> " + roles));
            return id;
        });
    }

    @Override
    public SignIn signIn(String login, String password, String totpCode) {
        String l = login == null ? "" : login.strip().toLowerCase(Locale.ROOT);
        long now = clock.millis();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("SELECT ID, PASSWORD_HASH, STATUS, TOTP_SECRET, TOTP_LAST_STEP, FAILURES, "
                    + "LOCKED_UNTIL_MS FROM SEC_ACCOUNT WHERE LOGIN = ? FOR UPDATE")) {
                ps.setString(1, l);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        Passwords.verify(password == null ? "" : password, Dummy.HASH);
                        c.commit();
                        return refuse(l, SignIn.Refusal.BAD_CREDENTIALS, null);
                    }
                    long id = rs.getLong(1);
                    String hash = rs.getString(2);
                    Account.Status status = Account.Status.valueOf(rs.getString(3).strip());
                    String secret = cipher.decrypt(rs.getString(4)); // stored SM4-GCM encrypted (Art. 31)
                    long lastStep = rs.getLong(5);
                    int failures = rs.getInt(6);
                    long lockedUntil = rs.getLong(7);
                    if (lockedUntil > now) {
                        c.commit();
                        return refuse(l, SignIn.Refusal.LOCKED, Instant.ofEpochMilli(lockedUntil));
                    }
                    boolean passwordOk = password != null && Passwords.verify(password, hash);
                    long step = passwordOk && secret != null ? Totp.accept(secret, totpCode, now, lastStep) : 0;
                    if (!passwordOk || step < 0) {
                        int f = failures + 1;
                        long until = f >= MAX_FAILURES ? now + LOCKOUT.toMillis() : 0;
                        update(c, "UPDATE SEC_ACCOUNT SET FAILURES = ?, LOCKED_UNTIL_MS = ? WHERE ID = ?", f >= MAX_FAILURES ? 0 : f, until, id);
                        c.commit();
                        if (until > 0) {
                            audit.record(new AuditEvent(l, null, "account.lockout", l, null, null, AuditEvent.Outcome.DENY,
                                    MAX_FAILURES + " failed sign-ins; locked for " + LOCKOUT.toMinutes() + " min"));
                        }
                        return refuse(l, passwordOk ? SignIn.Refusal.SECOND_FACTOR : SignIn.Refusal.BAD_CREDENTIALS,
                                until > 0 ? Instant.ofEpochMilli(until) : null);
                    }
                    if (status != Account.Status.ACTIVE) {
                        c.commit();
                        return refuse(l, SignIn.Refusal.NOT_ACTIVE, null);
                    }
                    update(c, "UPDATE SEC_ACCOUNT SET FAILURES = 0, LOCKED_UNTIL_MS = 0, TOTP_LAST_STEP = ? WHERE ID = ?",
                            secret == null ? lastStep : step, id);
                    Optional<Account> signedIn = find(c, id);
                    c.commit();
                    audit.record(new AuditEvent(l, null, "account.signin", l, null, null, AuditEvent.Outcome.SUCCESS,
                            secret == null ? "password" : "password+totp"));
                    return new SignIn(signedIn, null, null);
                }
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("accounts unavailable", e);
        }
    }

    private SignIn refuse(String login, SignIn.Refusal why, Instant lockedUntil) {
        audit.record(new AuditEvent(login.isEmpty() ? "anonymous" : login, null, "account.signin", login, null, null,
                AuditEvent.Outcome.DENY, why.name()));
        return new SignIn(Optional.empty(), why, lockedUntil);
    }

    private static void update(Connection c, String sql, long... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setLong(i + 1, args[i]);
            }
            ps.executeUpdate();
        }
    }

    @Override
    public String enableTotp(long id, String actor) {
        Account a = find(id).orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "账户不存在 (no such account)"));
        String secret = Totp.newSecret();
        inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE SEC_ACCOUNT SET TOTP_SECRET = ?, TOTP_LAST_STEP = 0 WHERE ID = ?")) {
                ps.setString(1, cipher.encrypt(secret));
                ps.setLong(2, id);
                ps.executeUpdate();
            }
            audit.record(new AuditEvent(who(actor), null, "account.totp.enable", a.login(), null, null, AuditEvent.Outcome.SUCCESS, null));
            return id;
        });
        return "otpauth://totp/Poyang:" + a.login() + "?secret=" + secret + "&issuer=Poyang&algorithm=SHA1&digits=6&period=" + Totp.STEP_SECONDS;
    }

    @Override
    public Account setStatus(long id, Account.Status status, String reason, String actor) {
        Account a = find(id).orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "账户不存在 (no such account)"));
        if (reason == null || reason.isBlank()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "须说明理由 (a reason is required)",
                    List.of(new Violation("reason", "暂停、恢复或终止账户须说明理由（第三十九条）", "a reason is required (Art. 39)")));
        }
        if (a.status() == Account.Status.TERMINATED && status != Account.Status.TERMINATED) {
            throw new ProblemException(ProblemType.CONFLICT, "已终止的账户不能恢复（第三十九条） (a terminated account stays terminated, Art. 39)");
        }
        return inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE SEC_ACCOUNT SET STATUS = ?, STATUS_REASON = ?, STATUS_MS = ? WHERE ID = ?")) {
                ps.setString(1, status.name());
                ps.setString(2, reason.strip().length() > 1000 ? reason.strip().substring(0, 1000) : reason.strip());
                ps.setLong(3, clock.millis());
                ps.setLong(4, id);
                ps.executeUpdate();
            }
            audit.record(new AuditEvent(who(actor), null, "account.status", a.login(), null, null, AuditEvent.Outcome.SUCCESS,
                    a.status() + " -> " + status + ": " + reason.strip()));
            return id;
        });
    }

    /**
     * The notice of the account's last Art. 39 step (Chinese, then English), or null when there is none:
     * what a suspended or terminated subject is told.
     */
    String statusNotice(String login) {
        try (java.sql.Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT STATUS, STATUS_REASON, STATUS_MS FROM SEC_ACCOUNT WHERE LOGIN = ?")) {
            ps.setString(1, login);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || rs.getString(2) == null || "ACTIVE".equals(rs.getString(1))) {
                    return null; // active, or never changed: nothing to give notice of
                }
                return notice(rs.getString(1), rs.getString(2), rs.getLong(3), "账户", "account");
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("accounts unavailable", e);
        }
    }

    /** "账户已于 2026-11-27 被暂停，理由：…（第三十九条） (the account was suspended on 2026-11-27: …; Art. 39)". */
    static String notice(String status, String reason, long at, String whatZh, String whatEn) {
        String day = java.time.LocalDate.ofInstant(java.time.Instant.ofEpochMilli(at), java.time.ZoneId.of("Asia/Shanghai")).toString();
        String zh = switch (status) {
            case "SUSPENDED" -> "暂停";
            case "TERMINATED" -> "终止";
            case "REVOKED" -> "吊销";
            default -> "恢复";
        };
        String en = switch (status) {
            case "SUSPENDED" -> "suspended";
            case "TERMINATED" -> "terminated";
            case "REVOKED" -> "revoked";
            default -> "restored";
        };
        return whatZh + "已于 " + day + " 被" + zh + "，理由：" + reason + "（第三十九条） (the " + whatEn + " was " + en + " on " + day + ": " + reason
                + "; Art. 39)";
    }

    @Override
    public Account changePassword(String login, String currentPassword, String newPassword) {
        SignIn check = signIn(login, currentPassword, null);
        if (!check.ok() && check.refusal() != SignIn.Refusal.SECOND_FACTOR) {
            throw switch (check.refusal()) {
                case LOCKED -> new ProblemException(ProblemType.TOO_MANY_REQUESTS, "账户暂时锁定 (the account is locked for a while)");
                case NOT_ACTIVE -> new ProblemException(ProblemType.FORBIDDEN, "账户已被暂停或终止（第三十九条） (the account is suspended or terminated, Art. 39)");
                // the caller is signed in: a wrong current password is a refused request, not missing credentials
                default -> new ProblemException(ProblemType.VALIDATION_FAILED, "当前密码不正确 (the current password is wrong)",
                        List.of(new Violation("currentPassword", "当前密码不正确（连续错误将锁定账户）", "the current password is wrong (repeated failures lock the account)")));
            };
        }
        Account a = findByLogin(login).orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "账户不存在 (no such account)"));
        if (newPassword != null && newPassword.equals(currentPassword)) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "新密码须与当前密码不同 (the new password must differ from the current one)",
                    List.of(new Violation("newPassword", "新密码须与当前密码不同", "the new password must differ from the current one")));
        }
        return setPassword(a, newPassword, a.login(), "account.password.change");
    }

    @Override
    public Account resetPassword(long id, String newPassword, String actor) {
        Account a = find(id).orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "账户不存在 (no such account)"));
        return setPassword(a, newPassword, actor, "account.password.reset");
    }

    private Account setPassword(Account a, String newPassword, String actor, String action) {
        List<Violation> v = new ArrayList<>();
        for (String[] p : Passwords.problems(newPassword, a.login())) {
            v.add(new Violation("newPassword", p[0], p[1]));
        }
        if (!v.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "新密码有 " + v.size() + " 处不符合要求 (" + v.size() + " rule(s) broken)", v);
        }
        String hash = Passwords.hash(newPassword);
        return inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE SEC_ACCOUNT SET PASSWORD_HASH = ?, FAILURES = 0, LOCKED_UNTIL_MS = 0 WHERE ID = ?")) {
                ps.setString(1, hash);
                ps.setLong(2, a.id());
                ps.executeUpdate();
            }
            audit.record(new AuditEvent(who(actor), null, action, a.login(), null, null, AuditEvent.Outcome.SUCCESS, null));
            return a.id();
        });
    }

    @FunctionalInterface
    private interface Work {
        long run(Connection c) throws SQLException;
    }

    /** Runs {@code work} and commits (its audit record is written before the commit), then reads the account back. */
    private Account inTransaction(Work work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                long id = work.run(c);
                Account changed = find(c, id).orElseThrow();
                c.commit();
                return changed;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("accounts unavailable", e);
        }
    }

    @Override
    public Optional<Account> find(long id) {
        try (Connection c = dataSource.getConnection()) {
            return find(c, id);
        } catch (SQLException e) {
            throw new IllegalStateException("accounts unavailable", e);
        }
    }

    @Override
    public Optional<Account> findByLogin(String login) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM SEC_ACCOUNT WHERE LOGIN = ?")) {
            ps.setString(1, login == null ? "" : login.strip().toLowerCase(Locale.ROOT));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(account(c, rs, 1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("accounts unavailable", e);
        }
    }

    private static Optional<Account> find(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM SEC_ACCOUNT WHERE ID = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(account(c, rs, 1)) : Optional.empty();
            }
        }
    }

    /** The account columns of {@code SEC_ACCOUNT} aliased {@code alias}, in the order {@link #account} reads them. */
    static String columns(String alias) {
        return alias + "." + COLUMNS.replace(", ", ", " + alias + ".");
    }

    /**
     * The account in the current row of {@code rs}, whose account columns start at column {@code first}
     * (in the order of {@link #columns}), with its roles, read on {@code c}.
     */
    static Account account(Connection c, ResultSet rs, int first) throws SQLException {
        long id = rs.getLong(first);
        EnumSet<Role> roles = EnumSet.noneOf(Role.class);
        try (PreparedStatement r = c.prepareStatement("SELECT ROLE_NAME FROM SEC_ACCOUNT_ROLE WHERE ACCOUNT_ID = ?")) {
            r.setLong(1, id);
            try (ResultSet rr = r.executeQuery()) {
                while (rr.next()) {
                    roles.add(Role.valueOf(rr.getString(1).strip()));
                }
            }
        }
        String agency = rs.getString(first + 4);
        return new Account(id, rs.getString(first + 1), rs.getString(first + 2), SubjectType.valueOf(rs.getString(first + 3).strip()),
                agency == null ? null : agency.strip(), roles, Account.Status.valueOf(rs.getString(first + 5).strip()),
                rs.getString(first + 6) != null, Instant.ofEpochMilli(rs.getLong(first + 7)));
    }
}
