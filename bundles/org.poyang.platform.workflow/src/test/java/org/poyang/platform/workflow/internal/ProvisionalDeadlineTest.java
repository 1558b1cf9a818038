package org.poyang.platform.workflow.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.poyang.platform.calendar.UnknownYearException;
import org.poyang.platform.workflow.Case;

/**
 * Deadlines that reach into a year whose State Council holiday notice is not loaded yet (published each
 * November): a case received in late December still gets its deadline under Art. 18, 19, 23, counted
 * Monday to Friday for the unknown days and marked provisional; once the notice is loaded the sweep
 * recomputes it and it is final.
 * <p>
 * The 2027 notice used here is made up for the test: only 2027-01-01 (Friday) as a holiday.
 */
class ProvisionalDeadlineTest extends CaseServiceTestBase {

    /** The calendar before the 2027 notice: only 2026 is known. */
    static final ShippedCalendar ONLY_2026 = CALENDAR.onlyYears(2026);
    /** The calendar once the (made-up) 2027 notice is loaded. */
    static final ShippedCalendar WITH_2027 = ONLY_2026.withYear(2027, List.of(date("2027-01-01")), List.of());

    JdbcCaseService before2027Notice;
    JdbcCaseService after2027Notice;

    @BeforeEach
    void twoServicesOverOneDatabase() {
        before2027Notice = new JdbcCaseService(ds, ONLY_2026, clock);
        after2027Notice = new JdbcCaseService(ds, WITH_2027, clock);
    }

    /** The test calendars themselves: 2027 unknown before the notice, 2027-01-01 a holiday after it. */
    @Test
    void testCalendarsKnowWhatTheyShould() {
        assertThatThrownBy(() -> ONLY_2026.isWorkingDay(date("2027-01-04"))).isInstanceOf(UnknownYearException.class);
        assertThatThrownBy(() -> ONLY_2026.addWorkingDays(date("2026-12-28"), 10)).isInstanceOf(UnknownYearException.class);
        assertThatThrownBy(() -> ONLY_2026.isWorkingDay(date("2025-12-31"))).isInstanceOf(UnknownYearException.class);
        assertThat(ONLY_2026.isWorkingDay(date("2026-10-10"))).as("make-up Saturday").isTrue();
        assertThat(WITH_2027.isWorkingDay(date("2027-01-01"))).isFalse();
        assertThat(WITH_2027.addWorkingDays(date("2026-12-28"), 10)).isEqualTo(date("2027-01-12"));
        assertThat(WITH_2027.knownYears()).containsExactly(2026, 2027);
    }

    /**
     * Art. 18: received Monday 2026-12-28 before the 2027 notice: Dec 29, 30, 31, then Friday 2027-01-01
     * assumed a working day, Jan 4 to 8 and 11: due 2027-01-11, provisional. Once the notice makes Jan 1 a
     * holiday, the sweep fixes it at 2027-01-12, no longer provisional; later sweeps leave it.
     */
    @Test
    void art18DecemberReceiptGetsProvisionalDeadlineFixedOnceTheYearIsKnown() {
        at("2026-12-28T10:00");
        Case c = before2027Notice.open(APPLICATION, application(APPLICANT, AGENCY), APPLICANT);
        assertThat(c.deadline()).isEqualTo(date("2027-01-11"));
        assertThat(c.provisional()).isTrue();

        at("2026-12-29T10:00");
        before2027Notice.sweep();
        assertThat(before2027Notice.get(c.id()).orElseThrow()).as("still unknown: unchanged")
                .extracting(Case::deadline, Case::provisional).containsExactly(date("2027-01-11"), true);

        after2027Notice.sweep();
        Case fixed = after2027Notice.get(c.id()).orElseThrow();
        assertThat(fixed.deadline()).isEqualTo(date("2027-01-12"));
        assertThat(fixed.provisional()).isFalse();
        assertThat(fixed.state()).isEqualTo(SUBMITTED);
        assertThat(fixed.receivedOn()).isEqualTo(date("2026-12-28"));

        after2027Notice.sweep();
        assertThat(after2027Notice.get(c.id()).orElseThrow()).extracting(Case::deadline, Case::provisional)
                .containsExactly(date("2027-01-12"), false);

        at("2027-01-12T18:00");
        assertThat(after2027Notice.get(c.id()).orElseThrow().overdue()).as("on the fixed deadline").isFalse();
    }

