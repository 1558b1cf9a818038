package org.poyang.security.impl.internal;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.poyang.platform.persistence.Schema;
import org.poyang.security.api.AuditEvent;
import org.poyang.security.api.AuditRecord;
import org.poyang.security.api.AuditTrail;
import org.poyang.security.api.Masker;
import org.poyang.security.api.AuditUnavailableException;
import org.poyang.security.api.AuditVerification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit trail in table SEC_AUDIT (Art. 30, 35). One writer thread group-commits what concurrent
 * callers record: it takes every waiting event (up to {@code maxBatch}), chains and inserts them,
 * adds a signed checkpoint when due, commits once, and only then releases the callers, so a caller
 * returns only when its record is durable and the disk's flush rate does not cap the record rate.
 * Records are never updated or deleted by Poyang; retention is therefore unlimited (at least the
 * 180 days Art. 35 asks for).
 */
@Component(service = AuditTrail.class, immediate = true, configurationPid = JdbcAuditTrail.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = JdbcAuditTrail.Config.class)
public final class JdbcAuditTrail implements AuditTrail {

    static final String PID = "org.poyang.security.audit";
    private static final Logger LOG = LoggerFactory.getLogger(JdbcAuditTrail.class);

    /** Configuration of the audit trail. */
    @ObjectClassDefinition(name = "Poyang audit trail", description = "审计日志 (audit trail, Art. 30, 35)")
    public @interface Config {
        @AttributeDefinition(description = "Sign a checkpoint at least every this many records")
        int checkpointRecords() default 1000;

        @AttributeDefinition(description = "Sign a checkpoint at least every this many seconds while records arrive")
        int checkpointSeconds() default 10;

        @AttributeDefinition(description = "Most records committed together")
        int maxBatch() default 500;

        @AttributeDefinition(description = "Longest wait, in seconds, for a record to become durable before the caller gets an error")
        int timeoutSeconds() default 10;

        @AttributeDefinition(description = "SM2 signing key file; relative paths lie under poyang.data.dir")
        String signingKey() default "security/audit-sm2.key";
    }

    private record Pending(AuditEvent event, long atMillis, CompletableFuture<Long> done) {
    }

    private final DataSource dataSource;
    private final AuditSigner signer;
    private Path signingKey;
    private final Clock clock;
    private volatile int checkpointRecords;
    private volatile long checkpointMillis;
    private volatile int maxBatch;
    private volatile int timeoutSeconds;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>(100_000);
    private final Thread writer;
    private volatile boolean running = true;
    private volatile java.util.function.UnaryOperator<String> freeText = java.util.function.UnaryOperator.identity();
    private volatile long lastIndex;
    private String lastHash;
    private long lastCheckpoint;
    private long lastCheckpointAt;

    @Activate
    public JdbcAuditTrail(@Reference(target = "(poyang.db.dialect=*)") DataSource dataSource,
            @Reference(target = "(" + Schema.BUNDLE + "=org.poyang.security.impl)") Schema schema, @Reference Masker masker, Config config,
            BundleContext context) {
        this(dataSource, AuditSigner.load(keyPath(config.signingKey(), context.getProperty("poyang.data.dir"))), Clock.systemUTC(),
                config.checkpointRecords(), config.checkpointSeconds(), config.maxBatch(), config.timeoutSeconds());
        this.signingKey = keyPath(config.signingKey(), context.getProperty("poyang.data.dir"));
        maskFreeText(masker::maskText);
    }

    /**
     * Masks identity numbers, mobiles and other personal data the detectors find in the free-text
     * fields of every record (detail and purpose) before it is chained and stored: a reason typed
     * by a person may quote a citizen's identity number, and the audit trail keeps it forever
     * (Art. 35: the operator must not leak personal information).
     */
    void maskFreeText(java.util.function.UnaryOperator<String> masking) {
        this.freeText = masking;
    }

