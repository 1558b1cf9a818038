package org.poyang.open.impl.internal;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.poyang.catalog.api.CatalogEntry;
import org.poyang.catalog.api.CatalogService;
import org.poyang.catalog.api.EntryStatus;
import org.poyang.catalog.api.OpenType;
import org.poyang.open.api.Showcase;
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
import org.poyang.security.api.Subject;

/** The showcase (应用示范, Art. 25-28) in OPEN_SHOWCASE and OPEN_SHOWCASE_DATASET. */
@Component(service = Showcase.class)
public final class JdbcShowcase implements Showcase {

    static final int MAX_DATASETS = 20;
    private static final String COLUMNS = "SHOWCASE_ID, NAME, DESCRIPTION, URL, KIND, OWNER, CREATED_MS, STATUS, REVIEW_NOTE, REVIEWED_BY";

    private final DataSource ds;
    private final CatalogService catalog;
    private final PolicyEnforcementPoint pep;
    private final AuditTrail audit;
    private final Clock clock = Clock.systemUTC();

    @Activate
    public JdbcShowcase(@Reference(target = "(poyang.db.dialect=*)") DataSource ds,
            @Reference(target = "(" + Schema.BUNDLE + "=org.poyang.open.impl)") Schema schema, @Reference CatalogService catalog,
            @Reference PolicyEnforcementPoint pep, @Reference AuditTrail audit) {
        this.ds = ds;
        this.catalog = catalog;
        this.pep = pep;
        this.audit = audit;
    }

