package org.poyang.platform.workflow.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.poyang.platform.workflow.Case;
import org.poyang.platform.workflow.CaseEvent;

/**
 * The clock while the case waits on the applicant (补正, Art. 18, 19, 23): asking for material pauses the
 * clock with the working days left after that day; the material's arrival resumes it with those days,
 * the day it arrives not being counted (like the day of receipt). While paused a case is never overdue.
 */
class PauseResumeTest extends CaseServiceTestBase {

    /**
     * Art. 18: received 2026-09-30 (due 10-20); on Monday 10-12, with 4 working days used (10-08, 09, the
     * make-up Saturday 10, and 12), the handler asks for material: 6 days are left (13 to 16, 19, 20).
     * The material arrives on Monday 10-26, after the old deadline: due 6 working days later, 11-03.
     */
    @Test
    void art18MaterialRequestPausesTheClockAndItsArrivalResumesIt() {
        Case c = openAt("2026-09-30T10:00");
        assertThat(c.deadline()).isEqualTo(date("2026-10-20"));

        at("2026-10-12T15:00");
        Case paused = move(c.id(), SUBMITTED, AWAITING_MATERIAL, OFFICER, "请补充数据用途说明");
        assertThat(paused.state()).isEqualTo(AWAITING_MATERIAL);
        assertThat(paused.paused()).isTrue();
        assertThat(paused.daysLeft()).isEqualTo(6);
        assertThat(paused.deadline()).as("while paused, the deadline it had when it paused").isEqualTo(date("2026-10-20"));
        assertThat(paused.overdue()).isFalse();
        assertThat(paused.closed()).isFalse();

        // past the old deadline, still waiting on the applicant: never overdue, never flagged, never reminded
        for (String day : new String[] {"2026-10-16T10:00", "2026-10-20T18:00", "2026-10-21T09:00", "2026-10-23T09:00"}) {
            at(day);
            Case now = reload(c);
            assertThat(now.paused()).as("paused on %s", day).isTrue();
            assertThat(now.daysLeft()).as("days left on %s", day).isEqualTo(6);
            assertThat(now.overdue()).as("overdue on %s", day).isFalse();
            assertThat(service.find(overdueOnly())).as("overdue list on %s", day).isEmpty();
            assertThat(service.sweep()).as("sweep on %s", day).isEmpty();
        }
        assertThat(kinds(c)).containsExactly(CaseEvent.Kind.OPENED, CaseEvent.Kind.MOVED);

        at("2026-10-26T09:30");
        Case resumed = move(c.id(), AWAITING_MATERIAL, SUBMITTED, APPLICANT, "已补充用途说明");
        assertThat(resumed.state()).isEqualTo(SUBMITTED);
        assertThat(resumed.paused()).isFalse();
        assertThat(resumed.daysLeft()).isNull();
        assertThat(resumed.deadline()).as("6 working days after 10-26: 27, 28, 29, 30, 11-02, 11-03").isEqualTo(date("2026-11-03"));
        assertThat(resumed.overdue()).isFalse();
        assertThat(resumed.receivedOn()).as("the day of receipt stays").isEqualTo(date("2026-09-30"));

        at("2026-11-03T23:00");
        assertThat(reload(c).overdue()).as("on its new deadline").isFalse();
        at("2026-11-04T09:00");
        assertThat(reload(c).overdue()).as("the day after its new deadline").isTrue();
        assertThat(ids(service.find(overdueOnly()))).containsExactly(c.id());
    }

    /**
     * Art. 18: a request for material on a Sunday (10-11) leaves 7 working days (Oct 8, 9 and the make-up
     * Saturday Oct 10 are used); material arriving on a Saturday (10-24) resumes the clock from that day,
     * the first day counted being Monday 10-26: due 11-03.
     */
    @Test
    void art18PauseAndResumeOnDaysOff() {
        Case c = openAt("2026-09-30T10:00");

        at("2026-10-11T11:00");
        assertThat(move(c.id(), SUBMITTED, AWAITING_MATERIAL, OFFICER, null).daysLeft()).isEqualTo(7);

        at("2026-10-24T11:00");
        assertThat(move(c.id(), AWAITING_MATERIAL, SUBMITTED, APPLICANT, null).deadline()).isEqualTo(date("2026-11-03"));
    }

