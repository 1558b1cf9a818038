package org.poyang.security.impl.internal;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
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
import org.poyang.security.api.AuditTrail;

/** For benchmark harnesses outside OSGi: the audit trail's schema and a trail with the shipped settings. */
public final class JdbcAuditTrailAccess {

    private JdbcAuditTrailAccess() {
    }

    /** Applies the security module's change log. */
    public static void migrate(DataSource ds) throws Exception {
        try (Connection c = ds.getConnection()) {
            Database db = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c));
            Scope.child(Map.of(Scope.Attr.resourceAccessor.name(), new ClassLoaderResourceAccessor(),
                    "liquibase.analytics.enabled", Boolean.FALSE, "liquibase.showBanner", Boolean.FALSE), () -> {
                        @SuppressWarnings("deprecation")
                        Liquibase lb = new Liquibase("db/org.poyang.security.impl/changelog.xml", Scope.getCurrentScope().getResourceAccessor(), db);
                        lb.update(new Contexts(), new LabelExpression());
                    });
        }
    }

    /** A trail with the defaults of the shipped configuration, its key under {@code work}. */
    public static AuditTrail open(DataSource ds, Path work) {
        return new JdbcAuditTrail(ds, AuditSigner.load(work.resolve("audit-sm2.key")), Clock.systemUTC(), 1000, 10, 500, 10);
    }
}