    /**
     * Applies new checkpoint and batching settings to the running writer, so that a configuration
     * arriving after start (the profile's file) never interrupts auditing. A new signing key file is
     * read at the next start, since the key in use is registered with the chain.
     */
    @Modified
    void modified(Config config, BundleContext context) {
        if (config.checkpointRecords() < 1 || config.checkpointSeconds() < 1 || config.maxBatch() < 1 || config.timeoutSeconds() < 1) {
            LOG.error("Ignoring audit trail settings that are not positive; keeping the current ones");
            return;
        }
        checkpointRecords = config.checkpointRecords();
        checkpointMillis = config.checkpointSeconds() * 1000L;
        maxBatch = config.maxBatch();
        timeoutSeconds = config.timeoutSeconds();
        Path wanted = keyPath(config.signingKey(), context.getProperty("poyang.data.dir"));
        if (signingKey != null && !wanted.toAbsolutePath().normalize().equals(signingKey.toAbsolutePath().normalize())) {
            LOG.warn("Audit checkpoints will be signed with {} from the next start; {} signs until then", wanted, signingKey);
        }
    }

    JdbcAuditTrail(DataSource dataSource, AuditSigner signer, Clock clock, int checkpointRecords, int checkpointSeconds, int maxBatch,
            int timeoutSeconds) {
        if (checkpointRecords < 1 || checkpointSeconds < 1 || maxBatch < 1 || timeoutSeconds < 1) {
            throw new IllegalArgumentException("audit trail settings must be positive");
        }
        this.dataSource = dataSource;
        this.signer = signer;
        this.clock = clock;
        this.checkpointRecords = checkpointRecords;
        this.checkpointMillis = checkpointSeconds * 1000L;
        this.maxBatch = maxBatch;
        this.timeoutSeconds = timeoutSeconds;
        try (Connection c = dataSource.getConnection()) {
            loadTail(c);
            registerKey(c);
        } catch (SQLException e) {
            throw new IllegalStateException("audit trail unavailable", e);
        }
        writer = new Thread(this::write, "poyang-audit-writer");
        writer.setDaemon(true);
        writer.start();
    }

    static Path keyPath(String configured, String dataDir) {
        Path p = Path.of(configured);
        return p.isAbsolute() ? p : Path.of(dataDir == null ? "data" : dataDir).resolve(p);
    }

