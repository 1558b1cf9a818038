package org.poyang.platform.workflow.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.poyang.platform.workflow.Case;
import org.poyang.platform.workflow.CaseType;

/**
 * The answer deadline of a new case: applications for conditional open data (Art. 18), objections
 * (Art. 19) and sharing requests (Art. 23) are answered "within 10 working days of receipt"; the day of
 * receipt is not counted, public holidays are not working days and make-up working days (调休) are.
 */
class DeadlineTest extends CaseServiceTestBase {

    /**
     * Art. 18, 19, 23: received Wednesday 2026-09-30, the day before National Day; Oct 1 to 7 are
     * holidays, Oct 8, 9 and the make-up Saturday Oct 10 count, then Oct 12 to 16 and 19, 20.
     */
    @Test
    void receiptBeforeNationalDayIsDueOnTwentiethOfOctober() {
        Case c = openAt("2026-09-30T10:00");

        assertThat(c.receivedOn()).isEqualTo(date("2026-09-30"));
        assertThat(c.deadline()).isEqualTo(date("2026-10-20"));
        assertThat(c.state()).isEqualTo(SUBMITTED);
        assertThat(c.type()).isEqualTo("test.application");
        assertThat(c.id()).startsWith("case_");
        assertThat(c.paused()).isFalse();
        assertThat(c.daysLeft()).isNull();
        assertThat(c.provisional()).isFalse();
        assertThat(c.closed()).isFalse();
        assertThat(c.closedAt()).isNull();
        assertThat(c.overdue()).isFalse();
        assertThat(c.openedAt()).isEqualTo(TestClock.china("2026-09-30T10:00"));
        assertThat(c.updatedAt()).isEqualTo(c.openedAt());
        assertThat(reload(c)).as("get() answers what open() returned").isEqualTo(c);
    }

    /**
     * Art. 18, 19, 23: the receipt day is not counted and neither are weekends, holidays or the receipt
     * day when it is itself a holiday or a make-up working day.
     */
    @ParameterizedTest(name = "received {0} ({1}): due {2}")
    @CsvSource({
            // an ordinary Friday: the weekend after it does not count; two full weeks
            "2026-03-06, Friday before an ordinary weekend, 2026-03-20",
            // Friday 2026-02-13 before Spring Festival: make-up Saturday 02-14 counts, 02-15..23 are holidays,
            // 02-24..27 count, make-up Saturday 02-28 counts, then 03-02..05
            "2026-02-13, Friday before Spring Festival, 2026-03-05",
            // received during the holiday: the first working day counted is Thursday Oct 8
            "2026-10-01, National Day, 2026-10-20",
            "2026-10-03, a Saturday in the National Day holiday, 2026-10-20",
            "2026-10-07, last day of the National Day holiday, 2026-10-20",
            // received on the make-up Saturday itself: a working day, but the day of receipt is never counted
            "2026-10-10, make-up Saturday, 2026-10-23",
            // Friday 2026-09-18: make-up Sunday 09-20 counts, 09-25..27 (Mid-Autumn) and 10-01..07 do not
            "2026-09-18, Friday before the make-up Sunday 09-20, 2026-10-09",
    })
    void tenWorkingDaysAfterReceipt(String received, String what, String due) {
        Case c = openAt(received + "T10:00");

        assertThat(c.receivedOn()).isEqualTo(date(received));
        assertThat(c.deadline()).as("due date for receipt on %s (%s)", received, what).isEqualTo(date(due));
    }

    /**
     * The period is the case type's: a type with 1 or 3 working days counts the same way (received
     * 2026-09-30: 1 working day ends Oct 8; 3 end on the make-up Saturday Oct 10, a working day).
     */
    @Test
    void thePeriodIsTheCaseTypes() {
        CaseType oneDay = new CaseType("test.one", SUBMITTED, Map.of(SUBMITTED, Set.of(APPROVED)), Set.of(), 1);
        CaseType threeDays = new CaseType("test.three", SUBMITTED, Map.of(SUBMITTED, Set.of(APPROVED)), Set.of(), 3);
        at("2026-09-30T10:00");

        assertThat(service.open(oneDay, application(APPLICANT, AGENCY), APPLICANT).deadline()).isEqualTo(date("2026-10-08"));
        assertThat(service.open(threeDays, application(APPLICANT, AGENCY), APPLICANT).deadline()).isEqualTo(date("2026-10-10"));
    }

    /**
     * Days are days in China Standard Time: 07:00 on Friday 2026-03-06 in Nanchang is still Thursday in
     * UTC, but the case is received on Friday (due 03-20, not 03-19); 23:30 on Wednesday 2026-09-30 is
     * still Wednesday.
     */
    @Test
    void theDayOfReceiptIsTheDayInChina() {
        Case early = openAt("2026-03-06T07:00");
        assertThat(service.today()).isEqualTo(date("2026-03-06"));
        assertThat(early.receivedOn()).isEqualTo(date("2026-03-06"));
        assertThat(early.deadline()).isEqualTo(date("2026-03-20"));

        Case late = openAt("2026-09-30T23:30");
        assertThat(late.receivedOn()).isEqualTo(date("2026-09-30"));
        assertThat(late.deadline()).isEqualTo(date("2026-10-20"));
    }

    /** The case keeps what was submitted. */
    @Test
    void theCaseKeepsWhatWasSubmitted() {
        Case c = openAt("2026-09-30T10:00");

        assertThat(c.subject()).isEqualTo(APPLICANT);
        assertThat(c.subjectAgency()).isNull();
        assertThat(c.handler()).isEqualTo(AGENCY);
        assertThat(c.resource()).isEqualTo("360000-RES-0001");
        assertThat(c.title()).isEqualTo("申请开放企业登记信息");
        assertThat(c.data()).isEqualTo("{\"purpose\":\"research\"}");
    }
}
