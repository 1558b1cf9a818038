package org.poyang.platform.workflow.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.ui.LoggerUIService;
import org.apache.derby.jdbc.EmbeddedDataSource;

/**
 * An embedded Derby database in a test's directory with the workflow module's change log applied.
 * The change log runs once per test run into a template database, which each test then gets a copy of
 * (running Liquibase for every test would take most of the test time).
 */
final class TestDatabase {

    static final String CHANGELOG = "db/org.poyang.platform.workflow/changelog.xml";
    /** Held so that java.util.logging keeps the level. */
    private static final Logger LIQUIBASE_LOG = Logger.getLogger("liquibase");
    private static Path template;

    static {
        // as an instance runs Derby; and no derby.log in the bundle directory
        org.poyang.platform.persistence.testing.TestDatabase.derbyAsThePlatformRunsIt();
        LIQUIBASE_LOG.setLevel(Level.WARNING);
    }

    private TestDatabase() {
    }

    /** A fresh database in {@code dir} with the change log applied. */
    static EmbeddedDataSource migrated(Path dir) throws Exception {
        copy(template(), dir.resolve("db"));
        EmbeddedDataSource ds = new EmbeddedDataSource();
        ds.setDatabaseName(dir.resolve("db").toString());
        return ds;
    }

    private static synchronized Path template() throws Exception {
        if (template == null) {
            Path dir = Files.createTempDirectory("poyang-workflow-template");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
            EmbeddedDataSource ds = new EmbeddedDataSource();
            ds.setDatabaseName(dir.resolve("db").toString());
            ds.setCreateDatabase("create");
            try (Connection c = ds.getConnection()) {
                var db = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c));
                Scope.child(Map.of(Scope.Attr.resourceAccessor.name(), new ClassLoaderResourceAccessor(), Scope.Attr.ui.name(),
                        new LoggerUIService(), "liquibase.analytics.enabled", Boolean.FALSE, "liquibase.showBanner", Boolean.FALSE), () -> {
                            @SuppressWarnings("deprecation")
                            Liquibase lb = new Liquibase(CHANGELOG, Scope.getCurrentScope().getResourceAccessor(), db);
                            lb.update(new Contexts(), new LabelExpression());
                        });
            }
            shutdown(dir);
            template = dir.resolve("db");
        }
        return template;
    }

    /** Shuts the database in {@code dir} down, so that it can be copied and the test databases do not stay booted. */
    static void shutdown(Path dir) {
        EmbeddedDataSource ds = new EmbeddedDataSource();
        ds.setDatabaseName(dir.resolve("db").toString());
        ds.setShutdownDatabase("shutdown");
        try (Connection c = ds.getConnection()) {
            throw new IllegalStateException("Derby did not shut " + dir + " down");
        } catch (SQLException expected) {
            // 08006: Derby reports a successful shutdown as an exception
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
