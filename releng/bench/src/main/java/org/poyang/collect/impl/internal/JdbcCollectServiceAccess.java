package org.poyang.collect.impl.internal;

import java.sql.Connection;
import java.time.Clock;
import javax.sql.DataSource;
import org.poyang.catalog.api.CatalogService;
import org.poyang.platform.calendar.WorkingDayCalendar;
import org.poyang.security.api.AuditTrail;
import org.poyang.security.api.FieldCipher;

/** For benchmark harnesses in other packages: the aggregation store as the bundle wires it, and its table numbers. */
public final class JdbcCollectServiceAccess {

    private JdbcCollectServiceAccess() {
    }

    /** The shipped store over {@code ds}. */
    public static JdbcCollectService create(DataSource ds, CatalogService catalog, FieldCipher cipher, AuditTrail audit,
            WorkingDayCalendar calendar, Clock clock) {
        return new JdbcCollectService(ds, catalog, cipher, audit, calendar, clock);
    }

    /** The number n of the entry's data table {@code COLD_n}. */
    public static int tableNo(DataSource ds, String code) throws Exception {
        try (Connection c = ds.getConnection()) {
            return EntryTables.tableNo(c, code);
        }
    }
}
