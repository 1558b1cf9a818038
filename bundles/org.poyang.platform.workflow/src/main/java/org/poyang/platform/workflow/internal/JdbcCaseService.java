package org.poyang.platform.workflow.internal;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.poyang.platform.calendar.WorkingDayCalendar;
import org.poyang.platform.persistence.RecordIds;
import org.poyang.platform.persistence.Schema;
import org.poyang.platform.workflow.Case;
import org.poyang.platform.workflow.CaseEvent;
import org.poyang.platform.workflow.CaseQuery;
import org.poyang.platform.workflow.CaseService;
import org.poyang.platform.workflow.CaseStateException;
import org.poyang.platform.workflow.CaseType;
import org.poyang.platform.workflow.NewCase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cases in WF_CASE and their steps in WF_EVENT. A step is one transaction: the case row is updated
 * only if it is still in the state and version the step started from, so two people answering the
 * same case at once cannot both succeed. Time comes from a {@link Clock} service when one is
 * registered (tests move it), else from the system clock; days are days in China Standard Time.
 */
@Component(service = CaseService.class)
public final class JdbcCaseService implements CaseService {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcCaseService.class);
    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final String COLUMNS = "CASE_ID, CASE_TYPE, STATE, SUBJECT, SUBJECT_AGENCY, HANDLER, RESOURCE_CODE, TITLE, RECEIVED_ON, "
            + "CLOCK_FROM, CLOCK_DAYS, DEADLINE, PROVISIONAL, OPENED_MS, UPDATED_MS, CLOSED_MS, VERSION, DATA, LATE";
    private static final String SYSTEM = "system";

    private final DataSource dataSource;
    private final Days days;
    private volatile Clock fixedClock;
    private ScheduledExecutorService sweeper;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile Clock clockService;

    @Activate
    public JdbcCaseService(@Reference(target = "(poyang.db.dialect=*)") DataSource dataSource,
            @Reference(target = "(" + Schema.BUNDLE + "=org.poyang.platform.workflow)") Schema schema, @Reference WorkingDayCalendar calendar) {
        this(dataSource, calendar, null);
        sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "poyang-case-sweeper");
            t.setDaemon(true);
            return t;
        });
        sweeper.scheduleWithFixedDelay(() -> {
            try {
                sweep();
            } catch (RuntimeException e) {
                LOG.warn("Case sweep failed; it runs again within the hour (案件到期检查失败，一小时内重试)", e);
            }
        }, 1, 60, TimeUnit.MINUTES);
    }

    /** For tests: a fixed clock, or null to use the clock service or the system clock. */
    JdbcCaseService(DataSource dataSource, WorkingDayCalendar calendar, Clock clock) {
        this.dataSource = dataSource;
        this.days = new Days(calendar);
        this.fixedClock = clock;
    }

    @Deactivate
    public void deactivate() {
        if (sweeper != null) {
            sweeper.shutdownNow();
        }
    }

    private Clock clock() {
        Clock c = fixedClock != null ? fixedClock : clockService;
        return c != null ? c : Clock.systemUTC();
    }

    @Override
    public Instant now() {
        return Instant.ofEpochMilli(clock().millis());
    }

    @Override
    public LocalDate today() {
        return LocalDate.ofInstant(clock().instant(), CHINA);
    }

    @Override
    public Case open(CaseType type, NewCase c, String actor) {
        require(c.subject(), "subject");
        require(c.handler(), "handler");
        require(c.title(), "title");
        Instant now = Instant.ofEpochMilli(clock().millis());
        LocalDate received = LocalDate.ofInstant(now, CHINA);
        Days.Result deadline = days.add(received, type.workingDays());
        String id = RecordIds.random("case_", 10);
        inTransaction(con -> {
            try (PreparedStatement ps = con.prepareStatement("INSERT INTO WF_CASE (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, id);
                ps.setString(2, type.name());
                ps.setString(3, type.initial());
                ps.setString(4, c.subject());
                setNullable(ps, 5, c.subjectAgency());
                ps.setString(6, c.handler());
                setNullable(ps, 7, c.resource());
                ps.setString(8, cut(c.title(), 500));
                ps.setDate(9, Date.valueOf(received));
                ps.setDate(10, Date.valueOf(received));
                ps.setInt(11, type.workingDays());
                ps.setDate(12, Date.valueOf(deadline.date()));
                ps.setInt(13, deadline.provisional() ? 1 : 0);
                ps.setLong(14, now.toEpochMilli());
                ps.setLong(15, now.toEpochMilli());
                ps.setNull(16, Types.BIGINT);
                ps.setInt(17, 1);
                setNullable(ps, 18, c.data());
                ps.setInt(19, 0);
                ps.executeUpdate();
            }
            event(con, id, 1, now, actor, CaseEvent.Kind.OPENED, null, type.initial(),
                    "受理，答复期限 " + deadline.date() + " (received; answer due " + deadline.date() + ")");
        });
        return get(id).orElseThrow();
    }

    @Override
    public Case move(CaseType type, String id, String expected, String to, String actor, String note, String data) {
        Case before = get(id).orElseThrow(() -> new CaseStateException("案件 " + id + " 不存在 (no case " + id + ")", true));
        if (!before.type().equals(type.name())) {
            throw new CaseStateException("案件 " + id + " 不是" + type.name() + "类案件 (case " + id + " is not a " + type.name() + ")", true);
        }
        if (expected != null && !expected.equals(before.state())) {
            throw new CaseStateException("案件当前状态为 " + before.state() + "，不是 " + expected + " (the case is " + before.state()
                    + ", not " + expected + ")", false);
        }
        if (!type.allows(before.state(), to)) {
            throw new CaseStateException("案件状态为 " + before.state() + "，不能转为 " + to + " (a case in " + before.state()
                    + " cannot move to " + to + ")", false);
        }
        Instant now = Instant.ofEpochMilli(clock().millis());
        LocalDate today = LocalDate.ofInstant(now, CHINA);
        boolean wasWaiting = type.waiting().contains(before.state());
        boolean waits = type.waiting().contains(to);
        boolean closes = type.isFinal(to);
        // the clock as stored: [from, days] while running, [null, days left] while paused; the version guards the step
        Object[] raw = clockOf(id);
        int version = (Integer) raw[2];
        LocalDate from;
        int count;
        LocalDate deadline = before.deadline();
        boolean provisional = before.provisional();
        if (provisional && raw[0] != null) {
            // the year's notice may have arrived since the last sweep: count on the calendar as it is now
            Days.Result fresh = days.add((LocalDate) raw[0], (Integer) raw[1]);
            deadline = fresh.date();
            provisional = fresh.provisional();
        }
        String clockNote = null;
        if (!wasWaiting && waits) {
            Days.Result left = days.between(today, deadline);
            from = null;
            count = left.days();
            provisional = left.provisional();
            clockNote = "计时暂停，剩余 " + count + " 个工作日 (clock paused with " + count + " working days left)";
        } else if (wasWaiting && !waits && !closes) {
            Days.Result resumed = days.add(today, before.daysLeft());
            from = today;
            count = before.daysLeft();
            deadline = resumed.date();
            provisional = resumed.provisional();
            clockNote = "恢复计时，答复期限 " + deadline + " (clock resumed; answer due " + deadline + ")";
        } else {
            from = null; // unchanged below
            count = -1;
        }
        String text = note == null || note.isBlank() ? clockNote : clockNote == null ? note.strip() : note.strip() + "；" + clockNote;
        LocalDate clockFrom = from;
        int clockDays = count;
        LocalDate newDeadline = deadline;
        boolean prov = provisional;
        // late: the deadline passed while the clock ran; a material request or an answer after it does not undo that
        boolean late = (Boolean) raw[3] || (!wasWaiting && today.isAfter(deadline) && (closes || waits));
        inTransaction(con -> {
            String sql = "UPDATE WF_CASE SET STATE = ?, UPDATED_MS = ?, VERSION = VERSION + 1, DEADLINE = ?, PROVISIONAL = ?, LATE = ?"
                    + (closes ? ", CLOSED_MS = ?" : "") + (clockDays >= 0 ? ", CLOCK_FROM = ?, CLOCK_DAYS = ?" : "")
                    + (data != null ? ", DATA = ?" : "") + " WHERE CASE_ID = ? AND STATE = ? AND VERSION = ?";
            try (PreparedStatement ps = con.prepareStatement(sql)) {
                int i = 1;
                ps.setString(i++, to);
                ps.setLong(i++, now.toEpochMilli());
                ps.setDate(i++, Date.valueOf(newDeadline));
                ps.setInt(i++, prov ? 1 : 0);
                ps.setInt(i++, late ? 1 : 0);
                if (closes) {
                    ps.setLong(i++, now.toEpochMilli());
                }
                if (clockDays >= 0) {
                    if (clockFrom == null) {
                        ps.setNull(i++, Types.DATE);
                    } else {
                        ps.setDate(i++, Date.valueOf(clockFrom));
                    }
                    ps.setInt(i++, clockDays);
                }
                if (data != null) {
                    ps.setString(i++, data);
                }
                ps.setString(i++, id);
                ps.setString(i++, before.state());
                ps.setInt(i, version);
                if (ps.executeUpdate() != 1) {
                    throw new CaseStateException("案件刚被他人处理，请刷新后重试 (someone else just moved the case: reload and retry)", false);
                }
            }
            event(con, id, nextSeq(con, id), now, actor, CaseEvent.Kind.MOVED, before.state(), to, text);
        });
        return get(id).orElseThrow();
    }

    /** CLOCK_FROM (LocalDate or null), CLOCK_DAYS, VERSION and LATE of a case. */
    private Object[] clockOf(String id) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement q = c.prepareStatement("SELECT CLOCK_FROM, CLOCK_DAYS, VERSION, LATE FROM WF_CASE WHERE CASE_ID = ?")) {
            q.setString(1, id);
            try (ResultSet rs = q.executeQuery()) {
                if (!rs.next()) {
                    throw new CaseStateException("案件 " + id + " 不存在 (no case " + id + ")", true);
                }
                return new Object[] {rs.getDate(1) == null ? null : rs.getDate(1).toLocalDate(), rs.getInt(2), rs.getInt(3), rs.getInt(4) == 1};
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cases unavailable", e);
        }
    }

    @Override
    public Optional<Case> get(String id) {
        List<Case> found = query("WHERE CASE_ID = ?", List.of(id), 0, 1, "");
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    @Override
    public List<CaseEvent> history(String id) {
        List<CaseEvent> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT SEQ, AT_MS, ACTOR, KIND, FROM_STATE, TO_STATE, NOTE FROM WF_EVENT WHERE CASE_ID = ? ORDER BY SEQ")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new CaseEvent(rs.getInt(1), Instant.ofEpochMilli(rs.getLong(2)), rs.getString(3), CaseEvent.Kind.valueOf(rs.getString(4)),
                            rs.getString(5), rs.getString(6), rs.getString(7)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cases unavailable", e);
        }
        return out;
    }

    @Override
    public List<Case> find(CaseQuery q) {
        StringBuilder where = new StringBuilder("WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        filter(where, args, "CASE_TYPE", q.type());
        filter(where, args, "HANDLER", q.handler());
        filter(where, args, "SUBJECT", q.subject());
        filter(where, args, "RESOURCE_CODE", q.resource());
        if (q.party() != null) {
            where.append(" AND (HANDLER = ? OR SUBJECT_AGENCY = ?)");
            args.add(q.party());
            args.add(q.party());
        }
        if (q.openOnly()) {
            where.append(" AND CLOSED_MS IS NULL");
        }
        if (q.overdueOnly()) {
            where.append(" AND ((CLOSED_MS IS NULL AND CLOCK_FROM IS NOT NULL AND DEADLINE < ?) OR LATE = 1)"); // LATE: past it before
            args.add(Date.valueOf(today()));
        }
        String order = q.openOnly() || q.overdueOnly() ? " ORDER BY DEADLINE, OPENED_MS" : " ORDER BY OPENED_MS DESC";
        return query(where.toString(), args, q.offset(), q.limit(), order);
    }

    private static void filter(StringBuilder where, List<Object> args, String column, String value) {
        if (value != null) {
            where.append(" AND ").append(column).append(" = ?");
            args.add(value);
        }
    }

    @Override
    public List<Case> sweep() {
        LocalDate today = today();
        Instant now = Instant.ofEpochMilli(clock().millis());
        List<Case> flagged = new ArrayList<>();
        List<Case> open = query("WHERE CLOSED_MS IS NULL", List.of(), 0, Integer.MAX_VALUE, " ORDER BY DEADLINE");
        for (Case c : open) {
            if (c.provisional() && !c.paused()) {
                recompute(c);
            }
        }
        try (Connection con = dataSource.getConnection()) {
            con.setAutoCommit(false);
            try (PreparedStatement ps = con.prepareStatement("SELECT CASE_ID, STATE, DEADLINE, REMINDED_ON, OVERDUE_ON, CASE_TYPE FROM WF_CASE "
                    + "WHERE CLOSED_MS IS NULL AND CLOCK_FROM IS NOT NULL AND DEADLINE IS NOT NULL")) {
                List<String[]> due = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        LocalDate deadline = rs.getDate(3).toLocalDate();
                        boolean overdue = today.isAfter(deadline) && rs.getDate(5) == null;
                        boolean remind = !today.isAfter(deadline) && rs.getDate(4) == null
                                && days.between(today, deadline).days() <= REMIND_DAYS;
                        if (overdue || remind) {
                            due.add(new String[] {rs.getString(1), rs.getString(2), deadline.toString(), overdue ? "O" : "R"});
                        }
                    }
                }
                for (String[] d : due) {
                    boolean overdue = d[3].equals("O");
                    try (PreparedStatement u = con.prepareStatement("UPDATE WF_CASE SET " + (overdue ? "OVERDUE_ON" : "REMINDED_ON") + " = ? WHERE CASE_ID = ?")) {
                        u.setDate(1, Date.valueOf(today));
                        u.setString(2, d[0]);
                        u.executeUpdate();
                    }
                    event(con, d[0], nextSeq(con, d[0]), now, SYSTEM, overdue ? CaseEvent.Kind.OVERDUE : CaseEvent.Kind.REMINDED, d[1], d[1],
                            overdue ? "已超过答复期限 " + d[2] + " (past the deadline " + d[2] + ")"
                                    : "答复期限 " + d[2] + " 临近 (the deadline " + d[2] + " is near)");
                    LOG.info("Case {} {} (deadline {})", d[0], overdue ? "overdue (已逾期)" : "due soon (即将到期)", d[2]);
                }
                con.commit();
                for (String[] d : due) {
                    get(d[0]).ifPresent(flagged::add);
                }
            } catch (SQLException | RuntimeException e) {
                con.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cases unavailable", e);
        }
        return flagged;
    }

    /** Working days before a running case's deadline at which it is reminded. */
    static final int REMIND_DAYS = 2;

    private void recompute(Case c) {
        try (Connection con = dataSource.getConnection();
                PreparedStatement q = con.prepareStatement("SELECT CLOCK_FROM, CLOCK_DAYS FROM WF_CASE WHERE CASE_ID = ?")) {
            q.setString(1, c.id());
            try (ResultSet rs = q.executeQuery()) {
                if (rs.next() && rs.getDate(1) != null) {
                    Days.Result r = days.add(rs.getDate(1).toLocalDate(), rs.getInt(2));
                    if (!r.provisional()) {
                        try (PreparedStatement u = con.prepareStatement("UPDATE WF_CASE SET DEADLINE = ?, PROVISIONAL = 0 WHERE CASE_ID = ?")) {
                            u.setDate(1, Date.valueOf(r.date()));
                            u.setString(2, c.id());
                            u.executeUpdate();
                        }
                        LOG.info("Case {}: deadline fixed at {} now that its year's holidays are known (假日安排已知，期限确定)", c.id(), r.date());
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cases unavailable", e);
        }
    }

    private List<Case> query(String where, List<Object> args, int offset, int limit, String order) {
        List<Case> out = new ArrayList<>();
        LocalDate today = today();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM WF_CASE " + where + order
                        + (limit == Integer.MAX_VALUE ? "" : " OFFSET " + offset + " ROWS FETCH NEXT " + limit + " ROWS ONLY"))) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Long closed = rs.getObject(16) == null ? null : rs.getLong(16);
                    boolean paused = closed == null && rs.getDate(10) == null;
                    LocalDate deadline = rs.getDate(12).toLocalDate();
                    boolean overdue = rs.getInt(19) == 1 || closed == null && !paused && today.isAfter(deadline);
                    out.add(new Case(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                            rs.getString(7), rs.getString(8), rs.getDate(9).toLocalDate(), deadline, paused, paused ? rs.getInt(11) : null,
                            rs.getInt(13) == 1, closed != null, overdue, Instant.ofEpochMilli(rs.getLong(14)), Instant.ofEpochMilli(rs.getLong(15)),
                            closed == null ? null : Instant.ofEpochMilli(closed), rs.getString(18)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cases unavailable", e);
        }
        return out;
    }

    private static int nextSeq(Connection con, String id) throws SQLException {
        try (PreparedStatement ps = con.prepareStatement("SELECT MAX(SEQ) FROM WF_EVENT WHERE CASE_ID = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1) + 1;
            }
        }
    }

    private static void event(Connection con, String id, int seq, Instant at, String actor, CaseEvent.Kind kind, String from, String to,
            String note) throws SQLException {
        try (PreparedStatement ps = con.prepareStatement("INSERT INTO WF_EVENT (CASE_ID, SEQ, AT_MS, ACTOR, KIND, FROM_STATE, TO_STATE, NOTE) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, id);
            ps.setInt(2, seq);
            ps.setLong(3, at.toEpochMilli());
            ps.setString(4, actor == null || actor.isBlank() ? "anonymous" : cut(actor, 64));
            ps.setString(5, kind.name());
            setNullable(ps, 6, from);
            ps.setString(7, to);
            setNullable(ps, 8, cut(note, 4000));
            ps.executeUpdate();
        }
    }

    private interface Work {
        void run(Connection c) throws SQLException;
    }

    private void inTransaction(Work work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                work.run(c);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cases unavailable", e);
        }
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

    private static void require(String v, String field) {
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
    }
}
