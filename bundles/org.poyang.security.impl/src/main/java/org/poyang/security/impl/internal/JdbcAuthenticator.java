package org.poyang.security.impl.internal;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import javax.sql.DataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.poyang.platform.persistence.Schema;
import org.poyang.platform.rest.ProblemException;
import org.poyang.platform.rest.ProblemType;
import org.poyang.security.api.Account;
import org.poyang.security.api.AccountService;
import org.poyang.security.api.ApiKeyService;
import org.poyang.security.api.AuditEvent;
import org.poyang.security.api.AuditTrail;
import org.poyang.security.api.Authenticator;
import org.poyang.security.api.SignIn;
import org.poyang.security.api.Subject;

/**
 * Sessions and keys (身份认证, Art. 35). Signing in opens a session whose bearer token is random,
 * shown once and stored only as its SM3 hash; a session ends when signed out, after
 * {@code idleMinutes} without use or {@code maxHours} after it opened. Every request looks the
 * account up again, so a suspension (Art. 39) takes effect on the next request. Art. 12 para 2:
 * within a session nothing asks the person to verify again, and no flow asks for biometrics.
 */
@Component(service = Authenticator.class, configurationPid = JdbcAuthenticator.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = JdbcAuthenticator.Config.class)
public final class JdbcAuthenticator implements Authenticator {

    static final String PID = "org.poyang.security.sessions";
    static final String TOKEN_PREFIX = "pys_";
    private static final SecureRandom RANDOM = new SecureRandom();
    /** A session's last use is written at most this often, so that reads do not each cost a write. */
    private static final long TOUCH_MILLIS = 60_000;

    /** Session lifetimes. */
    @ObjectClassDefinition(name = "Poyang sessions", description = "会话 (sessions opened by signing in)")
    public @interface Config {
        @AttributeDefinition(description = "A session ends after this many minutes without a request")
        int idleMinutes() default 30;

        @AttributeDefinition(description = "A session ends this many hours after it opened, however busy")
        int maxHours() default 8;

        @AttributeDefinition(description = "Calls per second each application key may make on average (Art. 18)")
        double keyCallsPerSecond() default 20;

        @AttributeDefinition(description = "Calls an application key may make at once after a pause (the token bucket's size)")
        int keyBurst() default 40;
    }

    private final DataSource dataSource;
    private final AccountService accounts;
    private final JdbcApiKeyService keys;
    private final AuditTrail audit;
    private final Clock clock;
    private volatile Duration idle;
    private volatile Duration max;
    private final KeyRateLimiter rates = new KeyRateLimiter(20, 40);
    private final KeyUsage usage;
    private java.util.concurrent.ScheduledExecutorService flusher;

