package org.poyang.platform.persistence.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Switching the platform's Derby database to AES encryption (Art. 31) through configuration, as an
 * operator would: the running database is encrypted in place when the persistence component
 * restarts, keeps its data, and opens again with the boot key it wrote.
 */
class DatabaseEncryptionTest {

    private static final String PID = "org.poyang.platform.persistence";

    @InjectBundleContext
    BundleContext context;

    @InjectService(timeout = 60_000)
    ConfigurationAdmin configAdmin;

    private DataSource awaitNewDataSource(long notId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            ServiceReference<DataSource> ref = context.getServiceReference(DataSource.class);
            if (ref != null && (Long) ref.getProperty("service.id") != notId) {
                DataSource ds = context.getService(ref);
                try (Connection c = ds.getConnection()) {
                    return ds;
                } catch (Exception notYet) {
                    // still booting
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no new DataSource within 60 s");
    }

    @Test
    void theDatabaseIsEncryptedInPlaceWithAesAndKeepsItsData() throws Exception {
        ServiceTracker<DataSource, DataSource> t = new ServiceTracker<>(context, DataSource.class, null);
        t.open();
        DataSource before = t.waitForService(60_000);
        long beforeId = (Long) t.getServiceReference().getProperty("service.id");
        t.close();
        String marker = "encrypt-" + Long.toString(System.nanoTime(), 36);
        try (Connection c = before.getConnection(); Statement s = c.createStatement()) {
            try {
                s.executeUpdate("CREATE TABLE ENC_PROBE (V VARCHAR(100))");
            } catch (java.sql.SQLException exists) {
                // from an earlier local run
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO ENC_PROBE VALUES (?)")) {
                ps.setString(1, marker);
                ps.executeUpdate();
            }
        }
        Path data = Path.of(context.getProperty("poyang.data.dir"));
        Configuration c = configAdmin.getConfiguration(PID, "?");
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("encryption", "AES");
        c.update(props);
        DataSource after = awaitNewDataSource(beforeId);
        try (Connection conn = after.getConnection(); PreparedStatement ps = conn.prepareStatement("SELECT COUNT(*) FROM ENC_PROBE WHERE V = ?")) {
            ps.setString(1, marker);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
        }
        String service = Files.readString(data.resolve("db/service.properties"), StandardCharsets.ISO_8859_1);
        assertThat(service).contains("dataEncryption=true").contains("AES/CBC/NoPadding");
        assertThat(data.resolve("security/database-boot.key")).isRegularFile();
        // the configuration stays: the database is encrypted for good, and opens with its key at every start
    }
}
