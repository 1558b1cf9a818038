package org.poyang.open.impl.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.poyang.catalog.api.CatalogEntry;
import org.poyang.catalog.api.CatalogService;
import org.poyang.catalog.api.DataItem;
import org.poyang.catalog.api.EntryStatus;
import org.poyang.collect.api.CollectService;
import org.poyang.collect.api.Freshness;
import org.poyang.open.api.Emergencies;
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
import org.poyang.security.api.Grant;
import org.poyang.security.api.GrantService;
import org.poyang.security.api.NewGrant;
import org.poyang.security.api.PolicyEnforcementPoint;
import org.poyang.security.api.Route;
import org.poyang.security.api.Subject;

/**
 * Emergency events (Art. 16) in OPEN_EMERGENCY and OPEN_EMERGENCY_RESOURCE. Opening a resource issues
 * a grant to everyone ({@link Grant#PUBLIC}) of its items by API and download; closing the event revokes
 * them all. Each opened resource's freshness is measured against the event's refresh interval, not the
 * entry's ordinary update frequency.
 */
@Component(service = Emergencies.class)
public final class JdbcEmergencies implements Emergencies {

    static final ProblemType CLOSED = new ProblemType("emergency-closed", 409, "突发事件已结束", "The emergency event is closed");
    /** Longest an emergency opening runs before it must be renewed by opening the resource again. */
    static final Duration LONGEST = Duration.ofDays(366);

    private final DataSource ds;
    private final CatalogService catalog;
    private final CollectService collect;
    private final GrantService grants;
    private final PolicyEnforcementPoint pep;
    private final AuditTrail audit;
    private final Clock clock = Clock.systemUTC();

    @Activate
    public JdbcEmergencies(@Reference(target = "(poyang.db.dialect=*)") DataSource ds,
            @Reference(target = "(" + Schema.BUNDLE + "=org.poyang.open.impl)") Schema schema, @Reference CatalogService catalog,
            @Reference CollectService collect, @Reference GrantService grants, @Reference PolicyEnforcementPoint pep, @Reference AuditTrail audit) {
        this.ds = ds;
        this.catalog = catalog;
        this.collect = collect;
        this.grants = grants;
        this.pep = pep;
        this.audit = audit;
    }

