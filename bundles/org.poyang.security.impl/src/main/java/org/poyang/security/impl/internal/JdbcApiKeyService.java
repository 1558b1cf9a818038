package org.poyang.security.impl.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
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
import org.poyang.security.api.ApiKey;
import org.poyang.security.api.ApiKeyService;
import org.poyang.security.api.AuditEvent;
import org.poyang.security.api.AuditTrail;

/**
 * API keys in SEC_API_KEY. A key is {@code pyk_<id>.<secret>}: the id finds the row, the secret (256
 * random bits) is checked against its SM3 hash in constant time. A fast hash suffices because the
 * secret is random, not chosen by a person. Issue, revocation and suspension are audited, and so is
 * every refused key.
 */
@Component(service = ApiKeyService.class)
public final class JdbcApiKeyService implements ApiKeyService {

    static final String PREFIX = "pyk_";
    static final int MAX_QUOTA = 10_000_000;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String COLUMNS = "KEY_ID, APPLICATION, OWNER_LOGIN, SCOPES, DAILY_QUOTA, STATUS, CREATED_MS, EXPIRES_MS";

    private final DataSource dataSource;
    private final AccountService accounts;
    private final AuditTrail audit;
    private final Clock clock;

    @Activate
    public JdbcApiKeyService(@Reference(target = "(poyang.db.dialect=*)") DataSource dataSource,
            @Reference(target = "(" + Schema.BUNDLE + "=org.poyang.security.impl)") Schema schema, @Reference AccountService accounts,
            @Reference AuditTrail audit) {
        this(dataSource, accounts, audit, Clock.systemUTC());
    }

    JdbcApiKeyService(DataSource dataSource, AccountService accounts, AuditTrail audit, Clock clock) {
        this.dataSource = dataSource;
        this.accounts = accounts;
        this.audit = audit;
        this.clock = clock;
    }

    private static String who(String actor) {
        return actor == null || actor.isBlank() ? "anonymous" : actor.strip();
    }

