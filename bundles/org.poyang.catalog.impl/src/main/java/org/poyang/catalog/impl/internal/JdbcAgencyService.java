package org.poyang.catalog.impl.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.poyang.catalog.api.AdministrativeLevel;
import org.poyang.catalog.api.Agency;
import org.poyang.catalog.api.AgencyService;
import org.poyang.catalog.api.CreditCode;
import org.poyang.catalog.api.NewAgency;
import org.poyang.catalog.api.RegionCode;
import org.poyang.platform.persistence.Schema;
import org.poyang.security.api.AuditEvent;
import org.poyang.security.api.AuditTrail;
import org.poyang.security.api.AuditUnavailableException;
import org.poyang.platform.rest.ProblemException;

/** The agency register in table CAT_AGENCY; rules in {@link AgencyRules}. */
@Component(service = AgencyService.class)
public final class JdbcAgencyService implements AgencyService {

    private static final String COLUMNS = "CREDIT_CODE, NAME, REGION_CODE, AGENCY_LEVEL, PARENT_CODE, REGISTERED_AT";

    private final DataSource dataSource;
    private final AuditTrail audit;
    private final Clock clock = Clock.systemUTC();

    @Activate
    public JdbcAgencyService(@Reference(target = "(poyang.db.dialect=*)") DataSource dataSource,
            @Reference(target = "(" + Schema.BUNDLE + "=org.poyang.catalog.impl)") Schema schema, @Reference AuditTrail audit) {
        this.dataSource = dataSource;
        this.audit = audit;
    }

    @Override
    public Agency register(NewAgency in, String actor) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Agency a = AgencyRules.check(in, code -> find(c, code), clock.instant());
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO CAT_AGENCY (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)")) {
                    ps.setString(1, a.creditCode().value());
                    ps.setString(2, a.name());
                    ps.setString(3, a.region().value());
                    ps.setString(4, a.level().name());
                    ps.setString(5, a.parent() == null ? null : a.parent().value());
                    ps.setTimestamp(6, Timestamp.from(a.registeredAt()));
                    ps.executeUpdate();
                }
                try {
                    // Art. 30: the registration is audited before it is committed, or not made at all
                    audit.record(new AuditEvent(actor == null || actor.isBlank() ? "anonymous" : actor.strip(), null, "catalog.agency.register", a.creditCode().value(), null, null,
                            AuditEvent.Outcome.SUCCESS, a.name()));
                } catch (AuditUnavailableException e) {
                    throw new ProblemException(org.poyang.platform.rest.ProblemType.SERVICE_UNAVAILABLE,
                            "审计日志暂不可用，本次登记未执行 (the audit trail is unavailable; nothing was registered)");
                }
                c.commit();
                return a;
            } catch (SQLException e) {
                c.rollback();
                if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
                    // a concurrent registration of the same code won the race
                    throw new ProblemException(AgencyRules.AGENCY_EXISTS, "统一社会信用代码 " + in.creditCode()
                            + " 已登记 (already registered)");
                }
                throw e;
            } catch (RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("agency register unavailable", e);
        }
    }

    @Override
    public Optional<Agency> find(CreditCode creditCode) {
        try (Connection c = dataSource.getConnection()) {
            return find(c, creditCode);
        } catch (SQLException e) {
            throw new IllegalStateException("agency register unavailable", e);
        }
    }

    private static Optional<Agency> find(Connection c, CreditCode code) {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM CAT_AGENCY WHERE CREDIT_CODE = ?")) {
            ps.setString(1, code.value());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("agency register unavailable", e);
        }
    }

    @Override
    public List<Agency> list(RegionCode region) {
        String where = "";
        String prefix = null;
        if (region != null) {
            prefix = switch (region.level()) {
                case PROVINCE -> region.value().substring(0, 2);
                case CITY -> region.value().substring(0, 4);
                case COUNTY -> region.value();
            };
            where = " WHERE REGION_CODE LIKE ?";
        }
        List<Agency> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM CAT_AGENCY" + where
                        + " ORDER BY REGION_CODE, CREDIT_CODE")) {
            if (prefix != null) {
                ps.setString(1, prefix + "%");
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(map(rs));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("agency register unavailable", e);
        }
        return out;
    }

    private static Agency map(ResultSet rs) throws SQLException {
        String parent = rs.getString(5);
        return new Agency(new CreditCode(rs.getString(1).strip()), rs.getString(2), new RegionCode(rs.getString(3).strip()),
                AdministrativeLevel.valueOf(rs.getString(4)), parent == null ? null : new CreditCode(parent.strip()),
                rs.getTimestamp(6).toInstant());
    }
}
