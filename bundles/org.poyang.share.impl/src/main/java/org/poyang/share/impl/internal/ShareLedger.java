package org.poyang.share.impl.internal;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.util.encoders.Hex;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.poyang.catalog.api.CatalogEntry;
import org.poyang.catalog.api.CatalogService;
import org.poyang.catalog.api.DataType;
import org.poyang.catalog.api.SensitiveType;
import org.poyang.collect.api.Column;
import org.poyang.collect.api.RowMarker;
import org.poyang.platform.casework.Entries;
import org.poyang.platform.persistence.Schema;
import org.poyang.platform.rest.ProblemException;
import org.poyang.platform.rest.ProblemType;
import org.poyang.security.api.AccessRequest;
import org.poyang.security.api.Action;
import org.poyang.security.api.AuditEvent;
import org.poyang.security.api.AuditTrail;
import org.poyang.security.api.FieldCipher;
import org.poyang.security.api.Grant;
import org.poyang.security.api.GrantService;
import org.poyang.security.api.PolicyEnforcementPoint;
import org.poyang.security.api.Role;
import org.poyang.security.api.Route;
import org.poyang.security.api.Subject;
import org.poyang.share.api.ShareUsage;
import org.poyang.share.api.TraceReport;
import org.poyang.share.api.UsageLine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every delivery of shared data, whichever interface it leaves by (the aggregation API's share route, the
 * share SOAP service), passes here (Art. 24):
 * <ul>
 * <li>its decimal values are fingerprinted for the recipient, the grant relied on or, for unconditionally
 * shared data, the using agency ({@link Watermark}), so that a leaked copy can be traced ({@link LeakTrace});</li>
 * <li>it is counted per recipient, resource, day, route and purpose for the provider's usage report.
 * Counts are kept in memory and written every {@value #FLUSH_SECONDS} seconds and when the module stops;
 * a crash loses at most that long of counting (the audit trail still holds every call).</li>
 * </ul>
 * The fingerprint key is derived from one secret made at first start and stored encrypted by the security
 * module's field cipher (Art. 31).
 */
@Component(service = {RowMarker.class, ShareUsage.class})
public final class ShareLedger implements RowMarker, ShareUsage {

    static final int FLUSH_SECONDS = 2;
    static final String SECRET_ID = "watermark-v1";
    /** Prefix of the recipient of unconditionally shared data: the using agency. */
    static final String AGENCY_PREFIX = "agency:";
    /** Longest period a usage report covers. */
    static final int MAX_REPORT_DAYS = 366;

    private static final Logger LOG = LoggerFactory.getLogger(ShareLedger.class);

    private final DataSource ds;
    private final CatalogService catalog;
    private final GrantService grants;
    private final PolicyEnforcementPoint pep;
    private final AuditTrail audit;
    private final byte[] master;
    private final Clock clock = Clock.system(ShareCases.CHINA);
    private final Map<String, byte[]> keys = new ConcurrentHashMap<>();
    private final Map<UsageKey, long[]> pending = new ConcurrentHashMap<>();
    private final ScheduledExecutorService flusher;

    /** One line of the usage report, before it is written. */
    record UsageKey(String recipient, String resource, String agency, LocalDate day, Route route, String purpose) {
    }

    @Activate
    public ShareLedger(@Reference(target = "(poyang.db.dialect=*)") DataSource ds,
            @Reference(target = "(" + Schema.BUNDLE + "=org.poyang.share.impl)") Schema schema, @Reference CatalogService catalog,
            @Reference GrantService grants, @Reference PolicyEnforcementPoint pep, @Reference AuditTrail audit,
            @Reference FieldCipher cipher) {
        this.ds = ds;
        this.catalog = catalog;
        this.grants = grants;
        this.pep = pep;
        this.audit = audit;
        this.master = secret(ds, cipher);
        this.flusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "poyang-share-usage");
            t.setDaemon(true);
            return t;
        });
        flusher.scheduleWithFixedDelay(this::flushQuietly, FLUSH_SECONDS, FLUSH_SECONDS, TimeUnit.SECONDS);
    }

    @Deactivate
    void deactivate() {
        // shutdown, not shutdownNow: an interrupt in the middle of a flush's JDBC work could lose its
        // counts; for the same reason this thread's own interrupt, if any, waits until the last flush is done
        boolean interrupted = Thread.interrupted();
        flusher.shutdown();
        try {
            flusher.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            interrupted = true;
        }
        try {
            flushQuietly();
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    // ------------------------------------------------------------------ marking

    @Override
    public Marking start(String resource, Subject subject, Route route, String grantId, String purpose, List<Column> columns) {
        if (route != Route.SHARE_API && route != Route.SHARE_DOWNLOAD) {
            return null;
        }
        String recipient = grantId != null ? grantId : AGENCY_PREFIX + subject.agency();
        int[] carriers = java.util.stream.IntStream.range(0, columns.size()).filter(i -> carrier(columns.get(i))).toArray();
        Watermark w = carriers.length == 0 ? null : new Watermark(key(recipient));
        UsageKey usage = new UsageKey(recipient, resource, subject.agency(), LocalDate.now(clock), route, purpose == null ? "" : purpose.strip());
        return new Marking() {
            @Override
            public String[] mark(String[] row) {
                for (int i : carriers) {
                    row[i] = w.mark(row[i]);
                }
                return row;
            }

            @Override
            public void finished(long rows) {
                long[] c = pending.computeIfAbsent(usage, k -> new long[2]);
                synchronized (c) {
                    c[0]++;
                    c[1] += rows;
                }
            }
        };
    }

    /**
     * Whether a column carries the fingerprint: decimal items that are not part of the record key and do not
     * identify a person. Identifiers, codes, names, dates, integers and text are never changed.
     */
    static boolean carrier(Column c) {
        return c.item().dataType() == DataType.DECIMAL && !c.key() && !c.item().identifiesPerson()
                && c.item().sensitiveType() == SensitiveType.NONE;
    }

    private byte[] key(String recipient) {
        if (keys.size() > 10_000) {
            keys.clear();
        }
        return keys.computeIfAbsent(recipient, r -> Watermark.recipientKey(master, r));
    }

    // ------------------------------------------------------------------ usage

    @Override
    public List<UsageLine> ofResource(Subject s, String resource, LocalDate from, LocalDate to) {
        CatalogEntry e = Entries.find(catalog, resource, "resource");
        String code = e.code().value();
        LocalDate[] period = period(from, to);
        // the provider, the management department and supervisors see every line (the PEP decides and audits);
        // another agency sees its own lines only
        boolean all = s.managementStaff() || s.has(Role.SUPERVISOR) || e.provider().value().equals(s.agency());
        if (all || s.agency() == null || !s.active()) {
            pep.enforce(AccessRequest.of(s, Action.SHARE_TRACE, Entries.resource(e)));
        }
        flushQuietly();
        return lines("RESOURCE_CODE = ?" + (all ? "" : " AND AGENCY = ?"), period, all ? new Object[] {code} : new Object[] {code, s.agency()});
    }

    @Override
    public List<UsageLine> ofGrant(Subject s, String grantId, LocalDate from, LocalDate to) {
        Grant g = grants.get(grantId == null ? "" : grantId.strip()).filter(x -> x.kind() == Grant.Kind.SHARE)
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "没有共享授权 " + grantId + " (no sharing grant " + grantId + ")"));
        LocalDate[] period = period(from, to);
        if (!(s.active() && g.holder().equals(s.agency()))) {
            CatalogEntry e = Entries.find(catalog, g.resource(), "resource");
            pep.enforce(AccessRequest.of(s, Action.SHARE_TRACE, Entries.resource(e)));
        }
        flushQuietly();
        return lines("RECIPIENT = ?", period, new Object[] {g.id()});
    }

    private static LocalDate[] period(LocalDate from, LocalDate to) {
        LocalDate end = to == null ? LocalDate.now(ShareCases.CHINA) : to;
        LocalDate start = from == null ? end.minusDays(29) : from;
        if (start.isAfter(end) || start.plusDays(MAX_REPORT_DAYS).isBefore(end)) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "统计期间应从 from 到 to，不超过 " + MAX_REPORT_DAYS + " 天 (the period runs from "
                    + "'from' to 'to', at most " + MAX_REPORT_DAYS + " days)");
        }
        return new LocalDate[] {start, end};
    }

    private List<UsageLine> lines(String where, LocalDate[] period, Object[] args) {
        String sql = "SELECT RECIPIENT, RESOURCE_CODE, AGENCY, USAGE_DAY, ROUTE, PURPOSE, CALLS, ROWS_DELIVERED FROM SHARE_USAGE WHERE " + where
                + " AND USAGE_DAY >= ? AND USAGE_DAY <= ? ORDER BY USAGE_DAY DESC, RECIPIENT, ROUTE";
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            for (Object a : args) {
                ps.setString(i++, (String) a);
            }
            ps.setDate(i++, Date.valueOf(period[0]));
            ps.setDate(i, Date.valueOf(period[1]));
            List<UsageLine> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next() && out.size() < 10_000) {
                    out.add(new UsageLine(rs.getString(1), rs.getString(2), rs.getString(3), rs.getDate(4).toLocalDate(),
                            Route.valueOf(rs.getString(5)), rs.getString(6), rs.getLong(7), rs.getLong(8)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("usage report failed", e);
        }
    }

    /** Writes the counted usage; one thread at a time, so that increments are not lost between update and insert. */
    synchronized void flush() throws SQLException {
        if (pending.isEmpty()) {
            return;
        }
        Map<UsageKey, long[]> taken = new LinkedHashMap<>();
        for (UsageKey k : List.copyOf(pending.keySet())) {
            long[] c = pending.remove(k);
            if (c != null) {
                synchronized (c) {
                    taken.put(k, c.clone());
                }
            }
        }
        boolean committed = false;
        try (Connection c = ds.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try (PreparedStatement up = c.prepareStatement("UPDATE SHARE_USAGE SET CALLS = CALLS + ?, ROWS_DELIVERED = ROWS_DELIVERED + ? "
                    + "WHERE RECIPIENT = ? AND RESOURCE_CODE = ? AND USAGE_DAY = ? AND ROUTE = ? AND PURPOSE_HASH = ?");
                    PreparedStatement in = c.prepareStatement("INSERT INTO SHARE_USAGE (RECIPIENT, RESOURCE_CODE, USAGE_DAY, ROUTE, PURPOSE_HASH, "
                            + "PURPOSE, AGENCY, CALLS, ROWS_DELIVERED) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (Map.Entry<UsageKey, long[]> en : taken.entrySet()) {
                    UsageKey k = en.getKey();
                    String hash = sm3(k.purpose());
                    up.setLong(1, en.getValue()[0]);
                    up.setLong(2, en.getValue()[1]);
                    up.setString(3, k.recipient());
                    up.setString(4, k.resource());
                    up.setDate(5, Date.valueOf(k.day()));
                    up.setString(6, k.route().name());
                    up.setString(7, hash);
                    if (up.executeUpdate() == 0) {
                        in.setString(1, k.recipient());
                        in.setString(2, k.resource());
                        in.setDate(3, Date.valueOf(k.day()));
                        in.setString(4, k.route().name());
                        in.setString(5, hash);
                        in.setString(6, k.purpose().length() > 1000 ? k.purpose().substring(0, 1000) : k.purpose());
                        in.setString(7, k.agency());
                        in.setLong(8, en.getValue()[0]);
                        in.setLong(9, en.getValue()[1]);
                        in.executeUpdate();
                    }
                }
                c.commit();
                committed = true;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        } catch (SQLException | RuntimeException e) {
            if (committed) {
                throw e; // written; only returning the connection failed
            }
            // nothing was written (no connection, or rolled back): put the counts back for the next flush
            taken.forEach((k, v) -> {
                long[] back = pending.computeIfAbsent(k, x -> new long[2]);
                synchronized (back) {
                    back[0] += v[0];
                    back[1] += v[1];
                }
            });
            throw e;
        }
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (SQLException | RuntimeException e) {
            LOG.warn("共享数据使用情况暂未写入，稍后重试 (sharing usage not written yet, will retry): {}", e.toString());
        }
    }

    // ------------------------------------------------------------------ tracing

    @Override
    public TraceReport trace(Subject s, String resource, String text) {
        CatalogEntry e = Entries.find(catalog, resource, "resource");
        pep.enforce(AccessRequest.of(s, Action.SHARE_TRACE, Entries.resource(e)));
        if (text == null || text.isBlank()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "须提供疑似泄露的文件内容 (send the suspected file)");
        }
        String code = e.code().value();
        Map<String, byte[]> candidates = new LinkedHashMap<>();
        for (Grant g : grants.ofResource(code)) {
            if (g.kind() == Grant.Kind.SHARE) {
                candidates.put(g.id(), key(g.id()));
            }
        }
        flushQuietly();
        for (String agencyRecipient : agencyRecipients(code)) {
            candidates.put(agencyRecipient, key(agencyRecipient));
        }
        List<String> numbers = LeakTrace.numbers(text);
        LeakTrace.Result r = LeakTrace.trace(candidates, numbers);
        TraceReport report = report(code, r);
        if (report.grant() != null) {
            // name the agency holding the grant too
            String holder = grants.get(report.grant()).map(Grant::holder).orElse(null);
            report = new TraceReport(report.resource(), report.recipient(), report.grant(), holder, report.confidence(), report.numbers(),
                    report.carriers(), report.candidates(), report.note());
        }
        audit.record(new AuditEvent(s.id(), s.agency(), "share.trace", code, null, report.grant(), AuditEvent.Outcome.SUCCESS,
                (report.recipient() == null ? "no recipient named" : "named " + report.recipient() + " confidence " + report.confidence())
                        + " among " + candidates.size() + " recipients; " + report.numbers() + " numbers, " + report.carriers() + " carriers"));
        return report;
    }

    private List<String> agencyRecipients(String code) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT DISTINCT RECIPIENT FROM SHARE_USAGE WHERE RESOURCE_CODE = ? AND RECIPIENT LIKE 'agency:%'")) {
            ps.setString(1, code);
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("recipients of " + code + " unreadable", e);
        }
    }

    static TraceReport report(String code, LeakTrace.Result r) {
        List<TraceReport.Candidate> top = r.evidence().stream().limit(10)
                .map(c -> new TraceReport.Candidate(c.recipient(), c.selected(), c.matches(), c.log10P(), c.confidence())).toList();
        String named = r.recipient();
        String note;
        if (named != null) {
            note = "文件带有 " + named + " 的数据指纹，置信度 " + String.format(java.util.Locale.ROOT, "%.6f", r.confidence()) + " (the file carries the "
                    + "fingerprint of " + named + ")";
        } else if (r.carriers() == 0) {
            note = "文件中没有可承载指纹的小数数值，无法溯源 (the file holds no decimal values that could carry a fingerprint)";
        } else {
            note = "文件不带有任何已知接收方的数据指纹 (the file carries no known recipient's fingerprint)";
        }
        String grant = named != null && !named.startsWith(AGENCY_PREFIX) ? named : null;
        String agency = named == null ? null : named.startsWith(AGENCY_PREFIX) ? named.substring(AGENCY_PREFIX.length()) : null;
        return new TraceReport(code, named, grant, agency, named == null ? 0 : r.confidence(), r.numbersExamined(), r.carriers(), top, note);
    }

    // ------------------------------------------------------------------ the secret

    /** The fingerprint secret: made once, kept encrypted; a concurrent first start by another instance wins. */
    private static byte[] secret(DataSource ds, FieldCipher cipher) {
        try (Connection c = ds.getConnection()) {
            String stored = read(c);
            if (stored == null) {
                byte[] fresh = new byte[32];
                new SecureRandom().nextBytes(fresh);
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO SHARE_SECRET (SECRET_ID, SECRET, CREATED_MS) VALUES (?, ?, ?)")) {
                    ps.setString(1, SECRET_ID);
                    ps.setString(2, cipher.encrypt(Base64.getEncoder().encodeToString(fresh)));
                    ps.setLong(3, System.currentTimeMillis());
                    ps.executeUpdate();
                    return fresh;
                } catch (SQLException raced) {
                    stored = read(c);
                    if (stored == null) {
                        throw raced;
                    }
                }
            }
            return Base64.getDecoder().decode(cipher.decrypt(stored));
        } catch (SQLException e) {
            throw new IllegalStateException("the fingerprint secret is unreadable", e);
        }
    }

    private static String read(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT SECRET FROM SHARE_SECRET WHERE SECRET_ID = ?")) {
            ps.setString(1, SECRET_ID);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    static String sm3(String text) {
        SM3Digest d = new SM3Digest();
        byte[] in = text.getBytes(StandardCharsets.UTF_8);
        d.update(in, 0, in.length);
        byte[] out = new byte[d.getDigestSize()];
        d.doFinal(out, 0);
        return Hex.toHexString(out);
    }

    /** For tests: counts not yet written. */
    Map<UsageKey, long[]> pending() {
        return new HashMap<>(pending);
    }
}