    /** A December case whose ten days all fall in the known year is not provisional (12-01: due 12-15). */
    @Test
    void deadlineWithinTheKnownYearIsNotProvisional() {
        at("2026-12-01T10:00");
        Case c = before2027Notice.open(APPLICATION, application(APPLICANT, AGENCY), APPLICANT);
        assertThat(c.deadline()).isEqualTo(date("2026-12-15"));
        assertThat(c.provisional()).isFalse();
    }

    /**
     * Art. 18: a case paused before the notice keeps the days left counted on the assumption (on 12-30: 8
     * left); resumed on Monday 2027-01-04 after the notice, it is due 8 working days later, 01-14, final;
     * resumed before the notice it is due the same day, provisionally.
     */
    @Test
    void art18ResumeAfterTheNoticeGivesAFinalDeadline() {
        at("2026-12-28T10:00");
        Case first = before2027Notice.open(APPLICATION, application(APPLICANT, AGENCY), APPLICANT);
        Case second = before2027Notice.open(APPLICATION, application(APPLICANT, AGENCY), APPLICANT);
        at("2026-12-30T10:00");
        assertThat(before2027Notice.move(APPLICATION, first.id(), SUBMITTED, AWAITING_MATERIAL, OFFICER, null, null).daysLeft()).isEqualTo(8);
        assertThat(before2027Notice.move(APPLICATION, second.id(), SUBMITTED, AWAITING_MATERIAL, OFFICER, null, null).daysLeft()).isEqualTo(8);

        at("2027-01-04T10:00");
        Case resumedAfter = after2027Notice.move(APPLICATION, first.id(), AWAITING_MATERIAL, SUBMITTED, APPLICANT, null, null);
        assertThat(resumedAfter.deadline()).isEqualTo(date("2027-01-14"));
        assertThat(resumedAfter.provisional()).isFalse();

        Case resumedBefore = before2027Notice.move(APPLICATION, second.id(), AWAITING_MATERIAL, SUBMITTED, APPLICANT, null, null);
        assertThat(resumedBefore.deadline()).isEqualTo(date("2027-01-14"));
        assertThat(resumedBefore.provisional()).isTrue();
        after2027Notice.sweep();
        assertThat(after2027Notice.get(second.id()).orElseThrow().provisional()).isFalse();
    }

    /**
     * Art. 18: the days left when the clock pauses are the statutory 10 less the working days used, whether
     * or not a sweep has fixed the provisional deadline yet. Received 12-28 (provisionally due 01-11), the
     * 2027 notice loaded, paused on 12-30 before any sweep: 2 days used (29, 30), 8 left; resumed on
     * 2027-01-04: due 01-14.
     */
    @Test
    void art18PauseRightAfterTheNoticeCountsTheDaysActuallyLeft() {
        at("2026-12-28T10:00");
        Case c = before2027Notice.open(APPLICATION, application(APPLICANT, AGENCY), APPLICANT);

        at("2026-12-30T10:00");
        Case paused = after2027Notice.move(APPLICATION, c.id(), SUBMITTED, AWAITING_MATERIAL, OFFICER, null, null);
        assertThat(paused.daysLeft()).as("10 working days less Dec 29 and 30").isEqualTo(8);

        at("2027-01-04T10:00");
        assertThat(after2027Notice.move(APPLICATION, c.id(), AWAITING_MATERIAL, SUBMITTED, APPLICANT, null, null).deadline())
                .isEqualTo(date("2027-01-14"));
    }
}
