package org.poyang.platform.workflow.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.poyang.platform.workflow.Case;
import org.poyang.platform.workflow.CaseQuery;
import org.poyang.platform.workflow.NewCase;

/**
 * Lists of cases for handlers (the providing agency's work list under Art. 18, 19, 23) and applicants:
 * filters by handler, subject, type and resource, open cases oldest deadline first, all cases newest
 * first, in pages.
 */
class FindTest extends CaseServiceTestBase {

    static final String AGENCY_A = "11360000014500000X";
    static final String AGENCY_B = "113600000145000018";

    Case c1;
    Case c2;
    Case c3;
    Case c4;
    Case c5;

    /**
     * Five cases received on successive days in September 2026:
     * <pre>
     *      type          subject  handler   resource  received  due    state
     *  c1  application   alice    AGENCY_A  R1        09-01     09-15  open
     *  c2  application   bob      AGENCY_A  R2        09-02     09-16  open
     *  c3  objection     alice    AGENCY_B  R1        09-03     09-17  open
     *  c4  application   carol    AGENCY_B  -         09-04     09-18  approved 09-07
     *  c5  application   alice    AGENCY_A  -         09-07     09-20  open (09-20 is a make-up Sunday)
     * </pre>
     */
    @BeforeEach
    void fiveCases() {
        at("2026-09-01T10:00");
        c1 = service.open(APPLICATION, new NewCase("alice", null, AGENCY_A, "R1", "申请一", null), "alice");
        at("2026-09-02T10:00");
        c2 = service.open(APPLICATION, new NewCase("bob", "91360100MA35XXXX0A", AGENCY_A, "R2", "申请二", null), "bob");
        at("2026-09-03T10:00");
        c3 = service.open(OBJECTION, new NewCase("alice", null, AGENCY_B, "R1", "异议一", null), "alice");
        at("2026-09-04T10:00");
        c4 = service.open(APPLICATION, new NewCase("carol", null, AGENCY_B, null, "申请三", null), "carol");
        at("2026-09-07T10:00");
        c5 = service.open(APPLICATION, new NewCase("alice", null, AGENCY_A, null, "申请四", null), "alice");
        move(c4.id(), SUBMITTED, APPROVED, OFFICER, null);
        at("2026-09-08T10:00");
        assertThat(c5.deadline()).isEqualTo(date("2026-09-20"));
        assertThat(c1.deadline()).isEqualTo(date("2026-09-15"));
    }

    static CaseQuery query(String type, String handler, String subject, String resource, boolean openOnly) {
        return new CaseQuery(type, handler, subject, resource, openOnly, false, 0, 100);
    }

    /** Without filters: every case, newest first; open only: oldest deadline first. */
    @Test
    void everyCaseNewestFirstAndOpenOnesByDeadline() {
        assertThat(ids(service.find(query(null, null, null, null, false)))).containsExactly(c5.id(), c4.id(), c3.id(), c2.id(), c1.id());
        assertThat(ids(service.find(query(null, null, null, null, true)))).containsExactly(c1.id(), c2.id(), c3.id(), c5.id());
    }

    /** A handler's work list: only the cases it must answer. */
    @Test
    void filtersByHandler() {
        assertThat(ids(service.find(query(null, AGENCY_A, null, null, false)))).containsExactly(c5.id(), c2.id(), c1.id());
        assertThat(ids(service.find(query(null, AGENCY_A, null, null, true)))).containsExactly(c1.id(), c2.id(), c5.id());
        assertThat(ids(service.find(query(null, AGENCY_B, null, null, false)))).containsExactly(c4.id(), c3.id());
        assertThat(ids(service.find(query(null, AGENCY_B, null, null, true)))).containsExactly(c3.id());
        assertThat(service.find(query(null, "nobody", null, null, false))).isEmpty();
    }

    /** An applicant's own cases. */
    @Test
    void filtersBySubject() {
        assertThat(ids(service.find(query(null, null, "alice", null, false)))).containsExactly(c5.id(), c3.id(), c1.id());
        assertThat(ids(service.find(query(null, null, "carol", null, true)))).isEmpty();
        assertThat(ids(service.find(query(null, null, "carol", null, false)))).containsExactly(c4.id());
    }

    /** By case type and by resource, alone and combined with the other filters. */
    @Test
    void filtersByTypeAndResourceAndCombinations() {
        assertThat(ids(service.find(query("test.objection", null, null, null, false)))).containsExactly(c3.id());
        assertThat(ids(service.find(query("test.application", null, null, null, false)))).containsExactly(c5.id(), c4.id(), c2.id(), c1.id());
        assertThat(ids(service.find(query(null, null, null, "R1", false)))).containsExactly(c3.id(), c1.id());
        assertThat(ids(service.find(query("test.application", AGENCY_A, "alice", null, false)))).containsExactly(c5.id(), c1.id());
        assertThat(ids(service.find(query("test.application", AGENCY_A, "alice", "R1", true)))).containsExactly(c1.id());
        assertThat(service.find(query("test.objection", AGENCY_A, null, null, false))).isEmpty();
    }

    /** Pages: offset cases skipped, at most limit returned, in the list's order. */
    @Test
    void pagesWithOffsetAndLimit() {
        assertThat(ids(service.find(all(0, 2)))).containsExactly(c5.id(), c4.id());
        assertThat(ids(service.find(all(1, 2)))).containsExactly(c4.id(), c3.id());
        assertThat(ids(service.find(all(4, 10)))).containsExactly(c1.id());
        assertThat(service.find(all(5, 10))).isEmpty();
        assertThat(ids(service.find(new CaseQuery(null, null, null, null, true, false, 2, 2)))).containsExactly(c3.id(), c5.id());
        assertThat(ids(service.find(new CaseQuery(null, AGENCY_A, null, null, false, false, 1, 1)))).containsExactly(c2.id());
    }

    /** Found cases are the same as get() answers. */
    @Test
    void foundCasesAreComplete() {
        Case found = service.find(query(null, null, "bob", null, false)).get(0);
        assertThat(found).isEqualTo(reload(c2));
        assertThat(found.subjectAgency()).isEqualTo("91360100MA35XXXX0A");
        assertThat(found.resource()).isEqualTo("R2");
        assertThat(found.deadline()).isEqualTo(date("2026-09-16"));
    }

    /** A query needs offset >= 0 and limit >= 1. */
    @Test
    void queryBoundsAreChecked() {
        assertThatThrownBy(() -> all(-1, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> all(0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