    @Override
    public Item submit(Subject s, Form f) {
        pep.enforce(AccessRequest.of(s, Action.SHOWCASE_SUBMIT));
        if (f == null) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "缺少登记内容 (the registration is empty)");
        }
        List<Violation> v = new ArrayList<>();
        if (blank(f.name()) || f.name().strip().length() > 100) {
            v.add(new Violation("name", "须填写名称（不超过 100 字）", "give a name (at most 100 characters)"));
        }
        if (blank(f.description()) || f.description().length() > 2000) {
            v.add(new Violation("description", "须说明如何利用数据（不超过 2000 字）", "say how it uses the data (at most 2000 characters)"));
        }
        if (f.kind() == null) {
            v.add(new Violation("kind", "类型应为 APP、ANALYSIS、RESEARCH 或 COMPETITION", "kind is APP, ANALYSIS, RESEARCH or COMPETITION"));
        }
        if (!blank(f.url()) && !httpUrl(f.url().strip())) {
            v.add(new Violation("url", "网址应以 http:// 或 https:// 开头（不超过 500 字符）", "the address is an http or https URL (at most 500 characters)"));
        }
        Set<String> datasets = new LinkedHashSet<>();
        if (f.datasets() == null || f.datasets().isEmpty() || f.datasets().size() > MAX_DATASETS) {
            v.add(new Violation("datasets", "须列出所用的 1 到 " + MAX_DATASETS + " 个开放数据集", "list the 1 to " + MAX_DATASETS + " open datasets used"));
        } else {
            for (int i = 0; i < f.datasets().size(); i++) {
                String field = "datasets[" + i + "]";
                org.poyang.catalog.api.ResourceCode code = parse(f.datasets().get(i), field, v);
                if (code == null) {
                    continue;
                }
                CatalogEntry e = catalog.get(code).orElse(null);
                if (e == null || e.status() != EntryStatus.PUBLISHED || e.openType() == OpenType.NOT_OPEN) {
                    if (v.stream().noneMatch(x -> x.field().equals(field))) {
                        v.add(new Violation(field, "开放目录中没有 " + f.datasets().get(i), f.datasets().get(i) + " is not in the open catalog"));
                    }
                } else {
                    datasets.add(e.code().value());
                }
            }
        }
        if (!v.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "登记有 " + v.size() + " 处不符合要求 (" + v.size() + " problem(s))", v);
        }
        String id = RecordIds.random("app_", 8);
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO OPEN_SHOWCASE (SHOWCASE_ID, NAME, DESCRIPTION, URL, KIND, OWNER, "
                        + "CREATED_MS, STATUS) VALUES (?, ?, ?, ?, ?, ?, ?, 'SUBMITTED')")) {
                    ps.setString(1, id);
                    ps.setString(2, f.name().strip());
                    ps.setString(3, f.description().strip());
                    if (blank(f.url())) {
                        ps.setNull(4, Types.VARCHAR);
                    } else {
                        ps.setString(4, f.url().strip());
                    }
                    ps.setString(5, f.kind().name());
                    ps.setString(6, s.id());
                    ps.setLong(7, clock.millis());
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO OPEN_SHOWCASE_DATASET (SHOWCASE_ID, RESOURCE_CODE) VALUES (?, ?)")) {
                    for (String d : datasets) {
                        ps.setString(1, id);
                        ps.setString(2, d);
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("showcase unavailable", e);
        }
        audit.record(new AuditEvent(s.id(), s.agency(), "open.showcase", null, null, null, AuditEvent.Outcome.SUCCESS, id + " " + datasets));
        return query(" WHERE SHOWCASE_ID = ?", List.of(id)).get(0);
    }

    @Override
    public Item review(Subject s, String id, boolean list, String note) {
        pep.enforce(AccessRequest.of(s, Action.CATALOG_REVIEW));
        if (!list && blank(note)) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "不予展示须说明理由 (declining states its reason)",
                    List.of(new Violation("note", "须说明理由", "state the reason")));
        }
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE OPEN_SHOWCASE SET STATUS = ?, REVIEW_NOTE = ?, REVIEWED_BY = ? WHERE SHOWCASE_ID = ?")) {
            ps.setString(1, list ? "LISTED" : "DECLINED");
            if (blank(note)) {
                ps.setNull(2, Types.VARCHAR);
            } else {
                ps.setString(2, note.strip().length() > 1000 ? note.strip().substring(0, 1000) : note.strip());
            }
            ps.setString(3, s.id());
            ps.setString(4, id);
            if (ps.executeUpdate() == 0) {
                throw new ProblemException(ProblemType.NOT_FOUND, "没有登记的应用 " + id + " (no showcase item " + id + ")");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("showcase unavailable", e);
        }
        audit.record(new AuditEvent(s.id(), s.agency(), "open.showcase.review", null, null, null, AuditEvent.Outcome.SUCCESS,
                id + (list ? " listed" : " declined")));
        return query(" WHERE SHOWCASE_ID = ?", List.of(id)).get(0);
    }

    @Override
    public List<Item> listed(String dataset, int offset, int limit) {
        if (blank(dataset)) {
            return query(" WHERE STATUS = 'LISTED' ORDER BY CREATED_MS DESC OFFSET " + offset + " ROWS FETCH NEXT " + limit + " ROWS ONLY", List.of());
        }
        return query(" WHERE STATUS = 'LISTED' AND SHOWCASE_ID IN (SELECT SHOWCASE_ID FROM OPEN_SHOWCASE_DATASET WHERE RESOURCE_CODE = ?) "
                + "ORDER BY CREATED_MS DESC OFFSET " + offset + " ROWS FETCH NEXT " + limit + " ROWS ONLY", List.of(dataset.strip()));
    }

    @Override
    public List<Item> mine(Subject s) {
        if (s.anonymous()) {
            throw new ProblemException(ProblemType.UNAUTHORIZED, "请先登录 (sign in first)");
        }
        return query(" WHERE OWNER = ? ORDER BY CREATED_MS DESC", List.of(s.id()));
    }

    @Override
    public List<Item> pending(Subject s) {
        pep.enforce(AccessRequest.of(s, Action.CATALOG_REVIEW));
        return query(" WHERE STATUS = 'SUBMITTED' ORDER BY CREATED_MS", List.of());
    }

    private List<Item> query(String tail, List<String> args) {
        Map<String, Object[]> rows = new LinkedHashMap<>();
        Map<String, List<String>> datasets = new LinkedHashMap<>();
        try (Connection c = ds.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM OPEN_SHOWCASE" + tail)) {
                for (int i = 0; i < args.size(); i++) {
                    ps.setString(i + 1, args.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Object[] r = new Object[10];
                        for (int i = 0; i < 10; i++) {
                            r[i] = rs.getObject(i + 1);
                        }
                        rows.put(rs.getString(1), r);
                        datasets.put(rs.getString(1), new ArrayList<>());
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT RESOURCE_CODE FROM OPEN_SHOWCASE_DATASET WHERE SHOWCASE_ID = ? ORDER BY RESOURCE_CODE")) {
                for (String id : rows.keySet()) {
                    ps.setString(1, id);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            datasets.get(id).add(rs.getString(1));
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("showcase unavailable", e);
        }
        List<Item> out = new ArrayList<>();
        rows.forEach((id, r) -> out.add(new Item(id, (String) r[1], (String) r[2], (String) r[3], Kind.valueOf((String) r[4]), datasets.get(id),
                (String) r[5], Instant.ofEpochMilli(((Number) r[6]).longValue()), (String) r[7], (String) r[8], (String) r[9])));
        return out;
    }

    private static org.poyang.catalog.api.ResourceCode parse(String code, String field, List<Violation> v) {
        try {
            return org.poyang.catalog.api.ResourceCode.parse(code == null ? "" : code.strip());
        } catch (org.poyang.catalog.api.InvalidIdentifierException e) {
            v.add(new Violation(field, e.messageZh(), e.messageEn()));
            return null;
        }
    }

    private static boolean httpUrl(String url) {
        if (url.length() > 500) {
            return false;
        }
        try {
            URI u = URI.create(url);
            return ("http".equalsIgnoreCase(u.getScheme()) || "https".equalsIgnoreCase(u.getScheme())) && u.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
