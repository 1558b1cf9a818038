package org.poyang.security.impl.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.poyang.platform.persistence.RecordIds;
import org.poyang.platform.persistence.Schema;
import org.poyang.platform.rest.ProblemException;
import org.poyang.platform.rest.ProblemType;
import org.poyang.platform.rest.Violation;
import org.poyang.security.api.AuditEvent;
import org.poyang.security.api.AuditTrail;
import org.poyang.security.api.Grant;
import org.poyang.security.api.GrantService;
import org.poyang.security.api.NewGrant;
import org.poyang.security.api.Route;
import org.poyang.security.api.Subject;
import org.poyang.security.api.SubjectType;

/**
 * Grants (授权) in SEC_GRANT. Issue and revocation are recorded on the audit trail; the policy
 * enforcement point looks a grant up by id on every call that relies on it, so that a revocation
 * takes effect on the next call (Art. 24).
 */
@Component(service = GrantService.class)
public final class JdbcGrantService implements GrantService {

    /** Grant ids: {@code grt_} and 20 hex digits (80 random bits). */
    static final String PREFIX = "grt_";
    /** Separates item names in the ITEMS column (no item name holds it). */
    private static final String SEP = "\u001F";
    private static final String COLUMNS = "GRANT_ID, KIND, HOLDER, RESOURCE_CODE, ITEMS, ROUTES, PURPOSE, LEGAL_DUTY, EXPIRES_MS, "
            + "CONDITIONS, ORIGIN, STATUS, ISSUED_MS, ISSUED_BY, REVOKED_REASON";

    private final DataSource dataSource;
    private final AuditTrail audit;
    private final Clock clock;

    @Activate
    public JdbcGrantService(@Reference(target = "(poyang.db.dialect=*)") DataSource dataSource,
            @Reference(target = "(" + Schema.BUNDLE + "=org.poyang.security.impl)") Schema schema, @Reference AuditTrail audit) {
        this(dataSource, audit, Clock.systemUTC());
    }

