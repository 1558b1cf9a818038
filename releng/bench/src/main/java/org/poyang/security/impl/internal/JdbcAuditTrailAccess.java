package org.poyang.security.impl.internal;

import java.nio.file.Path;
import java.time.Clock;
import javax.sql.DataSource;
import org.poyang.security.api.AuditTrail;

/** For benchmark harnesses outside OSGi: the audit trail's schema and a trail with the shipped settings. */
public final class JdbcAuditTrailAccess {

    private JdbcAuditTrailAccess() {
    }

    /** Applies the security module's change log. */
    public static void migrate(DataSource ds) throws Exception {
        org.poyang.bench.Schemas.migrate(ds, "db/org.poyang.security.impl/changelog.xml");
    }

    /** The field cipher with its shipped algorithm (SM4-GCM), its keys in {@code file}. */
    public static org.poyang.security.api.FieldCipher cipher(Path file) {
        return new FileFieldCipher(file, "SM4");
    }

    /** The masking policy with its shipped default rules. */
    public static org.poyang.security.api.MaskingPolicy masking() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return new DefaultMaskingPolicy(new DefaultMasker(key));
    }

    /**
     * The shipped authentication (accounts, sessions, API keys) and the REST filter that puts the
     * authenticated subject on each request, as the security bundle wires them inside OSGi.
     *
     * @return the account service, the authenticator, the filter and the API key service
     */
    public static Object[] authentication(DataSource ds, AuditTrail audit, org.poyang.security.api.FieldCipher cipher) {
        JdbcAccountService accounts = new JdbcAccountService(ds, audit, cipher, Clock.systemUTC());
        JdbcApiKeyService keys = new JdbcApiKeyService(ds, accounts, audit, Clock.systemUTC());
        JdbcAuthenticator authenticator = new JdbcAuthenticator(ds, accounts, keys, audit, Clock.systemUTC(),
                java.time.Duration.ofMinutes(30), java.time.Duration.ofHours(8));
        // the benchmarks measure what checking a key costs, not the rate limit: no bucket runs dry here
        authenticator.rateLimit(1_000_000, 1_000_000);
        // as inside OSGi: the keys' counted calls are written to the database every second
        java.util.concurrent.ScheduledExecutorService flusher = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "poyang-key-usage");
            t.setDaemon(true);
            return t;
        });
        flusher.scheduleWithFixedDelay(authenticator::flushUsage, 1, 1, java.util.concurrent.TimeUnit.SECONDS);
        return new Object[] {accounts, authenticator, new AuthenticationFilter(authenticator, audit), keys};
    }

    /** The shipped grant service (SEC_GRANT) over {@code ds}. */
    public static org.poyang.security.api.GrantService grants(DataSource ds, AuditTrail audit) {
        return new JdbcGrantService(ds, audit, Clock.systemUTC());
    }

    /** The shipped policy enforcement point over {@code audit}, checking grants in {@code grants}. */
    public static org.poyang.security.api.PolicyEnforcementPoint pep(AuditTrail audit, org.poyang.security.api.GrantService grants) {
        return new RulePolicy(audit, grants);
    }

    /** The shipped policy enforcement point over {@code audit}. */
    public static org.poyang.security.api.PolicyEnforcementPoint pep(AuditTrail audit) {
        return new RulePolicy(audit);
    }

    /** A trail with the defaults of the shipped configuration, its key under {@code work}. */
    public static AuditTrail open(DataSource ds, Path work) {
        return new JdbcAuditTrail(ds, AuditSigner.load(work.resolve("audit-sm2.key")), Clock.systemUTC(), 1000, 10, 500, 10);
    }
}
