package org.poyang.open.impl.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.poyang.catalog.api.CatalogAudience;
import org.poyang.catalog.api.CatalogEntry;
import org.poyang.catalog.api.CatalogQuery;
import org.poyang.catalog.api.CatalogSearchResult;
import org.poyang.catalog.api.CatalogService;
import org.poyang.catalog.api.CreditCode;
import org.poyang.catalog.api.EntryStatus;
import org.poyang.catalog.api.InvalidIdentifierException;
import org.poyang.catalog.api.OpenType;
import org.poyang.catalog.api.PriorityCategory;
import org.poyang.open.api.Demand;
import org.poyang.open.api.DemandAnswer;
import org.poyang.open.api.DemandForm;
import org.poyang.open.api.Demands;
import org.poyang.open.api.ResourceDemand;
import org.poyang.platform.casework.Entries;
import org.poyang.platform.persistence.RecordIds;
import org.poyang.platform.persistence.Schema;
import org.poyang.platform.rest.ProblemException;
import org.poyang.platform.rest.ProblemType;
import org.poyang.platform.rest.Violation;
import org.poyang.security.api.AccessRequest;
import org.poyang.security.api.Action;
import org.poyang.security.api.AuditEvent;
import org.poyang.security.api.AuditTrail;
import org.poyang.security.api.PolicyEnforcementPoint;
import org.poyang.security.api.Resource;
import org.poyang.security.api.Subject;

/**
 * Demand-led opening (需求导向, Art. 14, 15) in OPEN_DEMAND and OPEN_DEMAND_VOTE: a vote and the count it
 * adds are one transaction, and the vote's primary key (request, account) makes a second vote impossible,
 * however many arrive at once.
 */
@Component(service = Demands.class)
public final class JdbcDemands implements Demands {

    static final ProblemType ALREADY_OPEN = new ProblemType("demand-already-open", 409, "该数据已无条件开放，可直接获取",
            "This data is already open without conditions");
    static final ProblemType ALREADY_VOTED = new ProblemType("demand-already-voted", 409, "您已为该需求投过票", "You have already voted for this request");
    static final ProblemType ANSWERED = new ProblemType("demand-answered", 409, "该需求已答复", "This request has been answered");
    static final Set<String> ANSWERS = Set.of("PLANNED", "OPENED", "DECLINED");
    private static final String COLUMNS = "DEMAND_ID, TITLE, DESCRIPTION, RESOURCE_CODE, PROVIDER, CATEGORY, REQUESTER, CREATED_MS, VOTES, STATUS, "
            + "ANSWER, ANSWERED_BY, ANSWERED_MS";

    private final DataSource ds;
    private final CatalogService catalog;
    private final PolicyEnforcementPoint pep;
    private final AuditTrail audit;
    private final Clock clock;

    @Activate
    public JdbcDemands(@Reference(target = "(poyang.db.dialect=*)") DataSource ds,
            @Reference(target = "(" + Schema.BUNDLE + "=org.poyang.open.impl)") Schema schema, @Reference CatalogService catalog,
            @Reference PolicyEnforcementPoint pep, @Reference AuditTrail audit) {
        this(ds, catalog, pep, audit, Clock.systemUTC());
    }

