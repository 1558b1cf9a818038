package org.poyang.platform.persistence.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Locale;
import javax.sql.DataSource;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.osgi.annotation.bundle.Capability;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.poyang.platform.persistence.Dialect;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the platform's pooled {@link DataSource}: embedded Derby under the data directory by
 * default, PostgreSQL when configured. Closing shuts Derby down cleanly so a restart needs no recovery.
 */
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=javax.sql.DataSource")
@Component(immediate = true, service = {}, configurationPid = "org.poyang.platform.persistence")
@Designate(ocd = DataSourceProvider.Config.class)
public final class DataSourceProvider {

    /** Derby's page size for new tables and indexes. */
    public static final String PAGE_SIZE_PROPERTY = "derby.storage.pageSize";
    /** 32 KiB, Derby's largest. */
    public static final String PAGE_SIZE = "32768";
    /** The size of each of Derby's transaction log buffers. */
    public static final String LOG_BUFFER_PROPERTY = "derby.storage.logBufferSize";
    /** 1 MiB instead of Derby's 32 KiB. */
    public static final String LOG_BUFFER = "1048576";

    /** Database settings; the defaults give an embedded Derby database with no setup. */
    @ObjectClassDefinition(name = "Poyang database", description = "Embedded Derby by default; PostgreSQL for a province hub")
    public @interface Config {
        @AttributeDefinition(description = "DERBY (embedded, default) or POSTGRESQL")
        String dialect() default "DERBY";

        @AttributeDefinition(description = "Data directory for Derby; empty means the framework property poyang.data.dir, else ./data")
        String dataDirectory() default "";

        @AttributeDefinition(description = "PostgreSQL JDBC URL, e.g. jdbc:postgresql://127.0.0.1:5432/poyang")
        String jdbcUrl() default "";

        @AttributeDefinition(description = "PostgreSQL user")
        String user() default "";

        @AttributeDefinition(description = "PostgreSQL password", type = AttributeType.PASSWORD)
        String password() default "";

        @AttributeDefinition(description = "Largest number of pooled connections")
        int maxPoolSize() default 10;

        @AttributeDefinition(description = "Derby database encryption: NONE or AES (256-bit; Derby's DES is never accepted). "
                + "An unencrypted database is encrypted in place at the next start.")
        String encryption() default "NONE";

        @AttributeDefinition(description = "File holding Derby's random boot password; relative paths lie in the data directory. "
                + "Back it up apart from the database: without it an encrypted database cannot be opened.")
        String bootKeyFile() default "security/database-boot.key";
    }

    private static final Logger LOG = LoggerFactory.getLogger(DataSourceProvider.class);

    private final Dialect dialect;
    private final HikariDataSource pool;
    private final Path derbyDatabase;
    private final ServiceRegistration<DataSource> registration;

    @Activate
    public DataSourceProvider(BundleContext context, Config config) throws Exception {
        this.dialect = Dialect.valueOf(config.dialect().trim().toUpperCase(Locale.ROOT));
        HikariConfig hc = new HikariConfig();
        hc.setPoolName("poyang");
        hc.setMaximumPoolSize(config.maxPoolSize());
        hc.setMinimumIdle(Math.min(2, config.maxPoolSize()));
        // Do not open a connection here: booting Derby takes about a second, and this runs on the
        // framework's start thread. The first user (the schema extender's own thread) boots it.
        hc.setInitializationFailTimeout(-1);
        if (dialect == Dialect.DERBY) {
            Path dir = dataDirectory(context, config).toAbsolutePath().normalize();
            Files.createDirectories(dir);
            if (System.getProperty("derby.stream.error.file") == null) {
                System.setProperty("derby.stream.error.file", dir.resolve("derby.log").toString());
            }
            derbySystemDefaults();
            derbyDatabase = dir.resolve("db");
            EmbeddedDataSource ds = new EmbeddedDataSource();
            ds.setDatabaseName(derbyDatabase.toString());
            ds.setCreateDatabase("create");
            Path keyFile = Path.of(config.bootKeyFile());
            keyFile = keyFile.isAbsolute() ? keyFile : dir.resolve(keyFile);
            DerbyEncryption.Mode encryption = DerbyEncryption.mode(config.encryption());
            String attributes = DerbyEncryption.attributes(derbyDatabase, encryption, keyFile);
            if (!attributes.isEmpty()) {
                ds.setConnectionAttributes(attributes);
            }
            hc.setDataSource(ds);
            LOG.info("Database: embedded Derby at {}{}", derbyDatabase,
                    attributes.isEmpty() ? "" : attributes.startsWith("dataEncryption") ? " (being encrypted with AES-256)" : " (AES-encrypted)");
        } else {
            derbyDatabase = null;
            if (config.jdbcUrl().isBlank()) {
                throw new IllegalStateException("dialect POSTGRESQL needs jdbcUrl in configuration org.poyang.platform.persistence");
            }
            hc.setDataSource(postgres(config.jdbcUrl(), config.user(), config.password()));
            LOG.info("Database: PostgreSQL at {}", config.jdbcUrl());
        }
        this.pool = new HikariDataSource(hc);
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(Dialect.PROPERTY, dialect.name());
        this.registration = context.registerService(DataSource.class, pool, props);
    }

