package org.poyang.security.impl.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.poyang.platform.persistence.testing.TestDatabase;

/** Daily quotas of application keys (Art. 18): exact under concurrency, written behind, counted on after a restart. */
class KeyUsageTest {

    static final LocalDate DAY = LocalDate.of(2026, 11, 27);

    @TempDir
    Path dir;

    private TestDatabase db;
    private DataSource ds;

    @BeforeEach
    void start() throws Exception {
        db = TestDatabase.create(dir).migrate("db/org.poyang.security.impl/changelog.xml");
        ds = db.dataSource();
    }

    @AfterEach
    void stop() throws Exception {
        db.close();
    }

    @Test
    void concurrentCallsUseUpTheQuotaExactlyAndARestartCountsOn() throws Exception {
        KeyUsage usage = new KeyUsage(ds);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Integer>> counted = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            counted.add(pool.submit(() -> {
                int n = 0;
                for (int i = 0; i < 1000; i++) {
                    if (usage.count("k1", DAY, 5000) < 0) {
                        n++;
                    }
                }
                return n;
            }));
        }
        int total = 0;
        for (Future<Integer> f : counted) {
            total += f.get();
        }
        pool.shutdown();
        assertThat(total).as("8000 calls against a quota of 5000").isEqualTo(5000);
        assertThat(usage.count("k1", DAY, 5000)).as("refused, with the calls counted").isEqualTo(5000);

        usage.flush(DAY);
        usage.flush(DAY); // nothing new: nothing written twice
        KeyUsage restarted = new KeyUsage(ds);
        assertThat(restarted.count("k1", DAY, 5000)).isEqualTo(5000);
        assertThat(restarted.count("k1", DAY, 5001)).as("a raised quota allows one more").isEqualTo(-1);
        restarted.flush(DAY);
        assertThat(new KeyUsage(ds).count("k1", DAY, 5001)).isEqualTo(5001);
        assertThat(new KeyUsage(ds).count("k1", DAY.plusDays(1), 5001)).as("a new day").isEqualTo(-1);
        assertThat(new KeyUsage(ds).count("k2", DAY, 1)).as("another key").isEqualTo(-1);
    }
}