    JdbcGrantService(DataSource dataSource, AuditTrail audit, Clock clock) {
        this.dataSource = dataSource;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public Grant issue(NewGrant g, String actor) {
        List<Violation> v = new ArrayList<>();
        if (g.kind() == null) {
            v.add(new Violation("kind", "须说明是开放授权还是共享授权", "say whether the grant is of open or shared data"));
        }
        if (blank(g.holder()) || g.holder().strip().length() > 64) {
            v.add(new Violation("holder", "须指明被授权的账户或单位", "name the holding account or agency"));
        }
        if (blank(g.resource()) || g.resource().length() > 64) {
            v.add(new Violation("resource", "须指明数据资源", "name the resource"));
        }
        if (g.items().isEmpty() || g.items().stream().anyMatch(i -> blank(i) || i.contains(SEP))) {
            v.add(new Violation("items", "须列出授权的信息项", "list the items granted"));
        } else if (String.join(SEP, g.items()).length() > 8000) {
            v.add(new Violation("items", "授权的信息项过多", "too many items"));
        }
        if (g.routes().isEmpty()) {
            v.add(new Violation("routes", "须说明提供方式（下载、接口或模型结果）", "name the routes granted (download, API or model results)"));
        }
        if (blank(g.purpose()) || g.purpose().length() > 1000) {
            v.add(new Violation("purpose", "须说明用途（不超过 1000 字）", "state the purpose (at most 1000 characters)"));
        }
        if (g.kind() == Grant.Kind.SHARE && blank(g.legalDuty())) {
            v.add(new Violation("legalDuty", "共享授权须写明所履行的法定职责（第二十四条）", "a grant of shared data names the legal duty it serves (Art. 24)"));
        }
        Instant now = clock.instant();
        if (g.expiresAt() == null || !g.expiresAt().isAfter(now)) {
            v.add(new Violation("expiresAt", "有效期须晚于当前时间", "the expiry lies in the future"));
        }
        if (!v.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "授权有 " + v.size() + " 处不符合要求 (" + v.size() + " rule(s) broken)", v);
        }
        Grant grant = new Grant(RecordIds.random(PREFIX, 10), g.kind(), g.holder().strip(), g.resource(), new TreeSet<>(g.items()),
                EnumSet.copyOf(g.routes()), g.purpose().strip(), blank(g.legalDuty()) ? null : g.legalDuty().strip(),
                Instant.ofEpochMilli(g.expiresAt().toEpochMilli()), blank(g.conditions()) ? null : g.conditions().strip(), g.origin(),
                Grant.Status.ACTIVE, Instant.ofEpochMilli(now.toEpochMilli()), who(actor), null);
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO SEC_GRANT (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, grant.id());
            ps.setString(2, grant.kind().name());
            ps.setString(3, grant.holder());
            ps.setString(4, grant.resource());
            ps.setString(5, String.join(SEP, new TreeSet<>(grant.items())));
            ps.setString(6, grant.routes().stream().map(Route::name).sorted().collect(Collectors.joining(" ")));
            ps.setString(7, grant.purpose());
            setNullable(ps, 8, grant.legalDuty());
            ps.setLong(9, grant.expiresAt().toEpochMilli());
            setNullable(ps, 10, cut(grant.conditions(), 2000));
            setNullable(ps, 11, grant.origin());
            ps.setString(12, grant.status().name());
            ps.setLong(13, grant.issuedAt().toEpochMilli());
            ps.setString(14, grant.issuedBy());
            ps.setNull(15, Types.VARCHAR);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("grants unavailable", e);
        }
        audit.record(new AuditEvent(grant.issuedBy(), null, "grant.issue", grant.resource(), grant.purpose(), grant.id(),
                AuditEvent.Outcome.SUCCESS, grant.kind() + " to " + grant.holder() + " items " + grant.items() + " routes " + grant.routes()
                        + " until " + grant.expiresAt() + (grant.origin() == null ? "" : " from " + grant.origin())));
        return grant;
    }

    @Override
    public Optional<Grant> get(String id) {
        if (id == null || id.isBlank()) {
            return Optional.empty();
        }
        List<Grant> found = query("WHERE GRANT_ID = ?", id.strip());
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    @Override
    public List<Grant> heldBy(String holder) {
        return query("WHERE HOLDER = ? ORDER BY ISSUED_MS DESC", holder);
    }

    @Override
    public List<Grant> ofResource(String resource) {
        return query("WHERE RESOURCE_CODE = ? ORDER BY ISSUED_MS DESC", resource);
    }

    @Override
    public Grant revoke(String id, String actor, String reason) {
        Grant g = get(id).orElseThrow(() -> new NoSuchElementException("no grant " + id));
        if (blank(reason)) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "撤销授权须说明理由 (a revocation states its reason)",
                    List.of(new Violation("reason", "须说明理由", "state the reason")));
        }
        if (g.status() == Grant.Status.REVOKED) {
            return g;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("UPDATE SEC_GRANT SET STATUS = ?, REVOKED_REASON = ? WHERE GRANT_ID = ?")) {
            ps.setString(1, Grant.Status.REVOKED.name());
            ps.setString(2, cut(reason.strip(), 1000));
            ps.setString(3, g.id());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("grants unavailable", e);
        }
        audit.record(new AuditEvent(who(actor), null, "grant.revoke", g.resource(), null, g.id(), AuditEvent.Outcome.SUCCESS, reason.strip()));
        return get(id).orElseThrow();
    }

    @Override
    public boolean holds(Subject s, Grant g) {
        if (!s.active()) {
            return false;
        }
        if (g.kind() == Grant.Kind.OPEN && Grant.PUBLIC.equals(g.holder())) {
            return true; // opened to everyone for an emergency (Art. 16)
        }
        return switch (g.kind()) {
            case OPEN -> switch (s.kind()) {
                case ACCOUNT -> s.id().equals(g.holder());
                case APPLICATION -> g.holder().equals(keyOwner(s.id().substring("app:".length())));
                case ANONYMOUS -> false;
            };
            case SHARE -> (s.type() == SubjectType.AGENCY_STAFF || s.type() == SubjectType.MANAGEMENT_STAFF) && g.holder().equals(s.agency());
        };
    }

    private String keyOwner(String keyId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT OWNER_LOGIN FROM SEC_API_KEY WHERE KEY_ID = ?")) {
            ps.setString(1, keyId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("API keys unavailable", e);
        }
    }

    private List<Grant> query(String where, String arg) {
        List<Grant> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM SEC_GRANT " + where)) {
            ps.setString(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Set<Route> routes = EnumSet.noneOf(Route.class);
                    for (String r : rs.getString(6).split(" ")) {
                        routes.add(Route.valueOf(r));
                    }
                    out.add(new Grant(rs.getString(1), Grant.Kind.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4),
                            new TreeSet<>(Arrays.asList(rs.getString(5).split(SEP))), routes, rs.getString(7), rs.getString(8),
                            Instant.ofEpochMilli(rs.getLong(9)), rs.getString(10), rs.getString(11), Grant.Status.valueOf(rs.getString(12)),
                            Instant.ofEpochMilli(rs.getLong(13)), rs.getString(14), rs.getString(15)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("grants unavailable", e);
        }
        return out;
    }

    private static void setNullable(PreparedStatement ps, int i, String v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.VARCHAR);
        } else {
            ps.setString(i, v);
        }
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String who(String actor) {
        return blank(actor) ? "anonymous" : actor.strip();
    }
}
