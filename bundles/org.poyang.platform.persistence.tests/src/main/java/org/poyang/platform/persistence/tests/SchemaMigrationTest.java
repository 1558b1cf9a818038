package org.poyang.platform.persistence.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.util.tracker.ServiceTracker;
import org.poyang.platform.persistence.Dialect;
import org.poyang.platform.persistence.Schema;

/**
 * Per-bundle schema migrations: applied once, idempotent when the platform restarts, upgraded when a
 * bundle ships new change sets, refused when a bundle names a change log outside its own folder; and
 * data written before a restart of the persistence layer is still there after it.
 */
class SchemaMigrationTest {

    private static final String SELF = "org.poyang.platform.persistence.tests";
    /** Synthetic bundles and their tables are unique per run, since the test database outlives a run. */
    private static final String RUN = Long.toString(System.currentTimeMillis(), 36);
    private static final java.util.concurrent.atomic.AtomicInteger VERSIONS = new java.util.concurrent.atomic.AtomicInteger();

    @InjectBundleContext
    BundleContext context;

    private Schema awaitSchema(String bsn, int changeSets) throws Exception {
        String filter = "(&(objectClass=" + Schema.class.getName() + ")(" + Schema.BUNDLE + "=" + bsn + ")("
                + Schema.CHANGESETS + "=" + changeSets + "))";
        ServiceTracker<Schema, Schema> t = new ServiceTracker<>(context, context.createFilter(filter), null);
        t.open();
        try {
            Schema s = t.waitForService(Duration.ofSeconds(60).toMillis());
            assertThat(s).as("Schema service for " + bsn + " at " + changeSets + " change sets").isNotNull();
            return s;
        } finally {
            t.close();
        }
    }

    private DataSource awaitDataSource() throws Exception {
        ServiceTracker<DataSource, DataSource> t = new ServiceTracker<>(context, DataSource.class, null);
        t.open();
        try {
            DataSource ds = t.waitForService(30_000);
            assertThat(ds).isNotNull();
            return ds;
        } finally {
            t.close();
        }
    }

    private static int count(DataSource ds, String sql, Object... args) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    @Test
    void ownChangeLogIsAppliedAndTheDataSourceIsDerbyByDefault() throws Exception {
        Schema schema = awaitSchema(SELF, 2);
        assertThat(schema.dialect()).isEqualTo(Dialect.DERBY);
        DataSource ds = awaitDataSource();
        ServiceReference<DataSource> ref = context.getServiceReference(DataSource.class);
        assertThat(ref.getProperty(Dialect.PROPERTY)).isEqualTo("DERBY");
        assertThat(count(ds, "SELECT COUNT(*) FROM PT_ITEM WHERE NOTE IS NULL")).isGreaterThanOrEqualTo(0);
    }

    @Test
    void restartAppliesNothingTwiceAndKeepsTheData() throws Exception {
        awaitSchema(SELF, 2);
        DataSource ds = awaitDataSource();
        long id = System.nanoTime();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("INSERT INTO PT_ITEM (ID, NAME, NOTE) VALUES (?, ?, ?)")) {
            ps.setLong(1, id);
            ps.setString(2, "赣江");
            ps.setString(3, "before restart");
            ps.executeUpdate();
        }
        String changeLog = "db/" + SELF + "/changelog.xml";
        assertThat(count(ds, "SELECT COUNT(*) FROM DATABASECHANGELOG WHERE FILENAME = ?", changeLog)).isEqualTo(2);

        Bundle persistence = FrameworkUtil.getBundle(Schema.class);
        persistence.stop();
        assertThat(context.getServiceReference(DataSource.class)).as("DataSource gone while stopped").isNull();
        persistence.start();

