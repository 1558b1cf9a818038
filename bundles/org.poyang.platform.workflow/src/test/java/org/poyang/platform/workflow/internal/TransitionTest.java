package org.poyang.platform.workflow.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.poyang.platform.workflow.Case;
import org.poyang.platform.workflow.CaseEvent;
import org.poyang.platform.workflow.CaseStateException;

/**
 * The state machine of an application (Art. 18): only the steps of its type, only from the state the
 * caller saw, only on a case that exists and is of that type; every step refused leaves the case as it
 * was, and every step taken is in the history in order.
 */
class TransitionTest extends CaseServiceTestBase {

    /** A step the type does not have (SUBMITTED -> WITHDRAWN, or to a state it does not know) is refused. */
    @Test
    void stepsTheTypeDoesNotHaveAreRefused() {
        Case c = openAt("2026-09-30T10:00");
        at("2026-10-08T10:00");

        assertThat(assertRefusedUnchanged(c, () -> move(c.id(), SUBMITTED, WITHDRAWN, APPLICANT, null)).notFound()).isFalse();
        assertThat(assertRefusedUnchanged(c, () -> move(c.id(), null, WITHDRAWN, APPLICANT, null)).notFound()).isFalse();
        assertThat(assertRefusedUnchanged(c, () -> move(c.id(), SUBMITTED, SUBMITTED, OFFICER, null)).notFound()).isFalse();
        assertThat(assertRefusedUnchanged(c, () -> move(c.id(), SUBMITTED, "ARCHIVED", OFFICER, null)).notFound()).isFalse();
        assertThat(reload(c).updatedAt()).isEqualTo(TestClock.china("2026-09-30T10:00"));
    }

    /**
     * A step from a state the case is no longer in is refused even when the step exists from the state it
     * is in (the caller saw SUBMITTED; it now awaits material, from which WITHDRAWN would be allowed).
     */
    @Test
    void stepFromAStateTheCaseIsNotInIsRefused() {
        Case c = openAt("2026-09-30T10:00");
        at("2026-10-08T10:00");
        assertRefusedUnchanged(c, () -> move(c.id(), AWAITING_MATERIAL, SUBMITTED, APPLICANT, null));
        move(c.id(), SUBMITTED, AWAITING_MATERIAL, OFFICER, null);

        CaseStateException e = assertRefusedUnchanged(c, () -> move(c.id(), SUBMITTED, WITHDRAWN, APPLICANT, null));
        assertThat(e.notFound()).isFalse();
        assertThat(reload(c).state()).isEqualTo(AWAITING_MATERIAL);

        assertThat(move(c.id(), null, WITHDRAWN, APPLICANT, null).state()).as("expected null accepts any state").isEqualTo(WITHDRAWN);
    }

    /** A case that does not exist: refused as not found; get and history have nothing. */
    @Test
    void unknownCaseIsNotFound() {
        Case other = openAt("2026-09-30T10:00");
        CaseStateException e = assertRefusedUnchanged(other,
                () -> move("case_00000000000000000000", SUBMITTED, APPROVED, OFFICER, null));
        assertThat(e.notFound()).isTrue();
        assertThat(service.get("case_00000000000000000000")).isEmpty();
        assertThat(service.history("case_00000000000000000000")).isEmpty();
    }

    /** A case moved with another type's definition (an objection's, Art. 19) is refused and unchanged. */
    @Test
    void caseOfAnotherTypeIsRefused() {
        Case c = openAt("2026-09-30T10:00");
        at("2026-10-08T10:00");

        assertRefusedUnchanged(c, () -> service.move(OBJECTION, c.id(), SUBMITTED, APPROVED, OFFICER, null, null));
        assertRefusedUnchanged(c, () -> service.move(OBJECTION, c.id(), null, AWAITING_MATERIAL, OFFICER, null, null));
        assertThat(reload(c).state()).isEqualTo(SUBMITTED);
    }

    /**
     * Every step in order, from 1: OPENED first (by the applicant, into SUBMITTED), then each move with its
     * actor, from, to, the time it was taken and the note given.
     */
    @Test
    void historyHoldsEveryStepInOrder() {
        Case c = openAt("2026-09-30T10:00");
        at("2026-10-12T15:00");
        move(c.id(), SUBMITTED, AWAITING_MATERIAL, OFFICER, "请补充数据用途说明");
        at("2026-10-26T09:30");
        move(c.id(), AWAITING_MATERIAL, SUBMITTED, APPLICANT, "已补充用途说明");
        at("2026-10-30T16:00");
        Case answered = move(c.id(), SUBMITTED, APPROVED, OFFICER, "同意有条件开放，限科研用途");

        List<CaseEvent> h = service.history(c.id());
        assertThat(h).extracting(CaseEvent::seq).containsExactly(1, 2, 3, 4);
        assertThat(h).extracting(CaseEvent::kind)
                .containsExactly(CaseEvent.Kind.OPENED, CaseEvent.Kind.MOVED, CaseEvent.Kind.MOVED, CaseEvent.Kind.MOVED);
        assertThat(h).extracting(CaseEvent::actor).containsExactly(APPLICANT, OFFICER, APPLICANT, OFFICER);
        assertThat(h).extracting(CaseEvent::from).containsExactly(null, SUBMITTED, AWAITING_MATERIAL, SUBMITTED);
        assertThat(h).extracting(CaseEvent::to).containsExactly(SUBMITTED, AWAITING_MATERIAL, SUBMITTED, APPROVED);
        assertThat(h).extracting(CaseEvent::at).containsExactly(TestClock.china("2026-09-30T10:00"), TestClock.china("2026-10-12T15:00"),
                TestClock.china("2026-10-26T09:30"), TestClock.china("2026-10-30T16:00"));
        // the service may add the clock's news to a pause or resume; the note given is kept
        assertThat(h.get(1).note()).contains("请补充数据用途说明");
        assertThat(h.get(2).note()).contains("已补充用途说明");
        assertThat(h.get(3).note()).isEqualTo("同意有条件开放，限科研用途");

        assertThat(answered.updatedAt()).isEqualTo(TestClock.china("2026-10-30T16:00"));
        assertThat(answered.openedAt()).isEqualTo(TestClock.china("2026-09-30T10:00"));
    }

    /** A step keeps the case's content unless it gives new content. */
    @Test
    void stepKeepsOrReplacesTheContent() {
        Case c = openAt("2026-09-30T10:00");
        at("2026-10-08T10:00");
        assertThat(service.move(APPLICATION, c.id(), SUBMITTED, AWAITING_MATERIAL, OFFICER, null, null).data())
                .isEqualTo("{\"purpose\":\"research\"}");
        assertThat(service.move(APPLICATION, c.id(), AWAITING_MATERIAL, SUBMITTED, APPLICANT, null, "{\"purpose\":\"research\",\"plan\":\"v2\"}")
                .data()).isEqualTo("{\"purpose\":\"research\",\"plan\":\"v2\"}");
    }
}
