package org.poyang.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.poyang.platform.persistence.internal.DataSourceProvider;

/**
 * For harnesses outside OSGi: embedded Derby as the persistence bundle serves it inside the platform,
 * with its Derby settings (page size, log buffers, lock timeouts) and pooled by HikariCP with its
 * default of 10 connections, so that a harness pays for a connection what an instance pays.
 */
public final class PooledDerby {

    private PooledDerby() {
    }

    /** A pooled data source on the Derby database in {@code dir}, created if absent. */
    public static DataSource open(Path dir, String poolName) {
        DataSourceProvider.derbySystemDefaults();
        EmbeddedDataSource derby = new EmbeddedDataSource();
        derby.setDatabaseName(dir.toString());
        derby.setCreateDatabase("create");
        HikariConfig hc = new HikariConfig();
        hc.setPoolName(poolName);
        hc.setMaximumPoolSize(10);
        hc.setMinimumIdle(2);
        hc.setDataSource(derby);
        return new HikariDataSource(hc);
    }
}