    @Override
    public Event declare(Subject s, Declaration d) {
        pep.enforce(AccessRequest.of(s, Action.EMERGENCY_DECLARE));
        List<Violation> v = new ArrayList<>();
        if (d == null || d.title() == null || d.title().isBlank() || d.title().strip().length() > 200) {
            v.add(new Violation("title", "须填写事件名称（不超过 200 字）", "give the event's name (at most 200 characters)"));
        }
        if (d == null || d.kind() == null) {
            v.add(new Violation("kind", "类型应为 NATURAL_DISASTER、ACCIDENT、PUBLIC_HEALTH 或 SOCIAL_SECURITY",
                    "kind is NATURAL_DISASTER, ACCIDENT, PUBLIC_HEALTH or SOCIAL_SECURITY"));
        }
        if (d == null || d.refreshHours() == null || d.refreshHours() < 1 || d.refreshHours() > 168) {
            v.add(new Violation("refreshHours", "更新间隔应为 1 到 168 小时", "the refresh interval is 1 to 168 hours"));
        }
        if (d != null && d.description() != null && d.description().length() > 2000) {
            v.add(new Violation("description", "说明不超过 2000 字", "at most 2000 characters"));
        }
        if (!v.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "事件有 " + v.size() + " 处不符合要求 (" + v.size() + " problem(s))", v);
        }
        String id = RecordIds.random("emg_", 8);
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("INSERT INTO OPEN_EMERGENCY (EVENT_ID, TITLE, KIND, "
                + "DESCRIPTION, REFRESH_HOURS, STATUS, DECLARED_BY, DECLARED_MS) VALUES (?, ?, ?, ?, ?, 'ACTIVE', ?, ?)")) {
            ps.setString(1, id);
            ps.setString(2, d.title().strip());
            ps.setString(3, d.kind().name());
            if (d.description() == null || d.description().isBlank()) {
                ps.setNull(4, Types.VARCHAR);
            } else {
                ps.setString(4, d.description().strip());
            }
            ps.setInt(5, d.refreshHours());
            ps.setString(6, s.id());
            ps.setLong(7, clock.millis());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("emergencies unavailable", e);
        }
        audit.record(new AuditEvent(s.id(), s.agency(), "open.emergency.declare", null, null, null, AuditEvent.Outcome.SUCCESS,
                id + " " + d.kind() + " " + d.title().strip()));
        return get(id);
    }

    @Override
    public Event open(Subject s, String eventId, String resource) {
        pep.enforce(AccessRequest.of(s, Action.EMERGENCY_DECLARE));
        Event e = get(eventId);
        if (!e.status().equals("ACTIVE")) {
            throw new ProblemException(CLOSED, "事件 " + eventId + " 已结束，不再开放数据 (event " + eventId + " is closed)");
        }
        CatalogEntry entry = Entries.find(catalog, resource, "resource");
        if (entry.status() != EntryStatus.PUBLISHED) {
            throw new ProblemException(ProblemType.NOT_FOUND, "目录中没有已发布的 " + entry.code().value() + " (" + entry.code().value() + " is not published)");
        }
        String code = entry.code().value();
        if (e.resources().stream().anyMatch(o -> o.resource().equals(code))) {
            return e; // opened already
        }
        LinkedHashSet<String> items = new LinkedHashSet<>();
        entry.items().stream().map(DataItem::name).forEach(items::add);
        if (items.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, code + " 没有信息项，无可开放 (" + code + " has no items)");
        }
        Grant g = grants.issue(new NewGrant(Grant.Kind.OPEN, Grant.PUBLIC, code, items, EnumSet.of(Route.OPEN_API, Route.OPEN_DOWNLOAD),
                "突发事件数据开放：" + e.title(), null, clock.instant().plus(LONGEST), "依《江西省公共数据管理办法》第十六条开放，事件结束即停止", eventId), s.id());
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO OPEN_EMERGENCY_RESOURCE (EVENT_ID, RESOURCE_CODE, GRANT_ID, LINKED_MS) VALUES (?, ?, ?, ?)")) {
            ps.setString(1, eventId);
            ps.setString(2, code);
            ps.setString(3, g.id());
            ps.setLong(4, clock.millis());
            ps.executeUpdate();
        } catch (SQLException ex) {
            grants.revoke(g.id(), "system", "开放记录未能保存，撤销随之签发的授权 (the opening could not be recorded)");
            throw new IllegalStateException("emergencies unavailable", ex);
        }
        audit.record(new AuditEvent(s.id(), s.agency(), "open.emergency.open", code, null, g.id(), AuditEvent.Outcome.SUCCESS, eventId));
        return get(eventId);
    }

    @Override
    public Event close(Subject s, String eventId, String note) {
        pep.enforce(AccessRequest.of(s, Action.EMERGENCY_DECLARE));
        Event e = get(eventId);
        if (!e.status().equals("ACTIVE")) {
            throw new ProblemException(CLOSED, "事件 " + eventId + " 已结束 (event " + eventId + " is closed)");
        }
        if (note == null || note.isBlank()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "结束事件须说明情况 (closing states why)",
                    List.of(new Violation("text", "须说明情况", "state why")));
        }
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE OPEN_EMERGENCY SET STATUS = 'CLOSED', CLOSED_BY = ?, CLOSED_MS = ?, CLOSE_NOTE = ? WHERE EVENT_ID = ? AND STATUS = 'ACTIVE'")) {
            ps.setString(1, s.id());
            ps.setLong(2, clock.millis());
            ps.setString(3, note.strip().length() > 1000 ? note.strip().substring(0, 1000) : note.strip());
            ps.setString(4, eventId);
            if (ps.executeUpdate() != 1) {
                throw new ProblemException(CLOSED, "事件 " + eventId + " 刚被结束 (event " + eventId + " was just closed)");
            }
        } catch (SQLException ex) {
            throw new IllegalStateException("emergencies unavailable", ex);
        }
        for (Opened o : e.resources()) {
            grants.revoke(o.grant(), s.id(), "突发事件结束：" + note.strip() + " (the emergency is over)");
        }
        audit.record(new AuditEvent(s.id(), s.agency(), "open.emergency.close", null, null, null, AuditEvent.Outcome.SUCCESS,
                eventId + " closed; " + e.resources().size() + " opening(s) ended"));
        return get(eventId);
    }

    @Override
    public Event get(String eventId) {
        List<Event> found = query(" WHERE EVENT_ID = ?", eventId == null ? "" : eventId);
        if (found.isEmpty()) {
            throw new ProblemException(ProblemType.NOT_FOUND, "没有突发事件 " + eventId + " (no event " + eventId + ")");
        }
        return found.get(0);
    }

    @Override
    public List<Event> list(boolean activeOnly) {
        return query(activeOnly ? " WHERE STATUS = 'ACTIVE' ORDER BY DECLARED_MS DESC" : " ORDER BY STATUS, DECLARED_MS DESC", null);
    }

    private List<Event> query(String tail, String arg) {
        Map<String, Object[]> rows = new LinkedHashMap<>();
        Map<String, List<String[]>> opened = new LinkedHashMap<>();
        try (Connection c = ds.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT EVENT_ID, TITLE, KIND, DESCRIPTION, REFRESH_HOURS, STATUS, DECLARED_BY, DECLARED_MS, "
                    + "CLOSED_BY, CLOSED_MS, CLOSE_NOTE FROM OPEN_EMERGENCY" + tail)) {
                if (arg != null) {
                    ps.setString(1, arg);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Object[] r = new Object[11];
                        for (int i = 0; i < 11; i++) {
                            r[i] = rs.getObject(i + 1);
                        }
                        rows.put(rs.getString(1), r);
                        opened.put(rs.getString(1), new ArrayList<>());
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT RESOURCE_CODE, GRANT_ID FROM OPEN_EMERGENCY_RESOURCE WHERE EVENT_ID = ? ORDER BY LINKED_MS")) {
                for (String id : rows.keySet()) {
                    ps.setString(1, id);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            opened.get(id).add(new String[] {rs.getString(1), rs.getString(2)});
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("emergencies unavailable", e);
        }
        List<Event> out = new ArrayList<>();
        Instant now = clock.instant();
        rows.forEach((id, r) -> {
            int hours = ((Number) r[4]).intValue();
            boolean active = "ACTIVE".equals(r[5]);
            List<Opened> resources = new ArrayList<>();
            for (String[] o : opened.get(id)) {
                CatalogEntry entry = catalog.get(org.poyang.catalog.api.ResourceCode.parse(o[0])).orElse(null);
                Freshness f = entry == null ? null : collect.freshness(entry.code(), now);
                Instant last = f == null ? null : f.lastDelivery();
                Instant due = last == null ? null : last.plus(Duration.ofHours(hours));
                Map<String, String> links = new LinkedHashMap<>();
                if (active) {
                    String base = "/api/collect/entries/" + o[0];
                    links.put("api", base + "/rows?offset=0&limit=100&grant=" + o[1]);
                    links.put("csv", base + "/export?format=csv&grant=" + o[1]);
                    links.put("json", base + "/export?format=json&grant=" + o[1]);
                }
                resources.add(new Opened(o[0], entry == null ? null : entry.name(), o[1], links, last, due,
                        active && (due == null || now.isAfter(due))));
            }
            out.add(new Event(id, (String) r[1], Kind.valueOf((String) r[2]), (String) r[3], hours, (String) r[5], (String) r[6],
                    Instant.ofEpochMilli(((Number) r[7]).longValue()), (String) r[8], r[9] == null ? null : Instant.ofEpochMilli(((Number) r[9]).longValue()),
                    (String) r[10], resources));
        });
        return out;
    }
}
