package org.poyang.open.impl.internal;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.apache.derby.jdbc.EmbeddedDataSource;

/** An embedded Derby database in a test's directory with one bundle's change log applied. */
final class TestDatabase {

    private TestDatabase() {
    }

    static EmbeddedDataSource migrated(Path dir, String changelog) throws Exception {
        EmbeddedDataSource ds = new EmbeddedDataSource();
        ds.setDatabaseName(dir.resolve("db").toString());
        ds.setCreateDatabase("create");
        try (Connection c = ds.getConnection()) {
            var db = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c));
            Scope.child(Map.of(Scope.Attr.resourceAccessor.name(), new ClassLoaderResourceAccessor(), "liquibase.analytics.enabled", Boolean.FALSE,
                    "liquibase.showBanner", Boolean.FALSE), () -> {
                        @SuppressWarnings("deprecation")
                        Liquibase lb = new Liquibase(changelog, Scope.getCurrentScope().getResourceAccessor(), db);
                        lb.update(new Contexts(), new LabelExpression());
                    });
        }
        return ds;
    }

    static void shutdown(EmbeddedDataSource ds) {
        ds.setShutdownDatabase("shutdown");
        try {
            ds.getConnection().close();
        } catch (SQLException expected) {
            // Derby reports a clean shutdown as an exception
        }
    }
}