    @Activate
    public JdbcAuthenticator(@Reference(target = "(poyang.db.dialect=*)") DataSource dataSource,
            @Reference(target = "(" + Schema.BUNDLE + "=org.poyang.security.impl)") Schema schema, @Reference AccountService accounts,
            @Reference ApiKeyService keys, @Reference AuditTrail audit, Config config) {
        this(dataSource, accounts, (JdbcApiKeyService) keys, audit, Clock.systemUTC(), Duration.ofMinutes(config.idleMinutes()),
                Duration.ofHours(config.maxHours()));
        rates.configure(config.keyCallsPerSecond(), config.keyBurst());
        flusher = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "poyang-key-usage");
            t.setDaemon(true);
            return t;
        });
        flusher.scheduleWithFixedDelay(() -> {
            try {
                flushUsage();
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(JdbcAuthenticator.class).warn("Key usage flush failed; retried in a second", e);
            }
        }, 1, 1, java.util.concurrent.TimeUnit.SECONDS);
    }

    @org.osgi.service.component.annotations.Deactivate
    void deactivate() {
        // shutdown, not shutdownNow: an interrupt in the middle of a flush's JDBC work could lose its
        // counts; for the same reason this thread's own interrupt, if any, waits until the last flush is done
        boolean interrupted = Thread.interrupted();
        if (flusher != null) {
            flusher.shutdown();
            try {
                flusher.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        try {
            flushUsage();
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    JdbcAuthenticator(DataSource dataSource, AccountService accounts, JdbcApiKeyService keys, AuditTrail audit, Clock clock,
            Duration idle, Duration max) {
        this.dataSource = dataSource;
        this.accounts = accounts;
        this.keys = keys;
        this.audit = audit;
        this.clock = clock;
        this.idle = idle;
        this.max = max;
        this.usage = new KeyUsage(dataSource);
    }

    @Modified
    void modified(Config config) {
        idle = Duration.ofMinutes(Math.max(1, config.idleMinutes()));
        max = Duration.ofHours(Math.max(1, config.maxHours()));
        rates.configure(config.keyCallsPerSecond(), config.keyBurst());
    }

    /** For tests: the key rate limit. */
    void rateLimit(double perSecond, int burst) {
        rates.configure(perSecond, burst);
    }

    @Override
    public Subject authenticatePassword(String login, String password) {
        return subjectOf(verified(login, password, null));
    }

    @Override
    public Session signIn(String login, String password, String totpCode) {
        return openSession(verified(login, password, totpCode));
    }

    /** The account when the credentials are right; else the refusal as a problem. */
    private Account verified(String login, String password, String totpCode) {
        SignIn result = accounts.signIn(login, password, totpCode);
        if (!result.ok()) {
            throw switch (result.refusal()) {
                case LOCKED -> new ProblemException(ProblemType.TOO_MANY_REQUESTS,
                        "连续登录失败次数过多，账户暂时锁定 (too many failed sign-ins: the account is locked for a while)")
                        .withHeader("Retry-After", Long.toString(retryAfter(result.lockedUntil())));
                case NOT_ACTIVE -> new ProblemException(ProblemType.FORBIDDEN, accountNotice(login) != null ? accountNotice(login)
                        : "账户已被暂停或终止（第三十九条） (the account is suspended or terminated, Art. 39)");
                default -> unauthorized("登录名、密码或动态口令不正确 (wrong login, password or one-time code)");
            };
        }
        return result.account().get();
    }

    private Session openSession(Account a) {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String token = TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        Instant now = clock.instant();
        Instant expires = now.plus(max);
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO SEC_SESSION (TOKEN_HASH, LOGIN, CREATED_MS, LAST_USED_MS, EXPIRES_MS) VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, hash(token));
            ps.setString(2, a.login());
            ps.setLong(3, now.toEpochMilli());
            ps.setLong(4, now.toEpochMilli());
            ps.setLong(5, expires.toEpochMilli());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("sessions unavailable", e);
        }
        return new Session(token, expires, subjectOf(a));
    }

    private long retryAfter(Instant lockedUntil) {
        return lockedUntil == null ? 60 : Math.max(1, Duration.between(clock.instant(), lockedUntil).toSeconds() + 1);
    }

    @Override
    public Subject authenticate(String authorization, String apiKey) {
        if (authorization != null && !authorization.isBlank()) {
            String a = authorization.strip();
            int space = a.indexOf(' ');
            String scheme = space < 0 ? a : a.substring(0, space);
            String value = space < 0 ? "" : a.substring(space + 1).strip();
            if (scheme.equalsIgnoreCase("Bearer")) {
                return session(value);
            }
            if (scheme.equalsIgnoreCase("ApiKey")) {
                return application(value);
            }
            throw unauthorized("不支持的认证方式，请使用 Bearer 令牌或 API 密钥 (unsupported authorization scheme: use Bearer or ApiKey)");
        }
        if (apiKey != null && !apiKey.isBlank()) {
            return application(apiKey.strip());
        }
        return Subject.ANONYMOUS;
    }

    private Subject session(String token) {
        if (!token.startsWith(TOKEN_PREFIX) || token.length() > 100) {
            throw refuse("anonymous", "session.verify", "malformed token", "令牌无效 (invalid token)");
        }
        String hash = hash(token);
        long now = clock.millis();
        // the session and its account in one statement, read afresh on every call: a signed-out session,
        // a suspended account or a changed role takes effect at the next request (Art. 39). A refusal
        // is audited after the connection went back: the audit trail's writer takes one from the same
        // pool, and a burst of bad tokens must not hold them all while waiting for it.
        String login = "anonymous";
        String refusal;
        String detail;
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT s.LOGIN, s.LAST_USED_MS, s.EXPIRES_MS, " + JdbcAccountService.columns("a")
                        + " FROM SEC_SESSION s LEFT JOIN SEC_ACCOUNT a ON a.LOGIN = s.LOGIN WHERE s.TOKEN_HASH = ?")) {
            ps.setString(1, hash);
            long lastUsed;
            boolean expired;
            Account account = null;
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    refusal = "unknown or signed-out token";
                    detail = "令牌无效或已注销 (invalid or signed-out token)";
                    expired = false;
                    lastUsed = now;
                } else {
                    login = rs.getString(1);
                    lastUsed = rs.getLong(2);
                    expired = now >= rs.getLong(3) || now - lastUsed >= idle.toMillis();
                    if (!expired && rs.getObject(4) != null) { // the account's ID: null when the account is gone
                        account = JdbcAccountService.account(c, rs, 4);
                    }
                    refusal = expired ? "session expired" : account == null ? "account gone" : null;
                    detail = expired ? "会话已过期，请重新登录 (the session has expired: sign in again)" : "令牌无效 (invalid token)";
                }
            }
            if (expired) {
                delete(c, hash);
            }
            if (refusal == null) {
                if (now - lastUsed >= TOUCH_MILLIS) {
                    try (PreparedStatement touch = c.prepareStatement("UPDATE SEC_SESSION SET LAST_USED_MS = ? WHERE TOKEN_HASH = ?")) {
                        touch.setLong(1, now);
                        touch.setString(2, hash);
                        touch.executeUpdate();
                    }
                }
                return subjectOf(account);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("sessions unavailable", e);
        }
        throw refuse(login, "session.verify", refusal, detail);
    }

    private Subject application(String presented) {
        JdbcApiKeyService.Check check = keys.check(presented);
        if (check.refusal() != null && !check.suspended()) {
            String id = check.key() == null ? "?" : check.key().id();
            throw refuse("apikey:" + id, "apikey.verify", check.refusal(),
                    "API 密钥无效、已吊销或已过期 (the API key is invalid, revoked or expired)");
        }
        if (check.refusal() == null) {
            limitRate(check.key().id());
            countCall(check.key().id(), check.key().dailyQuota());
        }
        Account owner = check.owner();
        return new Subject(Subject.Kind.APPLICATION, "app:" + check.key().id(), owner == null ? null : owner.type(),
                owner == null ? null : owner.agency(), Set.of(), check.key().scopes(), check.refusal() == null);
    }

    /**
     * Art. 18: an application key's calls per second are limited (a token bucket per key); the call over
     * the limit is 429 with {@code Retry-After} and does not count against the daily quota. The first
     * refusal of a key in a minute is recorded on the audit trail, not every one: a client hammering the
     * platform must not flood the trail.
     */
    private void limitRate(String keyId) {
        KeyRateLimiter.Outcome o = rates.take(keyId, System.nanoTime());
        if (o.permitted()) {
            return;
        }
        if (o.firstRefusalThisMinute()) {
            audit.record(new AuditEvent("app:" + keyId, null, "apikey.rate", null, null, null, AuditEvent.Outcome.DENY,
                    "calls per second over the limit; later refusals this minute are not recorded"));
        }
        throw new ProblemException(ProblemType.TOO_MANY_REQUESTS, "该应用密钥调用过于频繁，请 " + o.retryAfterSeconds() + " 秒后再试（第十八条） "
                + "(too many calls per second for this key: retry in " + o.retryAfterSeconds() + " s; Art. 18)")
                .withHeader("Retry-After", Long.toString(o.retryAfterSeconds()));
    }

    @Override
    public String notice(Subject subject) {
        if (subject.active()) {
            return null;
        }
        return switch (subject.kind()) {
            case ACCOUNT -> accountNotice(subject.id());
            case APPLICATION -> {
                String keyId = subject.id().substring("app:".length());
                String own = keys.statusNotice(keyId);
                yield own != null ? own : keys.find(keyId).map(k -> accountNotice(k.owner())).orElse(null);
            }
            case ANONYMOUS -> null;
        };
    }

    private String accountNotice(String login) {
        return accounts instanceof JdbcAccountService j && login != null ? j.statusNotice(login) : null;
    }

    /** Days of key quotas are days in China Standard Time. */
    private static final java.time.ZoneId CHINA = java.time.ZoneId.of("Asia/Shanghai");

    /**
     * Counts one call of an application key against its daily quota (Art. 18): the call past the quota is
     * refused with 429 and {@code Retry-After} (seconds until the next day begins in China Standard Time)
     * and recorded on the audit trail. Counted exactly in memory and written behind ({@link KeyUsage}).
     */
    private void countCall(String keyId, int quota) {
        java.time.ZonedDateTime now = java.time.Instant.ofEpochMilli(clock.millis()).atZone(CHINA);
        int refused = usage.count(keyId, now.toLocalDate(), quota);
        if (refused >= 0) {
            long retry = java.time.Duration.between(now, now.toLocalDate().plusDays(1).atStartOfDay(CHINA)).getSeconds() + 1;
            audit.record(new AuditEvent("app:" + keyId, null, "apikey.quota", null, null, null, AuditEvent.Outcome.DENY,
                    "daily quota of " + quota + " calls used up"));
            throw new ProblemException(ProblemType.TOO_MANY_REQUESTS, "该应用密钥今日调用次数已达上限 " + quota + "，请明日再试（第十八条） "
                    + "(the key's daily quota of " + quota + " calls is used up: try again tomorrow; Art. 18)")
                    .withHeader("Retry-After", Long.toString(retry));
        }
    }

    /** Writes the keys' counted calls to the database (every second, and at a clean stop). */
    void flushUsage() {
        usage.flush(java.time.Instant.ofEpochMilli(clock.millis()).atZone(CHINA).toLocalDate());
    }

    static Subject subjectOf(Account a) {
        return new Subject(Subject.Kind.ACCOUNT, a.login(), a.type(), a.agency(), a.roles(), Set.of(),
                a.status() == Account.Status.ACTIVE);
    }

    /** Records the refusal on the audit trail (Art. 30) and returns the 401 to throw. */
    private ProblemException refuse(String subject, String action, String why, String detail) {
        audit.record(new AuditEvent(subject, null, action, null, null, null, AuditEvent.Outcome.DENY, why));
        return unauthorized(detail);
    }

    private static ProblemException unauthorized(String detail) {
        return new ProblemException(ProblemType.UNAUTHORIZED, detail).withHeader("WWW-Authenticate", "Bearer realm=\"poyang\"");
    }

    @Override
    public void signOut(String token) {
        if (token == null || !token.startsWith(TOKEN_PREFIX) || token.length() > 100) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            delete(c, hash(token));
        } catch (SQLException e) {
            throw new IllegalStateException("sessions unavailable", e);
        }
    }

    @Override
    public void signOutEverywhere(String login) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("DELETE FROM SEC_SESSION WHERE LOGIN = ?")) {
            ps.setString(1, login);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("sessions unavailable", e);
        }
    }

    private static void delete(Connection c, String hash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM SEC_SESSION WHERE TOKEN_HASH = ?")) {
            ps.setString(1, hash);
            ps.executeUpdate();
        }
    }

    static String hash(String token) {
        return AuditChain.sm3(token.getBytes(StandardCharsets.US_ASCII));
    }
}
