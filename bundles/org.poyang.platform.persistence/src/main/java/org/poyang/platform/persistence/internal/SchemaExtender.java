package org.poyang.platform.persistence.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.ui.LoggerUIService;
import org.osgi.annotation.bundle.Capability;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.util.tracker.BundleTracker;
import org.osgi.util.tracker.BundleTrackerCustomizer;
import org.poyang.platform.persistence.Dialect;
import org.poyang.platform.persistence.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Extender that applies each bundle's Liquibase change log (named by its {@code Poyang-Schema}
 * header) when the bundle starts, then registers a {@link Schema} service for it. Migrations run one
 * at a time on their own thread, so they never hold up the framework's start. Liquibase records
 * applied change sets, so a restart applies nothing twice.
 */
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=org.poyang.platform.persistence.Schema")
@Component(immediate = true, service = {})
public final class SchemaExtender {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaExtender.class);

    private final BundleContext context;
    private final DataSource dataSource;
    private final Dialect dialect;
    private final ServiceReference<DataSource> dataSourceRef;
    private final BundleTracker<Migration> tracker;
    private final ExecutorService migrator = Executors.newSingleThreadExecutor(r -> new Thread(r, "poyang-schema-migrator"));

    /** A bundle's migration, run in order on one thread, and the Schema service it led to. */
    private static final class Migration {
        volatile Future<?> task;
        volatile ServiceRegistration<Schema> registration;
        volatile boolean removed;
    }

    @Activate
    public SchemaExtender(BundleContext context,
            @Reference(name = "dataSource", target = "(" + Dialect.PROPERTY + "=*)") ServiceReference<DataSource> dataSourceRef) {
        this.context = context;
        this.dataSource = context.getService(dataSourceRef);
        this.dialect = Dialect.valueOf(String.valueOf(dataSourceRef.getProperty(Dialect.PROPERTY)));
        this.dataSourceRef = dataSourceRef;
        this.tracker = new BundleTracker<>(context, Bundle.STARTING | Bundle.ACTIVE, new Customizer());
        this.tracker.open();
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        tracker.close();
        migrator.shutdown();
        if (!migrator.awaitTermination(30, TimeUnit.SECONDS)) {
            LOG.warn("A schema migration was still running when the persistence bundle stopped");
        }
        context.ungetService(dataSourceRef);
    }

    /** Applies the change log unless its digest shows it is already applied, then registers Schema. */
    ServiceRegistration<Schema> migrate(Bundle bundle, String changeLog) throws Exception {
        String bsn = bundle.getSymbolicName();
        String expectedPrefix = "db/" + bsn + "/";
        if (!changeLog.startsWith(expectedPrefix)) {
            throw new IllegalArgumentException(Schema.HEADER + " of " + bsn + " must lie under " + expectedPrefix
                    + " so that change log paths are unique per bundle; found " + changeLog);
        }
        String digest = SchemaDigests.digest(bundle);
        try (Connection c = dataSource.getConnection()) {
            OptionalInt known = SchemaDigests.current(c, bsn, digest);
            if (known.isPresent()) {
                LOG.info("Schema of {} is current at {} change sets", bsn, known.getAsInt());
                return register(bsn, known.getAsInt());
            }
        }
        ClassLoader bundleLoader = bundle.adapt(BundleWiring.class).getClassLoader();
        Thread t = Thread.currentThread();
        ClassLoader old = t.getContextClassLoader();
        t.setContextClassLoader(Liquibase.class.getClassLoader());
        long start = System.nanoTime();
        int applied;
        try (Connection c = dataSource.getConnection()) {
            releaseStaleLock(c);
            Database db = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c));
            Map<String, Object> scope = Map.of(
                    Scope.Attr.resourceAccessor.name(), new ClassLoaderResourceAccessor(bundleLoader),
                    "liquibase.analytics.enabled", Boolean.FALSE,
                    "liquibase.showBanner", Boolean.FALSE,
                    "liquibase.secureParsing", Boolean.TRUE,
                    "liquibase.showSummaryOutput", "LOG",
                    // the update command reads its own argument: the summary goes to the log, not stdout
                    "liquibase.command.showSummaryOutput", "LOG",
                    Scope.Attr.ui.name(), new LoggerUIService());
            Scope.child(scope, () -> {
                @SuppressWarnings("deprecation")
                Liquibase lb = new Liquibase(changeLog, Scope.getCurrentScope().getResourceAccessor(), db);
                lb.update(new Contexts(), new LabelExpression());
            });
            applied = countApplied(c, changeLog);
            SchemaDigests.record(c, bsn, digest, applied);
        } finally {
            t.setContextClassLoader(old);
        }
        LOG.info("Schema of {} migrated to {} change sets ({} ms)", bsn, applied, (System.nanoTime() - start) / 1_000_000);
        return register(bsn, applied);
    }

    private ServiceRegistration<Schema> register(String bsn, int applied) {
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(Schema.BUNDLE, bsn);
        props.put(Schema.CHANGESETS, applied);
        int count = applied;
        return context.registerService(Schema.class, new Schema() {
            @Override
            public String bundle() {
                return bsn;
            }

            @Override
            public int appliedChangeSets() {
                return count;
            }

            @Override
            public Dialect dialect() {
                return dialect;
            }
        }, props);
    }

    /**
     * Embedded Derby admits one process only, so a lock row left by a killed process can only be
     * stale; without this Liquibase would wait minutes for it. PostgreSQL locks are left alone.
     */
    private void releaseStaleLock(Connection c) throws SQLException {
        if (dialect != Dialect.DERBY) {
            return;
        }
        try (Statement s = c.createStatement()) {
            int n = s.executeUpdate("UPDATE DATABASECHANGELOGLOCK SET LOCKED = FALSE, LOCKGRANTED = NULL, LOCKEDBY = NULL WHERE LOCKED = TRUE");
            if (n > 0) {
                LOG.warn("Released a schema migration lock left by a process that did not stop cleanly");
            }
        } catch (SQLException noTableYet) {
            // first start: Liquibase creates the lock table
        }
        if (!c.getAutoCommit()) {
            c.commit();
        }
    }

    private static int countApplied(Connection c, String changeLog) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM DATABASECHANGELOG WHERE FILENAME = ?")) {
            ps.setString(1, changeLog);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private final class Customizer implements BundleTrackerCustomizer<Migration> {
        @Override
        public Migration addingBundle(Bundle bundle, BundleEvent event) {
            String changeLog = bundle.getHeaders("").get(Schema.HEADER);
            if (changeLog == null || changeLog.isBlank()) {
                return null;
            }
            Migration m = new Migration();
            m.task = migrator.submit(() -> {
                try {
                    ServiceRegistration<Schema> reg = migrate(bundle, changeLog.trim());
                    m.registration = reg;
                    if (m.removed) {
                        unregister(reg);
                    }
                } catch (Exception e) {
                    LOG.error("Schema migration of {} failed; its components stay unsatisfied until it is fixed",
                            bundle.getSymbolicName(), e);
                }
            });
            return m;
        }

        @Override
        public void modifiedBundle(Bundle bundle, BundleEvent event, Migration m) {
            // state changes between STARTING and ACTIVE need nothing
        }

        @Override
        public void removedBundle(Bundle bundle, BundleEvent event, Migration m) {
            m.removed = true;
            if (m.registration != null) {
                unregister(m.registration);
            }
        }
    }

    private static void unregister(ServiceRegistration<Schema> reg) {
        try {
            reg.unregister();
        } catch (IllegalStateException alreadyGone) {
            // bundle already stopped
        }
    }
}