    /**
     * Sets Derby's system-wide properties to Poyang's defaults, each unless already set (an operator's
     * {@code -D} setting wins); must run before Derby boots. Public for the benchmark harness, which
     * runs Derby outside the framework and must run it as the platform does.
     * <ul>
     * <li>Derby looks for deadlocks only after 20 s by default, and gives up waiting for a lock after
     * 60 s: far too long for a request. Detect after 1 s, give up after 10 s; the modules answer such a
     * collision with 409 "retry".</li>
     * <li>Tables and indexes created from now on get 32 KiB pages instead of Derby's 4 KiB: the typed
     * rows of aggregated data are wide, and a plain batch insert of such rows runs about 30% faster
     * with them (releng/bench/collect.sh).</li>
     * <li>Log buffers of 1 MiB instead of 32 KiB. Derby writes its transaction log synchronously, one
     * buffer at a time, whenever a buffer fills: a 10,000-entry catalog import waited for about 1,300
     * such writes of 32 KiB (counted with strace). Commits still force the log to disk, so durability is
     * unchanged; the cost is 3 MiB of memory for Derby's three buffers. The first import of a catalog
     * benchmark run became about 6% faster, the second about 13% (releng/bench/catalog.sh).</li>
     * </ul>
     */
    public static void derbySystemDefaults() {
        setIfAbsent("derby.locks.deadlockTimeout", "1");
        setIfAbsent("derby.locks.waitTimeout", "10");
        setIfAbsent(PAGE_SIZE_PROPERTY, PAGE_SIZE);
        setIfAbsent(LOG_BUFFER_PROPERTY, LOG_BUFFER);
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    @Deactivate
    void deactivate() {
        try {
            registration.unregister();
        } catch (IllegalStateException alreadyGone) {
            // framework stopping
        }
        pool.close();
        if (derbyDatabase != null) {
            EmbeddedDataSource shutdown = new EmbeddedDataSource();
            shutdown.setDatabaseName(derbyDatabase.toString());
            shutdown.setShutdownDatabase("shutdown");
            try {
                shutdown.getConnection().close();
            } catch (SQLException e) {
                // Derby reports a successful shutdown as SQLState 08006.
                if (!"08006".equals(e.getSQLState())) {
                    LOG.warn("Derby shutdown reported {}", e.getMessage());
                }
            }
        }
    }

    /**
     * The PostgreSQL data source the pool draws on. Batched inserts are rewritten by the driver
     * into multi-row statements: a batch of aggregated rows costs a few round trips, not one per row.
     */
    public static javax.sql.DataSource postgres(String url, String user, String password) {
        org.postgresql.ds.PGSimpleDataSource ds = new org.postgresql.ds.PGSimpleDataSource();
        ds.setUrl(url);
        ds.setUser(user);
        ds.setPassword(password);
        ds.setReWriteBatchedInserts(true);
        return ds;
    }

    static Path dataDirectory(BundleContext context, Config config) {
        if (!config.dataDirectory().isBlank()) {
            return Path.of(config.dataDirectory());
        }
        String fromFramework = context.getProperty("poyang.data.dir");
        return Path.of(fromFramework == null || fromFramework.isBlank() ? "data" : fromFramework);
    }
}
