package org.poyang.platform.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.junit.jupiter.api.Test;

/** The dialect is read off the connection; look-ups batch keys only where the database probes an index per key. */
class DialectTest {

    @Test
    void anEmbeddedDerbyConnectionIsDerbyAndLooksUpOneKeyPerStatement() throws SQLException {
        EmbeddedDataSource ds = new EmbeddedDataSource();
        ds.setDatabaseName("memory:dialect-test");
        ds.setCreateDatabase("create");
        try (Connection c = ds.getConnection()) {
            assertThat(Dialect.of(c)).isEqualTo(Dialect.DERBY);
        }
        assertThat(Dialect.DERBY.keysPerLookup()).isEqualTo(1);
        assertThat(Dialect.DERBY.analyze("COLD_1")).as("Derby keeps its statistics itself").isNull();
    }

    @Test
    void aPostgresqlConnectionIsPostgresqlAndLooksUpManyKeysPerStatement() throws SQLException {
        assertThat(Dialect.of(connectionTo("PostgreSQL"))).isEqualTo(Dialect.POSTGRESQL);
        assertThat(Dialect.POSTGRESQL.keysPerLookup()).isGreaterThan(100);
        assertThat(Dialect.POSTGRESQL.analyze("COLD_1")).isEqualTo("ANALYZE COLD_1");
    }

    @Test
    void anotherDatabaseIsRefusedByName() {
        assertThatThrownBy(() -> Dialect.of(connectionTo("MySQL"))).isInstanceOf(SQLException.class).hasMessageContaining("MySQL");
    }

    /** A connection whose metadata names {@code product}; nothing else of it is used. */
    private static Connection connectionTo(String product) {
        DatabaseMetaData md = (DatabaseMetaData) Proxy.newProxyInstance(DialectTest.class.getClassLoader(),
                new Class<?>[] {DatabaseMetaData.class}, (p, m, a) -> {
                    if (m.getName().equals("getDatabaseProductName")) {
                        return product;
                    }
                    throw new UnsupportedOperationException(m.getName());
                });
        return (Connection) Proxy.newProxyInstance(DialectTest.class.getClassLoader(), new Class<?>[] {Connection.class}, (p, m, a) -> {
            if (m.getName().equals("getMetaData")) {
                return md;
            }
            throw new UnsupportedOperationException(m.getName());
        });
    }
}
