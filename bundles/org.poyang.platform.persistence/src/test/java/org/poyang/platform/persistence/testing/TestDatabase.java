package org.poyang.platform.persistence.testing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.poyang.platform.persistence.internal.DataSourceProvider;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The database of a store's tests outside OSGi (a test-jar of this bundle): embedded Derby in a
 * directory of the test, the standalone default; or, when the system property {@value #PROPERTY} is
 * {@code postgresql}, a schema of its own in the PostgreSQL database the environment variable
 * {@value #URL} names (user {@value #USER}, default {@code poyang}), reached through the data source
 * this bundle configures for PostgreSQL, and dropped with everything in it at {@link #close()}.
 * PostgreSQL is the production database of a province hub and must pass the same tests (DESIGN.md,
 * "Scale"): {@code ./poyang test} starts a throwaway server and runs the stores' tests once more there.
 */
public final class TestDatabase implements AutoCloseable {

    /** System property choosing the database: {@code derby} (default) or {@code postgresql}. */
    public static final String PROPERTY = "poyang.test.database";
    /** Environment variable with the JDBC URL of the PostgreSQL database. */
    public static final String URL = "POYANG_TEST_POSTGRES_URL";
    /** Environment variable with the PostgreSQL user. */
    public static final String USER = "POYANG_TEST_POSTGRES_USER";

    private final DataSource ds;
    /** The PostgreSQL schema of this database, or null on Derby. */
    private final String schema;

    private TestDatabase(DataSource ds, String schema) {
        this.ds = ds;
        this.schema = schema;
    }

    /** Whether the tests run on PostgreSQL; any value of {@value #PROPERTY} but the two is an error, not a guess. */
    public static boolean onPostgres() {
        String db = System.getProperty(PROPERTY, "derby");
        if (db.equals("derby")) {
            return false;
        }
        if (!db.equals("postgresql")) {
            throw new IllegalStateException(PROPERTY + " must be derby or postgresql, not " + db);
        }
        return true;
    }

    /** A new, empty database: Derby under {@code dir}, or a new schema on PostgreSQL. */
    public static TestDatabase create(Path dir) throws SQLException {
        if (onPostgres()) {
            String schema = "t" + UUID.randomUUID().toString().replace("-", "");
            try (Connection c = postgres(null).getConnection(); Statement st = c.createStatement()) {
                st.executeUpdate("CREATE SCHEMA " + schema);
            }
            return new TestDatabase(postgres(schema), schema);
        }
        derbyAsThePlatformRunsIt();
        EmbeddedDataSource derby = new EmbeddedDataSource();
        derby.setDatabaseName(dir.resolve("db").toString());
        derby.setCreateDatabase("create");
        return new TestDatabase(derby, null);
    }

    /**
     * Derby with the platform's settings ({@link DataSourceProvider#derbySystemDefaults()}: lock
     * timeouts, page size, log buffers), so the stores' tests run Derby as an instance does; and its
     * error log under the temporary directory, not in the module. Derby reads them when it boots, so
     * a test calls this before its first Derby connection ({@link #create} does).
     */
    public static void derbyAsThePlatformRunsIt() {
        DataSourceProvider.derbySystemDefaults();
        if (System.getProperty("derby.stream.error.file") == null) {
            System.setProperty("derby.stream.error.file", Path.of(System.getProperty("java.io.tmpdir"), "poyang-test-derby.log").toString());
        }
    }

    public DataSource dataSource() {
        return ds;
    }

    /** Applies a bundle's Liquibase change log (for example {@code db/org.poyang.catalog.impl/changelog.xml}) from the class path. */
    public TestDatabase migrate(String changelog) throws Exception {
        try (Connection c = ds.getConnection()) {
            var db = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c));
            Scope.child(Map.of(Scope.Attr.resourceAccessor.name(), new ClassLoaderResourceAccessor(),
                    "liquibase.analytics.enabled", Boolean.FALSE, "liquibase.showBanner", Boolean.FALSE), () -> {
                        @SuppressWarnings("deprecation")
                        Liquibase lb = new Liquibase(changelog, Scope.getCurrentScope().getResourceAccessor(), db);
                        lb.update(new Contexts(), new LabelExpression());
                    });
        }
        return this;
    }

    /** Shuts Derby down, or drops the PostgreSQL schema with everything in it. */
    @Override
    public void close() throws SQLException {
        if (schema != null) {
            try (Connection c = postgres(null).getConnection(); Statement st = c.createStatement()) {
                st.executeUpdate("DROP SCHEMA " + schema + " CASCADE");
            }
            return;
        }
        EmbeddedDataSource derby = (EmbeddedDataSource) ds;
        derby.setShutdownDatabase("shutdown");
        try {
            derby.getConnection().close();
        } catch (SQLException expected) {
            // Derby reports a clean shutdown as an exception
        }
    }

    private static DataSource postgres(String schema) {
        String url = System.getenv(URL);
        if (url == null || url.isBlank()) {
            throw new IllegalStateException(PROPERTY + "=postgresql needs the environment variable " + URL + " (./poyang test sets it)");
        }
        PGSimpleDataSource pg = (PGSimpleDataSource) DataSourceProvider.postgres(url, System.getenv().getOrDefault(USER, "poyang"), "");
        if (schema != null) {
            pg.setCurrentSchema(schema);
        }
        return pg;
    }
}
