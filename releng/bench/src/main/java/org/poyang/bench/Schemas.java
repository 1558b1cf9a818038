package org.poyang.bench;

import java.sql.Connection;
import java.util.Map;
import javax.sql.DataSource;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;

/** For harnesses outside OSGi: applies a bundle's Liquibase change log, as the persistence bundle does inside. */
public final class Schemas {

    private Schemas() {
    }

    /** Applies {@code changelog} (e.g. {@code db/org.poyang.catalog.impl/changelog.xml}) from the class path. */
    public static void migrate(DataSource ds, String changelog) throws Exception {
        try (Connection c = ds.getConnection()) {
            Database db = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c));
            Scope.child(Map.of(Scope.Attr.resourceAccessor.name(), new ClassLoaderResourceAccessor(),
                    "liquibase.analytics.enabled", Boolean.FALSE, "liquibase.showBanner", Boolean.FALSE), () -> {
                        @SuppressWarnings("deprecation")
                        Liquibase lb = new Liquibase(changelog, Scope.getCurrentScope().getResourceAccessor(), db);
                        lb.update(new Contexts(), new LabelExpression());
                    });
        }
    }
}