    private void loadTail(Connection c) throws SQLException {
        lastIndex = 0;
        lastHash = AuditChain.GENESIS;
        try (PreparedStatement ps = c.prepareStatement("SELECT IDX, HASH FROM SEC_AUDIT WHERE IDX = (SELECT MAX(IDX) FROM SEC_AUDIT)");
                ResultSet rs = ps.executeQuery()) {
            if (rs.next()) {
                lastIndex = rs.getLong(1);
                lastHash = rs.getString(2).strip();
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT MAX(IDX) FROM SEC_AUDIT_CHECKPOINT"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            lastCheckpoint = rs.getLong(1);
        }
        lastCheckpointAt = clock.millis();
    }

    private void registerKey(Connection c) throws SQLException {
        try (PreparedStatement find = c.prepareStatement("SELECT 1 FROM SEC_AUDIT_KEY WHERE KEY_ID = ?")) {
            find.setString(1, signer.keyId());
            try (ResultSet rs = find.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
        }
        try (PreparedStatement ins = c.prepareStatement("INSERT INTO SEC_AUDIT_KEY (KEY_ID, PUBLIC_KEY, CREATED_MS) VALUES (?, ?, ?)")) {
            ins.setString(1, signer.keyId());
            ins.setString(2, signer.publicKeyHex());
            ins.setLong(3, clock.millis());
            ins.executeUpdate();
        }
        LOG.info("Audit checkpoints are signed with SM2 key {}", signer.keyId());
    }

    /** The id of the key that signs checkpoints, and its public key (hex), for auditors to pin. */
    String signingKey() {
        return signer.keyId() + " " + signer.publicKeyHex();
    }

    @Override
    public long record(AuditEvent event) {
        if (!running) {
            throw new AuditUnavailableException("审计日志已停止 (the audit trail is stopped)", null);
        }
        java.util.function.UnaryOperator<String> m = freeText;
        AuditEvent stored = new AuditEvent(event.subject(), event.agency(), event.action(), event.resource(), m.apply(event.purpose()),
                event.grantId(), event.outcome(), m.apply(event.detail()));
        Pending p = new Pending(stored, clock.millis(), new CompletableFuture<>());
        if (!queue.offer(p)) {
            throw new AuditUnavailableException("审计日志积压 (the audit trail is overloaded)", null);
        }
        try {
            return p.done().get(timeoutSeconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuditUnavailableException("interrupted while waiting for the audit record", e);
        } catch (ExecutionException e) {
            throw new AuditUnavailableException("审计记录未能写入 (the audit record could not be written)", e.getCause());
        } catch (TimeoutException e) {
            throw new AuditUnavailableException("审计记录写入超时 (the audit record was not durable within " + timeoutSeconds + " s)", e);
        }
    }

    private void write() {
        try {
            writerConnection(); // before any caller needs it: see writerConnection
        } catch (SQLException e) {
            LOG.warn("Audit trail: no connection for the writer yet; the first batch asks again", e);
        }
        List<Pending> batch = new ArrayList<>(maxBatch);
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                commit(batch);
            } catch (InterruptedException e) {
                if (!running) {
                    break;
                }
            } finally {
                batch.clear();
            }
        }
        discardWriterConnection();
    }

    /**
     * The writer's own connection, kept from one batch to the next (only the writer thread touches
     * it). Callers often record while they hold a connection of the same pool, inside the transaction
     * whose outcome they audit; if the writer had to ask the pool for a connection per batch, as many
     * such callers as the pool has connections would wait on the writer while it waited on them. So
     * the writer keeps one, and checks it before each batch.
     */
    private Connection writerConnection;

    private Connection writerConnection() throws SQLException {
        if (writerConnection != null && !writerConnection.isValid(2)) {
            discardWriterConnection();
        }
        if (writerConnection == null) {
            writerConnection = dataSource.getConnection();
        }
        return writerConnection;
    }

    private void discardWriterConnection() {
        if (writerConnection != null) {
            try {
                writerConnection.close();
            } catch (SQLException e) {
                LOG.debug("Audit trail: closing the writer's connection failed", e);
            }
            writerConnection = null;
        }
    }

    private void commit(List<Pending> batch) {
        long index = lastIndex;
        String hash = lastHash;
        long checkpoint = lastCheckpoint;
        long checkpointAt = lastCheckpointAt;
        try {
            Connection c = writerConnection();
            c.setAutoCommit(false);
            try {
                try (PreparedStatement ins = c.prepareStatement("INSERT INTO SEC_AUDIT (IDX, AT_MS, SUBJECT, AGENCY, ACTION, RESOURCE, "
                        + "PURPOSE, GRANT_ID, OUTCOME, DETAIL, PREV_HASH, HASH) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    for (Pending p : batch) {
                        AuditEvent e = p.event();
                        index++;
                        String next = AuditChain.hash(hash, index, p.atMillis(), e);
                        ins.setLong(1, index);
                        ins.setLong(2, p.atMillis());
                        ins.setString(3, e.subject());
                        ins.setString(4, e.agency());
                        ins.setString(5, e.action());
                        ins.setString(6, e.resource());
                        ins.setString(7, e.purpose());
                        ins.setString(8, e.grantId());
                        ins.setString(9, e.outcome().name());
                        ins.setString(10, e.detail());
                        ins.setString(11, hash);
                        ins.setString(12, next);
                        ins.addBatch();
                        hash = next;
                    }
                    ins.executeBatch();
                }
                long now = clock.millis();
                if (index - checkpoint >= checkpointRecords || now - checkpointAt >= checkpointMillis) {
                    try (PreparedStatement cp = c.prepareStatement("INSERT INTO SEC_AUDIT_CHECKPOINT (IDX, HASH, AT_MS, KEY_ID, SIGNATURE) "
                            + "VALUES (?, ?, ?, ?, ?)")) {
                        cp.setLong(1, index);
                        cp.setString(2, hash);
                        cp.setLong(3, now);
                        cp.setString(4, signer.keyId());
                        cp.setString(5, signer.sign(index, hash));
                        cp.executeUpdate();
                    }
                    checkpoint = index;
                    checkpointAt = now;
                }
                c.commit();
                c.setAutoCommit(true); // no transaction stays open while the writer waits for the next batch
            } catch (SQLException | RuntimeException e) {
                c.rollback(); // nothing of the batch stays, and no lock outlives it
                throw e;
            }
        } catch (SQLException | RuntimeException e) {
            LOG.error("Audit trail: {} records could not be written; their callers are refused", batch.size(), e);
            discardWriterConnection(); // the next batch starts on a fresh one
            // recover first, refuse then: once a caller hears of the failure, the trail already holds
            // what the database holds (and no statement of the recovery races the caller's next step)
            try {
                loadTail(writerConnection()); // whatever the database holds is the truth
            } catch (SQLException again) {
                LOG.error("Audit trail: database unreachable", again);
                discardWriterConnection();
            }
            batch.forEach(p -> p.done().completeExceptionally(e));
            return;
        }
        long first = lastIndex + 1;
        lastIndex = index;
        lastHash = hash;
        lastCheckpoint = checkpoint;
        lastCheckpointAt = checkpointAt;
        for (Pending p : batch) {
            p.done().complete(first++);
        }
    }

    @Override
    public List<AuditRecord> search(String subject, String resource, AuditEvent.Outcome outcome, Instant from, Instant to,
            long afterIndex, int limit) {
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("limit must lie between 1 and 1000");
        }
        StringBuilder sql = new StringBuilder("SELECT IDX, AT_MS, SUBJECT, AGENCY, ACTION, RESOURCE, PURPOSE, GRANT_ID, OUTCOME, DETAIL, "
                + "PREV_HASH, HASH FROM SEC_AUDIT WHERE IDX > ?");
        List<Object> args = new ArrayList<>();
        args.add(afterIndex);
        if (subject != null) {
            sql.append(" AND SUBJECT = ?");
            args.add(subject);
        }
        if (resource != null) {
            sql.append(" AND RESOURCE = ?");
            args.add(resource);
        }
        if (outcome != null) {
            sql.append(" AND OUTCOME = ?");
            args.add(outcome.name());
        }
        if (from != null) {
            sql.append(" AND AT_MS >= ?");
            args.add(from.toEpochMilli());
        }
        if (to != null) {
            sql.append(" AND AT_MS < ?");
            args.add(to.toEpochMilli());
        }
        sql.append(" ORDER BY IDX FETCH FIRST ").append(limit).append(" ROWS ONLY");
        List<AuditRecord> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new AuditRecord(rs.getLong(1), Instant.ofEpochMilli(rs.getLong(2)), new AuditEvent(rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                            AuditEvent.Outcome.valueOf(rs.getString(9).strip()), rs.getString(10)), rs.getString(11).strip(),
                            rs.getString(12).strip()));
                }
            }
        } catch (SQLException e) {
            throw new AuditUnavailableException("审计日志无法查询 (the audit trail cannot be searched)", e);
        }
        return out;
    }

    @Override
    public long lastIndex() {
        return lastIndex;
    }

    @Override
    public AuditVerification verify() {
        try (Connection c = dataSource.getConnection()) {
            return AuditVerifier.verify(c, null);
        } catch (SQLException e) {
            throw new AuditUnavailableException("审计日志无法校验 (the audit trail cannot be verified)", e);
        }
    }

    @Deactivate
    void close() throws InterruptedException {
        running = false;
        writer.join(TimeUnit.SECONDS.toMillis(timeoutSeconds));
    }
}