    JdbcDemands(DataSource ds, CatalogService catalog, PolicyEnforcementPoint pep, AuditTrail audit, Clock clock) {
        this.ds = ds;
        this.catalog = catalog;
        this.pep = pep;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public Demand submit(Subject s, DemandForm f) {
        pep.enforce(AccessRequest.of(s, Action.OPEN_DEMAND));
        if (f == null) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "缺少需求内容 (the request is empty)");
        }
        List<Violation> v = new ArrayList<>();
        if (blank(f.title()) || f.title().strip().length() > 200) {
            v.add(new Violation("title", "须用一句话说明需要什么数据（不超过 200 字）", "say in a line what data is wanted (at most 200 characters)"));
        }
        if (f.description() != null && f.description().length() > 2000) {
            v.add(new Violation("description", "说明不超过 2000 字", "at most 2000 characters"));
        }
        String provider = null;
        String resource = null;
        if (!blank(f.resource())) {
            CatalogEntry e = Entries.find(catalog, f.resource(), "resource");
            if (e.status() != EntryStatus.PUBLISHED) {
                throw new ProblemException(ProblemType.NOT_FOUND, "目录中没有已发布的 " + e.code().value() + " (" + e.code().value() + " is not published)");
            }
            if (e.openType() == OpenType.UNCONDITIONAL) {
                throw new ProblemException(ALREADY_OPEN, e.code().value() + " 已无条件开放，请直接下载 /api/collect/entries/" + e.code().value()
                        + "/export (already open: download it directly)");
            }
            resource = e.code().value();
            provider = e.provider().value();
        } else if (!blank(f.provider())) {
            try {
                provider = CreditCode.parse(f.provider().strip()).value();
            } catch (InvalidIdentifierException ex) {
                v.add(new Violation("provider", ex.messageZh(), ex.messageEn()));
            }
        }
        if (!v.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "需求有 " + v.size() + " 处不符合要求 (" + v.size() + " problem(s))", v);
        }
        String id = RecordIds.random("dem_", 8);
        long now = clock.millis();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("INSERT INTO OPEN_DEMAND (DEMAND_ID, TITLE, DESCRIPTION, "
                + "RESOURCE_CODE, PROVIDER, CATEGORY, REQUESTER, CREATED_MS, VOTES, STATUS) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, 'OPEN')")) {
            ps.setString(1, id);
            ps.setString(2, f.title().strip());
            nullable(ps, 3, blank(f.description()) ? null : f.description().strip());
            nullable(ps, 4, resource);
            nullable(ps, 5, provider);
            nullable(ps, 6, f.category() == null ? null : f.category().name());
            ps.setString(7, s.id());
            ps.setLong(8, now);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("demands unavailable", e);
        }
        audit.record(new AuditEvent(s.id(), s.agency(), "open.demand", resource, null, null, AuditEvent.Outcome.SUCCESS, id + " " + f.title().strip()));
        return get(id);
    }

    @Override
    public List<Demand> list(String resource, String provider, String status, boolean newestFirst, int offset, int limit) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<String> args = new ArrayList<>();
        if (!blank(resource)) {
            where.append(" AND RESOURCE_CODE = ?");
            args.add(resource.strip());
        }
        if (!blank(provider)) {
            where.append(" AND PROVIDER = ?");
            args.add(provider.strip());
        }
        if (!blank(status)) {
            String st = status.strip().toUpperCase(Locale.ROOT);
            if (!st.equals("OPEN") && !ANSWERS.contains(st)) {
                throw new ProblemException(ProblemType.VALIDATION_FAILED, "status 应为 OPEN、PLANNED、OPENED 或 DECLINED (unknown status)",
                        List.of(new Violation("status", "取值“" + status + "”无法识别", "unknown value '" + status + "'")));
            }
            where.append(" AND STATUS = ?");
            args.add(st);
        }
        String order = newestFirst ? " ORDER BY CREATED_MS DESC" : " ORDER BY VOTES DESC, CREATED_MS";
        return query(where + order + " OFFSET " + offset + " ROWS FETCH NEXT " + limit + " ROWS ONLY", args);
    }

    @Override
    public Demand get(String id) {
        List<Demand> found = query(" WHERE DEMAND_ID = ?", List.of(id == null ? "" : id));
        if (found.isEmpty()) {
            throw new ProblemException(ProblemType.NOT_FOUND, "没有开放需求 " + id + " (no request " + id + ")");
        }
        return found.get(0);
    }

    @Override
    public Demand vote(Subject s, String id) {
        pep.enforce(AccessRequest.of(s, Action.OPEN_DEMAND));
        Demand d = get(id);
        if (!d.status().equals("OPEN")) {
            throw new ProblemException(ANSWERED, "需求 " + id + " 已答复（" + d.status() + "），不再投票 (request " + id + " is answered: no more votes)");
        }
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO OPEN_DEMAND_VOTE (DEMAND_ID, VOTER, VOTED_MS) VALUES (?, ?, ?)")) {
                    ps.setString(1, id);
                    ps.setString(2, s.id());
                    ps.setLong(3, clock.millis());
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement("UPDATE OPEN_DEMAND SET VOTES = VOTES + 1 WHERE DEMAND_ID = ?")) {
                    ps.setString(1, id);
                    ps.executeUpdate();
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                if ("23505".equals(e.getSQLState())) { // unique constraint: this account has voted
                    throw new ProblemException(ALREADY_VOTED, "您已为需求 " + id + " 投过票，每人一票 (one vote per account)");
                }
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("demands unavailable", e);
        }
        return get(id);
    }

    @Override
    public Demand answer(Subject s, String id, DemandAnswer a) {
        Demand d = get(id);
        if (d.provider() != null) {
            pep.enforce(AccessRequest.of(s, Action.APPLICATION_ANSWER, new Resource(d.resource(), d.provider(), null, null, null, true)));
        } else {
            pep.enforce(AccessRequest.of(s, Action.CATALOG_REVIEW));
        }
        String st = a == null || a.status() == null ? "" : a.status().strip().toUpperCase(Locale.ROOT);
        if (!ANSWERS.contains(st) || blank(a.text()) || a.text().length() > 2000) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "答复须有结果（PLANNED、OPENED 或 DECLINED）和说明 (give a status and the answer)",
                    List.of(new Violation(ANSWERS.contains(st) ? "text" : "status", "结果应为 PLANNED、OPENED 或 DECLINED，并附说明（不超过 2000 字）",
                            "status PLANNED, OPENED or DECLINED, with the answer (at most 2000 characters)")));
        }
        if (!d.status().equals("OPEN") && !d.status().equals("PLANNED")) {
            throw new ProblemException(ANSWERED, "需求 " + id + " 已答复（" + d.status() + "） (request " + id + " is answered)");
        }
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE OPEN_DEMAND SET STATUS = ?, ANSWER = ?, ANSWERED_BY = ?, ANSWERED_MS = ? WHERE DEMAND_ID = ? AND STATUS = ?")) {
            ps.setString(1, st);
            ps.setString(2, a.text().strip());
            ps.setString(3, s.id());
            ps.setLong(4, clock.millis());
            ps.setString(5, id);
            ps.setString(6, d.status());
            if (ps.executeUpdate() != 1) {
                throw new ProblemException(ANSWERED, "需求 " + id + " 刚被他人答复 (someone else just answered request " + id + ")");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("demands unavailable", e);
        }
        audit.record(new AuditEvent(s.id(), s.agency(), "open.demand.answer", d.resource(), null, null, AuditEvent.Outcome.SUCCESS, id + " " + st));
        return get(id);
    }

    @Override
    public List<ResourceDemand> byResource(Subject s, String provider) {
        pep.enforce(AccessRequest.of(s, Action.CASE_OVERSEE, new Resource(null, provider, null, null, null, true)));
        List<ResourceDemand> out = new ArrayList<>();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT RESOURCE_CODE, COUNT(*), SUM(VOTES) FROM OPEN_DEMAND "
                + "WHERE STATUS = 'OPEN' AND RESOURCE_CODE IS NOT NULL" + (provider == null ? "" : " AND PROVIDER = ?")
                + " GROUP BY RESOURCE_CODE ORDER BY 3 DESC, 2 DESC")) {
            if (provider != null) {
                ps.setString(1, provider);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new ResourceDemand(rs.getString(1), rs.getLong(2), rs.getLong(3)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("demands unavailable", e);
        }
        return out;
    }

    @Override
    public List<PriorityOpening> priorities(PriorityCategory only) {
        List<PriorityOpening> out = new ArrayList<>();
        for (PriorityCategory p : PriorityCategory.values()) {
            if (only != null && p != only) {
                continue;
            }
            CatalogSearchResult r = catalog.search(new CatalogQuery(null, CatalogAudience.PUBLIC, Map.of("priorityCategory", List.of(p.name())), 0,
                    CatalogQuery.MAX_LIMIT));
            out.add(new PriorityOpening(p, p.labelZh(), p.labelEn(), r.total(), r.hits().stream()
                    .map(h -> new PriorityOpening.Entry(h.code(), h.name(), h.provider(), h.providerName(), h.openType())).toList()));
        }
        return out;
    }

    private List<Demand> query(String tail, List<String> args) {
        List<Demand> out = new ArrayList<>();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM OPEN_DEMAND" + tail)) {
            for (int i = 0; i < args.size(); i++) {
                ps.setString(i + 1, args.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Instant answeredAt = rs.getObject(13) == null ? null : Instant.ofEpochMilli(rs.getLong(13));
                    out.add(new Demand(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getString(6) == null ? null : PriorityCategory.valueOf(rs.getString(6)), rs.getString(7),
                            Instant.ofEpochMilli(rs.getLong(8)), rs.getInt(9), rs.getString(10), rs.getString(11), rs.getString(12),
                            answeredAt));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("demands unavailable", e);
        }
        return out;
    }

    private static void nullable(PreparedStatement ps, int i, String v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.VARCHAR);
        } else {
            ps.setString(i, v);
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
