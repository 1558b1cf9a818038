package org.poyang.security.impl.internal;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.poyang.security.api.AuditEvent;
import org.poyang.security.api.AuditVerification;

/**
 * Audit trail benchmark (issue 4): durable records per second through {@link JdbcAuditTrail#record}
 * on embedded Derby, with {@code threads} concurrent callers, (b) group commit as configured (up to
 * 500 records per commit) against (a) one commit per record (maxBatch 1), alternating rounds in one
 * JVM. Every measured record was committed before its caller continued. Prints key=value lines.
 *
 * <pre>java ... org.poyang.security.impl.internal.AuditBench WORKDIR [threads] [seconds] [rounds]</pre>
 */
public final class AuditBench {

    private AuditBench() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        // Derby's settings as the persistence bundle makes them inside the platform (page size, log buffers, lock timeouts)
        org.poyang.platform.persistence.internal.DataSourceProvider.derbySystemDefaults();
        EmbeddedDataSource ds = new EmbeddedDataSource();
        ds.setDatabaseName(work.resolve("db").toString());
        ds.setCreateDatabase("create");
        JdbcAuditTrailAccess.migrate(ds);
        AuditSigner signer = AuditSigner.load(work.resolve("audit-sm2.key"));
        // warm-up of both sides
        run(ds, signer, threads, 3, 1);
        run(ds, signer, threads, 3, 500);
        List<Double> single = new ArrayList<>();
        List<Double> grouped = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            single.add(run(ds, signer, threads, seconds, 1));
            grouped.add(run(ds, signer, threads, seconds, 500));
            System.err.printf(Locale.ROOT, "[audit bench] round %d: one commit per record %.0f/s, group commit %.0f/s%n", r + 1,
                    single.get(r), grouped.get(r));
        }
        JdbcAuditTrail check = new JdbcAuditTrail(ds, signer, Clock.systemUTC(), 1000, 10, 500, 30);
        long t0 = System.nanoTime();
        AuditVerification v = check.verify();
        double verifySeconds = (System.nanoTime() - t0) / 1e9;
        check.close();
        System.out.println("threads=" + threads);
        System.out.println("seconds=" + seconds);
        System.out.println("rounds=" + rounds);
        System.out.printf(Locale.ROOT, "single_median=%.0f%n", median(single));
        System.out.printf(Locale.ROOT, "grouped_median=%.0f%n", median(grouped));
        System.out.printf(Locale.ROOT, "grouped_min=%.0f%n", grouped.stream().mapToDouble(Double::doubleValue).min().orElse(0));
        System.out.printf(Locale.ROOT, "ratio=%.1f%n", median(grouped) / median(single));
        System.out.println("single_rounds=" + join(single));
        System.out.println("grouped_rounds=" + join(grouped));
        System.out.println("verified_records=" + v.records());
        System.out.println("verified_checkpoints=" + v.checkpoints());
        System.out.println("verified_intact=" + v.intact());
        System.out.printf(Locale.ROOT, "verify_s=%.2f%n", verifySeconds);
        try {
            ds.setShutdownDatabase("shutdown");
            ds.getConnection().close();
        } catch (SQLException expected) {
            // clean shutdown
        }
    }

    /** Records per second over {@code seconds}, each counted when its caller got it back durable. */
    private static double run(EmbeddedDataSource ds, AuditSigner signer, int threads, int seconds, int maxBatch) throws Exception {
        JdbcAuditTrail trail = new JdbcAuditTrail(ds, signer, Clock.systemUTC(), 1000, 10, maxBatch, 30);
        AtomicBoolean go = new AtomicBoolean(true);
        AtomicLong done = new AtomicLong();
        List<Thread> ts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread th = new Thread(() -> {
                long i = 0;
                while (go.get()) {
                    trail.record(new AuditEvent("user-" + id, "91110000600037341L", "data.read", "101001/000042", "履行法定职责",
                            "grant-" + id, AuditEvent.Outcome.PERMIT, "bench " + i++));
                    done.incrementAndGet();
                }
            });
            ts.add(th);
        }
        long t0 = System.nanoTime();
        ts.forEach(Thread::start);
        Thread.sleep(seconds * 1000L);
        long n = done.get();
        double elapsed = (System.nanoTime() - t0) / 1e9;
        go.set(false);
        for (Thread th : ts) {
            th.join();
        }
        trail.close();
        return n / elapsed;
    }

    private static double median(List<Double> v) {
        double[] a = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
    }

    private static String join(List<Double> v) {
        StringBuilder sb = new StringBuilder();
        for (double d : v) {
            sb.append(sb.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.0f", d));
        }
        return sb.toString();
    }
}