    /**
     * Art. 18: the clock can pause more than once, each time keeping the days that were left: resumed on
     * 10-26 (due 11-03), paused again on 10-28 with 4 days left (29, 30, 11-02, 11-03), resumed on Monday
     * 11-02: due 11-06.
     */
    @Test
    void art18SecondPauseKeepsTheDaysLeftOfTheFirst() {
        Case c = openAt("2026-09-30T10:00");
        at("2026-10-12T15:00");
        move(c.id(), SUBMITTED, AWAITING_MATERIAL, OFFICER, null);
        at("2026-10-26T09:30");
        move(c.id(), AWAITING_MATERIAL, SUBMITTED, APPLICANT, null);

        at("2026-10-28T10:00");
        Case again = move(c.id(), SUBMITTED, AWAITING_MATERIAL, OFFICER, "材料仍不完整");
        assertThat(again.paused()).isTrue();
        assertThat(again.daysLeft()).isEqualTo(4);
        assertThat(again.deadline()).isEqualTo(date("2026-11-03"));

        at("2026-11-02T10:00");
        Case resumed = move(c.id(), AWAITING_MATERIAL, SUBMITTED, APPLICANT, null);
        assertThat(resumed.paused()).isFalse();
        assertThat(resumed.deadline()).isEqualTo(date("2026-11-06"));
    }

    /**
     * The days of pausing and resuming are China Standard Time days: 07:00 on Monday 10-12 in Nanchang is
     * Sunday in UTC (which would leave 7 days); 07:00 on Monday 10-26 is Sunday in UTC (which would make it
     * due 11-02).
     */
    @Test
    void pauseAndResumeDaysAreDaysInChina() {
        Case c = openAt("2026-09-30T07:00");

        at("2026-10-12T07:00");
        assertThat(move(c.id(), SUBMITTED, AWAITING_MATERIAL, OFFICER, null).daysLeft()).isEqualTo(6);

        at("2026-10-26T07:00");
        assertThat(move(c.id(), AWAITING_MATERIAL, SUBMITTED, APPLICANT, null).deadline()).isEqualTo(date("2026-11-03"));
    }

    /**
     * Art. 18: an applicant who withdraws while the clock is paused has not been answered late, even when
     * the withdrawal comes after the deadline the case had when it paused: the handler's clock was not
     * running. (Case.overdue: "open, running and past its deadline; or closed after its deadline" - the
     * deadline of a paused case is only the one it had when it paused.)
     */
    @Test
    void art18WithdrawalWhilePausedIsNotALateAnswer() {
        Case c = openAt("2026-09-30T10:00");
        at("2026-10-12T15:00");
        move(c.id(), SUBMITTED, AWAITING_MATERIAL, OFFICER, null);

        at("2026-10-28T10:00");
        Case withdrawn = move(c.id(), AWAITING_MATERIAL, WITHDRAWN, APPLICANT, "不再需要");
        assertThat(withdrawn.closed()).isTrue();
        assertThat(withdrawn.closedAt()).isEqualTo(TestClock.china("2026-10-28T10:00"));
        assertThat(withdrawn.overdue()).as("withdrawn while the clock was paused").isFalse();
        assertThat(service.find(overdueOnly())).isEmpty();
    }

    /**
     * Art. 18: a material request made after the deadline does not undo the delay. The case stays overdue
     * while paused, after the material arrives (with no working days left) and once answered.
     */
    @Test
    void art18AMaterialRequestAfterTheDeadlineLeavesTheCaseOverdue() {
        Case c = openAt("2026-09-30T10:00");
        at("2026-10-22T10:00"); // due 2026-10-20
        Case paused = move(c.id(), SUBMITTED, AWAITING_MATERIAL, OFFICER, "请补充材料");
        assertThat(paused.paused()).isTrue();
        assertThat(paused.daysLeft()).isZero();
        assertThat(paused.overdue()).as("asked for material two days late").isTrue();
        assertThat(ids(service.find(overdueOnly()))).containsExactly(c.id());

        at("2026-10-26T10:00");
        Case resumed = move(c.id(), AWAITING_MATERIAL, SUBMITTED, APPLICANT, null);
        assertThat(resumed.deadline()).isEqualTo(date("2026-10-26"));
        assertThat(resumed.overdue()).isTrue();
        at("2026-10-27T10:00");
        assertThat(move(c.id(), SUBMITTED, APPROVED, OFFICER, null).overdue()).as("answered, late").isTrue();
    }
}
