package org.poyang.platform.workflow.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.poyang.platform.workflow.Case;
import org.poyang.platform.workflow.CaseEvent;
import org.poyang.platform.workflow.CaseQuery;
import org.poyang.platform.workflow.CaseStateException;

/**
 * Deadlines kept and missed (Art. 18, 19, 23: answer "within 10 working days of receipt"): a running case
 * past its deadline is overdue; the sweep reminds the handler once when two working days or fewer are left
 * and flags an overdue case once; a case answered after its deadline stays marked as answered late.
 */
class OverdueTest extends CaseServiceTestBase {

    /** Art. 18: received 2026-09-30, due 10-20: not overdue on 10-20 (even at 23:59), overdue from 10-21 00:01. */
    @Test
    void art18RunningCaseIsOverdueTheDayAfterItsDeadline() {
        Case c = openAt("2026-09-30T10:00");

        at("2026-10-20T23:59");
        assertThat(reload(c).overdue()).isFalse();
        assertThat(service.find(overdueOnly())).isEmpty();

        at("2026-10-21T00:01");
        assertThat(reload(c).overdue()).isTrue();
        assertThat(ids(service.find(overdueOnly()))).containsExactly(c.id());
        assertThat(ids(service.find(new CaseQuery(null, AGENCY, null, null, true, true, 0, 10)))).containsExactly(c.id());
        assertThat(service.find(new CaseQuery(null, "another-agency", null, null, true, true, 0, 10))).isEmpty();
    }

    /**
     * Art. 18: the sweep reminds the handler when two working days or fewer are left after today (on
     * Friday 10-16: Monday 19 and Tuesday 20), not before (Thursday 10-15 leaves three), and only once; it
     * flags the case overdue on 10-21, once; both as the system, without changing the state.
     */
    @Test
    void art18SweepRemindsOnceAndFlagsOverdueOnce() {
        Case c = openAt("2026-09-30T10:00");

        at("2026-10-15T09:00");
        assertThat(service.sweep()).as("three working days left").isEmpty();

        at("2026-10-16T09:00");
        List<Case> reminded = service.sweep();
        assertThat(ids(reminded)).containsExactly(c.id());
        assertThat(kinds(c)).containsExactly(CaseEvent.Kind.OPENED, CaseEvent.Kind.REMINDED);

        at("2026-10-16T10:00");
        assertThat(service.sweep()).as("the same day again").isEmpty();
        at("2026-10-19T09:00");
        assertThat(service.sweep()).as("one day left, already reminded").isEmpty();
        at("2026-10-20T09:00");
        assertThat(service.sweep()).as("on the deadline, already reminded").isEmpty();
        assertThat(kinds(c)).containsExactly(CaseEvent.Kind.OPENED, CaseEvent.Kind.REMINDED);

        at("2026-10-21T09:00");
        List<Case> flagged = service.sweep();
        assertThat(ids(flagged)).containsExactly(c.id());
        assertThat(flagged.get(0).overdue()).isTrue();

        at("2026-10-21T10:00");
        assertThat(service.sweep()).as("the same day again").isEmpty();
        at("2026-10-22T09:00");
        assertThat(service.sweep()).as("the next day").isEmpty();

        List<CaseEvent> history = service.history(c.id());
        assertThat(history).extracting(CaseEvent::kind)
                .containsExactly(CaseEvent.Kind.OPENED, CaseEvent.Kind.REMINDED, CaseEvent.Kind.OVERDUE);
        CaseEvent remind = history.get(1);
        CaseEvent overdue = history.get(2);
        assertThat(remind.actor()).isEqualTo("system");
        assertThat(remind.from()).isEqualTo(SUBMITTED);
        assertThat(remind.to()).isEqualTo(SUBMITTED);
        assertThat(remind.at()).isEqualTo(TestClock.china("2026-10-16T09:00"));
        assertThat(overdue.actor()).isEqualTo("system");
        assertThat(overdue.from()).isEqualTo(SUBMITTED);
        assertThat(overdue.to()).isEqualTo(SUBMITTED);
        assertThat(overdue.at()).isEqualTo(TestClock.china("2026-10-21T09:00"));
        assertThat(reload(c).state()).isEqualTo(SUBMITTED);
    }

    /** A sweep first run after the deadline flags the case overdue exactly once. */
    @Test
    void sweepAfterTheDeadlineFlagsOverdueOnce() {
        Case c = openAt("2026-09-30T10:00");

        at("2026-11-02T09:00");
        assertThat(ids(service.sweep())).containsExactly(c.id());
        assertThat(service.sweep()).isEmpty();
        assertThat(service.history(c.id()).stream().filter(e -> e.kind() == CaseEvent.Kind.OVERDUE)).hasSize(1);
    }

