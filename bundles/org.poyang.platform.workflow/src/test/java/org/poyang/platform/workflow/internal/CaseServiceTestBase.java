package org.poyang.platform.workflow.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.poyang.platform.workflow.Case;
import org.poyang.platform.workflow.CaseEvent;
import org.poyang.platform.workflow.CaseQuery;
import org.poyang.platform.workflow.CaseStateException;
import org.poyang.platform.workflow.CaseType;
import org.poyang.platform.workflow.NewCase;

/**
 * The case service on a real embedded Derby with the real change log, outside OSGi, over the
 * shipped working-day data (2022 to 2026) and a clock the test sets (starting on Wednesday
 * 2026-09-30, 10:00 China time: the day before the 2026 National Day holiday).
 * <p>
 * 2026 National Day (State Council notice): holidays 2026-10-01 to 10-07; make-up working days
 * Sunday 2026-09-20 and Saturday 2026-10-10.
 */
abstract class CaseServiceTestBase {

    /** The working-day calendar over the shipped holiday data; read once. */
    static final ShippedCalendar CALENDAR = ShippedCalendar.load();

    static final String SUBMITTED = "SUBMITTED";
    static final String AWAITING_MATERIAL = "AWAITING_MATERIAL";
    static final String APPROVED = "APPROVED";
    static final String REFUSED = "REFUSED";
    static final String WITHDRAWN = "WITHDRAWN";

    /**
     * An application for conditional open data (Art. 18) as a module would define it: answered within
     * 10 working days; the handler may ask for material (补正), which pauses the clock; the applicant
     * supplies it (back to SUBMITTED) or withdraws.
     */
    static final CaseType APPLICATION = new CaseType("test.application", SUBMITTED,
            Map.of(SUBMITTED, Set.of(AWAITING_MATERIAL, APPROVED, REFUSED), AWAITING_MATERIAL, Set.of(SUBMITTED, WITHDRAWN)),
            Set.of(AWAITING_MATERIAL), 10);

    /** An objection (Art. 19) with the same states and the same 10 working days, but another type. */
    static final CaseType OBJECTION = new CaseType("test.objection", SUBMITTED,
            Map.of(SUBMITTED, Set.of(AWAITING_MATERIAL, APPROVED, REFUSED), AWAITING_MATERIAL, Set.of(SUBMITTED, WITHDRAWN)),
            Set.of(AWAITING_MATERIAL), 10);

    static final String APPLICANT = "applicant-zhang";
    /** The providing agency (unified social credit code) that must answer. */
    static final String AGENCY = "11360000014500000X";
    static final String OFFICER = "officer-li";

    @TempDir
    Path dir;

    DataSource ds;
    final TestClock clock = new TestClock(TestClock.china("2026-09-30T10:00"));
    JdbcCaseService service;

    /** On PostgreSQL, the test's own schema; null on Derby. */
    private org.poyang.platform.persistence.testing.TestDatabase postgres;

    @BeforeEach
    void startService() throws Exception {
        if (org.poyang.platform.persistence.testing.TestDatabase.onPostgres()) {
            postgres = org.poyang.platform.persistence.testing.TestDatabase.create(dir).migrate(TestDatabase.CHANGELOG);
            ds = postgres.dataSource();
        } else {
            ds = TestDatabase.migrated(dir);
        }
        service = new JdbcCaseService(ds, CALENDAR, clock);
    }

    @AfterEach
    void stopDatabase() throws java.sql.SQLException {
        if (postgres != null) {
            postgres.close();
        } else {
            TestDatabase.shutdown(dir);
        }
    }

    // ------------------------------------------------------------------ helpers

    static LocalDate date(String isoDate) {
        return LocalDate.parse(isoDate);
    }

    /** Sets the clock to a wall-clock time in China Standard Time. */
    void at(String chinaDateTime) {
        clock.setChina(chinaDateTime);
    }

    static NewCase application(String subject, String handler) {
        return new NewCase(subject, null, handler, "360000-RES-0001", "申请开放企业登记信息", "{\"purpose\":\"research\"}");
    }

    /** Opens an application received at the given China time. */
    Case openAt(String chinaDateTime) {
        at(chinaDateTime);
        return service.open(APPLICATION, application(APPLICANT, AGENCY), APPLICANT);
    }

    Case move(String id, String expected, String to, String actor, String note) {
        return service.move(APPLICATION, id, expected, to, actor, note, null);
    }

    Case reload(Case c) {
        return service.get(c.id()).orElseThrow();
    }

    List<CaseEvent.Kind> kinds(Case c) {
        return service.history(c.id()).stream().map(CaseEvent::kind).toList();
    }

    static CaseQuery all(int offset, int limit) {
        return new CaseQuery(null, null, null, null, false, false, offset, limit);
    }

    static CaseQuery overdueOnly() {
        return new CaseQuery(null, null, null, null, false, true, 0, 100);
    }

    static List<String> ids(List<Case> cases) {
        return cases.stream().map(Case::id).toList();
    }

    /**
     * Asserts that {@code step} is refused with a {@link CaseStateException} and leaves the case as it
     * was: same state, same history, same row.
     */
    CaseStateException assertRefusedUnchanged(Case c, ThrowingCallable step) {
        Case before = reload(c);
        int steps = service.history(c.id()).size();
        CaseStateException e = catchThrowableOfType(CaseStateException.class, step);
        assertThat(e).as("the step is refused with a CaseStateException").isNotNull();
        assertThat(e.getMessage()).isNotBlank();
        Case after = reload(c);
        assertThat(after.state()).isEqualTo(before.state());
        assertThat(after).as("the case is unchanged").isEqualTo(before);
        assertThat(service.history(c.id())).as("no step is recorded").hasSize(steps);
        return e;
    }
}