    @Override
    public Issued issue(String owner, String application, Set<String> scopes, int dailyQuota, Instant expiresAt, String actor) {
        List<Violation> v = new ArrayList<>();
        Optional<Account> account = owner == null ? Optional.empty() : accounts.findByLogin(owner);
        if (account.isEmpty()) {
            v.add(new Violation("owner", "应用所属账户不存在", "the owning account does not exist"));
        } else if (account.get().status() != Account.Status.ACTIVE) {
            v.add(new Violation("owner", "应用所属账户已暂停或终止，不能签发密钥（第三十九条）", "the owning account is suspended or terminated (Art. 39)"));
        }
        String app = application == null ? "" : application.strip();
        if (app.isEmpty() || app.length() > 100) {
            v.add(new Violation("application", "应用名称不能为空且不得超过 100 个字符", "an application name of 1 to 100 characters is required"));
        }
        TreeSet<String> sc = new TreeSet<>();
        for (String s : scopes == null ? Set.<String>of() : scopes) {
            if (s == null || !s.matches("[a-z]+(\\.[a-z]+)*") || s.length() > 50) {
                v.add(new Violation("scopes", "权限范围应为小写字母加点号，如 open.read", "a scope is lower-case words joined by dots, e.g. open.read"));
            } else {
                sc.add(s);
            }
        }
        if (sc.isEmpty()) {
            v.add(new Violation("scopes", "至少授予一个权限范围", "grant at least one scope"));
        }
        if (dailyQuota < 1 || dailyQuota > MAX_QUOTA) {
            v.add(new Violation("dailyQuota", "每日调用配额应在 1 到 " + MAX_QUOTA + " 之间", "the daily quota lies between 1 and " + MAX_QUOTA));
        }
        Instant now = clock.instant();
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            v.add(new Violation("expiresAt", "有效期须晚于当前时间", "the expiry lies in the future"));
        }
        if (!v.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "密钥申请有 " + v.size() + " 处不符合要求 (" + v.size() + " rule(s) broken)", v);
        }
        String id = random(12);
        String secret = random(32);
        ApiKey key = new ApiKey(id, app, account.get().login(), sc, dailyQuota, ApiKey.Status.ACTIVE, Instant.ofEpochMilli(now.toEpochMilli()),
                expiresAt == null ? null : Instant.ofEpochMilli(expiresAt.toEpochMilli()));
        inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO SEC_API_KEY (KEY_ID, SECRET_HASH, APPLICATION, OWNER_LOGIN, SCOPES, "
                    + "DAILY_QUOTA, STATUS, CREATED_MS, EXPIRES_MS) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, id);
                ps.setString(2, AuditChain.sm3(secret.getBytes(StandardCharsets.US_ASCII)));
                ps.setString(3, app);
                ps.setString(4, key.owner());
                ps.setString(5, String.join(" ", sc));
                ps.setInt(6, dailyQuota);
                ps.setString(7, ApiKey.Status.ACTIVE.name());
                ps.setLong(8, key.createdAt().toEpochMilli());
                if (expiresAt == null) {
                    ps.setNull(9, java.sql.Types.BIGINT);
                } else {
                    ps.setLong(9, key.expiresAt().toEpochMilli());
                }
                ps.executeUpdate();
            }
            audit.record(new AuditEvent(who(actor), null, "apikey.issue", id, null, null, AuditEvent.Outcome.SUCCESS,
                    app + " for " + key.owner() + " " + sc + " quota " + dailyQuota));
        });
        return new Issued(key, PREFIX + id + "." + secret);
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b).replace('-', 'a').replace('_', 'b');
    }

    /**
     * The outcome of checking a presented key: the key and its owner's account when its secret
     * matched (the owner may be null when the account is gone), and why it may not
     * be used, if it may not ({@code malformed}, {@code unknown}, {@code wrong secret},
     * {@code REVOKED}, {@code SUSPENDED}, {@code expired}, {@code owner not active}).
     */
    record Check(ApiKey key, Account owner, String refusal) {
        /** Suspension of the key or its owner (Art. 39), as opposed to a key that is simply not valid. */
        boolean suspended() {
            return key != null && ("SUSPENDED".equals(refusal) || OWNER_NOT_ACTIVE.equals(refusal));
        }
    }

    static final String OWNER_NOT_ACTIVE = "owner not active (Art. 39)";

    @Override
    public Optional<ApiKey> verify(String presented) {
        Check c = check(presented);
        if (c.refusal() != null) {
            return refused(c.key() == null ? null : c.key().id(), c.refusal());
        }
        return Optional.of(c.key());
    }

    /** Checks a presented key without auditing; the caller records the outcome. */
    Check check(String presented) {
        if (presented == null || !presented.startsWith(PREFIX) || presented.length() > 200) {
            return new Check(null, null, "malformed");
        }
        int dot = presented.indexOf('.');
        if (dot < 0) {
            return new Check(null, null, "malformed");
        }
        String id = presented.substring(PREFIX.length(), dot);
        String secret = presented.substring(dot + 1);
        ApiKey key;
        String secretHash;
        // the connection goes back before the owner is read: holding one while asking the pool for
        // another starves the pool when as many keyed calls arrive at once as it has connections
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + ", SECRET_HASH FROM SEC_API_KEY WHERE KEY_ID = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return new Check(null, null, "unknown");
                }
                key = map(rs);
                secretHash = rs.getString(9).strip();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("API keys unavailable", e);
        }
        boolean secretOk = MessageDigest.isEqual(secretHash.getBytes(StandardCharsets.US_ASCII),
                AuditChain.sm3(secret.getBytes(StandardCharsets.US_ASCII)).getBytes(StandardCharsets.US_ASCII));
        if (!secretOk) {
            return new Check(null, null, "wrong secret");
        }
        Account owner = accounts.findByLogin(key.owner()).orElse(null);
        if (key.status() != ApiKey.Status.ACTIVE) {
            return new Check(key, owner, key.status().name());
        }
        if (key.expiresAt() != null && !key.expiresAt().isAfter(clock.instant())) {
            return new Check(key, owner, "expired");
        }
        if (owner == null || owner.status() != Account.Status.ACTIVE) {
            return new Check(key, owner, OWNER_NOT_ACTIVE);
        }
        return new Check(key, owner, null);
    }

    private Optional<ApiKey> refused(String id, String why) {
        audit.record(new AuditEvent("apikey:" + (id == null ? "?" : id), null, "apikey.verify", id, null, null, AuditEvent.Outcome.DENY, why));
        return Optional.empty();
    }

    @Override
    public ApiKey revoke(String id, String reason, String actor) {
        return change(id, ApiKey.Status.REVOKED, "apikey.revoke", reason, actor);
    }

    @Override
    public ApiKey setSuspended(String id, boolean suspended, String reason, String actor) {
        return change(id, suspended ? ApiKey.Status.SUSPENDED : ApiKey.Status.ACTIVE, suspended ? "apikey.suspend" : "apikey.restore",
                reason, actor);
    }

    private ApiKey change(String id, ApiKey.Status to, String action, String reason, String actor) {
        ApiKey key = find(id).orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "密钥不存在 (no such key)"));
        if (reason == null || reason.isBlank()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "须说明理由 (a reason is required)",
                    List.of(new Violation("reason", "吊销、暂停或恢复密钥须说明理由（第三十九条）", "a reason is required (Art. 39)")));
        }
        if (key.status() == ApiKey.Status.REVOKED) {
            throw new ProblemException(ProblemType.CONFLICT, "密钥已吊销，不能再更改 (a revoked key stays revoked)");
        }
        inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE SEC_API_KEY SET STATUS = ?, STATUS_REASON = ?, STATUS_MS = ? WHERE KEY_ID = ?")) {
                ps.setString(1, to.name());
                ps.setString(2, reason.strip().length() > 1000 ? reason.strip().substring(0, 1000) : reason.strip());
                ps.setLong(3, clock.millis());
                ps.setString(4, id);
                ps.executeUpdate();
            }
            audit.record(new AuditEvent(who(actor), null, action, id, null, null, AuditEvent.Outcome.SUCCESS, reason.strip()));
        });
        return find(id).orElseThrow();
    }

    /** The notice of the key's last Art. 39 step, or null (see {@link JdbcAccountService#notice}). */
    String statusNotice(String keyId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT STATUS, STATUS_REASON, STATUS_MS FROM SEC_API_KEY WHERE KEY_ID = ?")) {
            ps.setString(1, keyId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || rs.getString(2) == null || "ACTIVE".equals(rs.getString(1))) {
                    return null; // active, or never changed: nothing to give notice of
                }
                return JdbcAccountService.notice(rs.getString(1), rs.getString(2), rs.getLong(3), "应用密钥", "application key");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("API keys unavailable", e);
        }
    }

    @Override
    public List<ApiKey> list(String owner) {
        List<ApiKey> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM SEC_API_KEY WHERE OWNER_LOGIN = ? ORDER BY CREATED_MS DESC")) {
            ps.setString(1, owner);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(map(rs));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("API keys unavailable", e);
        }
        return out;
    }

    Optional<ApiKey> find(String id) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM SEC_API_KEY WHERE KEY_ID = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("API keys unavailable", e);
        }
    }

    private static ApiKey map(ResultSet rs) throws SQLException {
        long expires = rs.getLong(8);
        boolean noExpiry = rs.wasNull();
        return new ApiKey(rs.getString(1), rs.getString(2), rs.getString(3), new LinkedHashSet<>(List.of(rs.getString(4).split(" "))),
                rs.getInt(5), ApiKey.Status.valueOf(rs.getString(6).strip()), Instant.ofEpochMilli(rs.getLong(7)),
                noExpiry ? null : Instant.ofEpochMilli(expires));
    }

    @FunctionalInterface
    private interface Work {
        void run(Connection c) throws SQLException;
    }

    /** Runs {@code work} in one transaction; its audit record is durable before the commit. */
    private void inTransaction(Work work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                work.run(c);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("API keys unavailable", e);
        }
    }
}