    /**
     * Art. 18: an application approved after its deadline was answered late (overdue stays true after it is
     * closed); one approved on its deadline was answered in time. The answer's day is the China day: 07:00
     * on 10-21 in Nanchang is 10-20 in UTC, but late; 23:30 on 10-20 is in time.
     */
    @Test
    void art18ClosedCaseIsOverdueWhenAnsweredLate() {
        Case late = openAt("2026-09-30T10:00");
        Case inTime = openAt("2026-09-30T11:00");

        at("2026-10-20T23:30");
        Case answeredInTime = move(inTime.id(), SUBMITTED, APPROVED, OFFICER, "同意");
        at("2026-10-21T07:00");
        Case answeredLate = move(late.id(), SUBMITTED, APPROVED, OFFICER, "同意");

        assertThat(answeredInTime.closed()).isTrue();
        assertThat(answeredInTime.closedAt()).isEqualTo(TestClock.china("2026-10-20T23:30"));
        assertThat(answeredInTime.overdue()).isFalse();
        assertThat(answeredLate.closed()).isTrue();
        assertThat(answeredLate.closedAt()).isEqualTo(TestClock.china("2026-10-21T07:00"));
        assertThat(answeredLate.overdue()).isTrue();

        at("2026-12-01T10:00");
        assertThat(reload(inTime).overdue()).as("a month later").isFalse();
        assertThat(reload(late).overdue()).as("a month later").isTrue();
        assertThat(service.sweep()).as("closed cases are neither reminded nor flagged").isEmpty();
        assertThat(kinds(inTime)).containsExactly(CaseEvent.Kind.OPENED, CaseEvent.Kind.MOVED);
    }

    /**
     * CaseQuery.overdueOnly lists "only overdue cases", and a case is overdue when "open, running and past
     * its deadline; or closed after its deadline": without openOnly the list holds the running overdue case
     * and the one answered late, not the one answered in time, the paused one or the one still in time;
     * with openOnly just the running overdue one.
     */
    @Test
    void overdueOnlyListsExactlyTheOverdueCases() {
        Case running = openAt("2026-09-30T10:00");
        Case answeredLate = openAt("2026-09-30T10:01");
        Case answeredInTime = openAt("2026-09-30T10:02");
        Case paused = openAt("2026-09-30T10:03");
        Case notYetDue = openAt("2026-10-12T10:00");
        at("2026-10-12T11:00");
        move(paused.id(), SUBMITTED, AWAITING_MATERIAL, OFFICER, null);
        at("2026-10-20T11:00");
        move(answeredInTime.id(), SUBMITTED, REFUSED, OFFICER, "涉及商业秘密");
        at("2026-10-22T11:00");
        move(answeredLate.id(), SUBMITTED, APPROVED, OFFICER, null);

        at("2026-10-23T10:00");
        List<String> overdue = service.find(new CaseQuery(null, null, null, null, false, true, 0, 100)).stream()
                .map(Case::id).toList();
        List<String> expected = List.of(running.id(), answeredLate.id());
        for (Case c : List.of(running, answeredLate, answeredInTime, paused, notYetDue)) {
            assertThat(reload(c).overdue()).as("get(%s).overdue", c.id()).isEqualTo(expected.contains(c.id()));
        }
        assertThat(ids(service.find(new CaseQuery(null, null, null, null, true, true, 0, 100)))).containsExactly(running.id());
        assertThat(overdue).containsExactlyInAnyOrderElementsOf(expected);
    }

    /**
     * Final states close the case (closed, closedAt) and have no way out: every further step is refused as
     * a state error (not as a missing case), and the case stays as it is.
     */
    @Test
    void finalStatesCloseTheCaseAndCannotBeLeft() {
        Case approved = openAt("2026-09-30T10:00");
        Case refused = openAt("2026-09-30T10:01");
        Case withdrawn = openAt("2026-09-30T10:02");
        at("2026-10-09T10:00");
        move(approved.id(), SUBMITTED, APPROVED, OFFICER, "同意开放");
        move(refused.id(), SUBMITTED, REFUSED, OFFICER, "不予开放");
        move(withdrawn.id(), SUBMITTED, AWAITING_MATERIAL, OFFICER, null);
        move(withdrawn.id(), AWAITING_MATERIAL, WITHDRAWN, APPLICANT, null);

        at("2026-10-12T10:00");
        for (Case c : List.of(approved, refused, withdrawn)) {
            Case now = reload(c);
            assertThat(now.closed()).as("%s closed", now.state()).isTrue();
            assertThat(now.closedAt()).as("%s closedAt", now.state()).isEqualTo(TestClock.china("2026-10-09T10:00"));
            assertThat(now.overdue()).as("%s overdue", now.state()).isFalse();
            for (String to : new String[] {SUBMITTED, AWAITING_MATERIAL, APPROVED, REFUSED, WITHDRAWN}) {
                CaseStateException e = assertRefusedUnchanged(c, () -> move(c.id(), null, to, OFFICER, null));
                assertThat(e.notFound()).as("%s -> %s", now.state(), to).isFalse();
            }
        }
        assertThat(service.find(new CaseQuery(null, null, null, null, true, false, 0, 10))).isEmpty();
    }
}