        awaitSchema(SELF, 2);
        DataSource again = awaitDataSource();
        assertThat(count(again, "SELECT COUNT(*) FROM DATABASECHANGELOG WHERE FILENAME = ?", changeLog))
                .as("change sets recorded once each").isEqualTo(2);
        assertThat(count(again, "SELECT COUNT(*) FROM PT_ITEM WHERE ID = ? AND NAME = ?", id, "赣江"))
                .as("row written before the restart").isEqualTo(1);
    }

    @Test
    void bundleUpdateWithNewChangeSetsMigratesForward() throws Exception {
        String bsn = "org.poyang.test.synthetic" + RUN;
        Bundle b = context.installBundle("test:" + bsn, jar(bsn, changeLog(bsn, 1)));
        try {
            b.start();
            awaitSchema(bsn, 1);
            b.update(jar(bsn, changeLog(bsn, 2)));
            awaitSchema(bsn, 2);
            DataSource ds = awaitDataSource();
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO " + table(bsn) + " (ID, V2) VALUES (1, 'x')");
            }
            assertThat(count(ds, "SELECT COUNT(*) FROM " + table(bsn) + " WHERE V2 = 'x'")).isEqualTo(1);
        } finally {
            b.uninstall();
        }
    }

    @Test
    void changeLogOutsideTheBundlesOwnFolderIsRefused() throws Exception {
        String bsn = "org.poyang.test.trespasser" + RUN;
        Bundle b = context.installBundle("test:" + bsn, jar(bsn, "db/org.poyang.platform.persistence.tests/changelog.xml", changeLog(bsn, 1)));
        try {
            b.start();
            // The good bundle below is migrated after the bad one on the same thread: once it is
            // done, the bad one has been looked at and must have no Schema service.
            String good = "org.poyang.test.wellbehaved" + RUN;
            Bundle g = context.installBundle("test:" + good, jar(good, changeLog(good, 1)));
            try {
                g.start();
                awaitSchema(good, 1);
                assertThat(context.getServiceReferences(Schema.class, "(" + Schema.BUNDLE + "=" + bsn + ")")).isEmpty();
            } finally {
                g.uninstall();
            }
        } finally {
            b.uninstall();
        }
    }

    static String table(String bsn) {
        return "SYN_" + bsn.substring(bsn.lastIndexOf('.') + 1).toUpperCase(java.util.Locale.ROOT);
    }

    private static String changeLog(String bsn, int sets) {
        String table = table(bsn);
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<databaseChangeLog xmlns=\"http://www.liquibase.org/xml/ns/dbchangelog\""
                + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"http://www.liquibase.org/xml/ns/dbchangelog"
                + " http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-4.33.xsd\">"
                + "<changeSet id=\"syn-1\" author=\"test\"><createTable tableName=\"" + table + "\">"
                + "<column name=\"ID\" type=\"BIGINT\"><constraints primaryKey=\"true\"/></column></createTable></changeSet>");
        if (sets >= 2) {
            sb.append("<changeSet id=\"syn-2\" author=\"test\"><addColumn tableName=\"").append(table)
                    .append("\"><column name=\"V2\" type=\"VARCHAR(10)\"/></addColumn></changeSet>");
        }
        return sb.append("</databaseChangeLog>").toString();
    }

    private static ByteArrayInputStream jar(String bsn, String changeLog) throws IOException {
        return jar(bsn, "db/" + bsn + "/changelog.xml", changeLog);
    }

    /** A minimal bundle holding only a change log, as a module bundle would. */
    private static ByteArrayInputStream jar(String bsn, String header, String changeLog) throws IOException {
        Manifest mf = new Manifest();
        Attributes a = mf.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", bsn);
        a.putValue("Bundle-Version", "1.0." + VERSIONS.incrementAndGet());
        a.putValue(Schema.HEADER, header);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream out = new JarOutputStream(bytes, mf)) {
            out.putNextEntry(new JarEntry("db/" + bsn + "/changelog.xml"));
            out.write(changeLog.getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return new ByteArrayInputStream(bytes.toByteArray());
    }
}
