package org.poyang.open.impl.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Art. 19, 41: an objection is seen by its objector, the providing agency, the management department
 * and supervisors, and handled only by the providing agency's data officers; received 2026-09-30, it is
 * due 2026-10-20 and overdue from 10-21, for the provider and for supervisors watching every agency.
 */
class ObjectionAuthorisationTest extends ObjectionTestBase {

    @Test
    void onlyTheProvidersOfficersHandleAndOnlyThoseConcernedSee() {
        Fixture f = fresh("A");
        String citizen = p.people.citizen("objecta");
        String other = p.people.citizen("nosya");
        String clerkA = p.people.clerk(p.agencyA);
        String supervisor = p.people.supervisor();
        String id = file(citizen, objection(f.code(), "R02", "PERSONAL_INFORMATION", "DELETE", null)).path("id").asText();
        String path = "/api/open/objections/" + id;
        JsonNode before = objectionHistory(id, citizen);

        // who sees it
        for (String token : List.of(citizen, p.officerA, clerkA, p.reviewer, supervisor)) {
            assertThat(Http.json(http.get(path, token), 200).path("id").asText()).isEqualTo(id);
            assertThat(Http.json(http.get(path + "/history", token), 200)).isEqualTo(before);
        }
        for (String token : List.of(p.officerB, other)) {
            Http.problem(http.get(path, token), 403, "forbidden");
            Http.problem(http.get(path + "/history", token), 403, "forbidden");
        }
        Http.problem(http.get(path, null), 401, "unauthorized");
        assertThat(myObjections(other)).isEmpty();

        // whose lists show it
        assertThat(ids(listObjections("agency=" + p.agencyA + "&state=open", p.officerA))).contains(id);
        assertThat(ids(listObjections("agency=" + p.agencyA + "&state=open", clerkA))).contains(id);
        assertThat(ids(listObjections("agency=" + p.agencyA + "&state=open", supervisor))).contains(id);
        assertThat(ids(listObjections("agency=*&state=open", supervisor))).contains(id);
        assertThat(ids(listObjections("agency=*", p.reviewer))).contains(id);
        assertThat(ids(listObjections("agency=" + p.agencyB, p.officerB))).doesNotContain(id);
        Http.problem(http.get("/api/open/objections?agency=" + p.agencyA, p.officerB), 403, "forbidden");
        Http.problem(http.get("/api/open/objections?agency=*", p.officerB), 403, "forbidden");
        Http.problem(http.get("/api/open/objections?agency=*", p.officerA), 403, "forbidden");
        Http.problem(http.get("/api/open/objections?agency=" + p.agencyA, citizen), 403, "forbidden");
        Http.problem(http.get("/api/open/objections?agency=" + p.agencyA, null), 401, "unauthorized");

        // who handles it: nobody but the provider's data officers
        for (String token : List.of(p.officerB, citizen, other, clerkA, p.reviewer, supervisor)) {
            Http.problem(http.post(path + "/resolution", resolution("UPHELD", "维持", null), token), 403, "forbidden");
            Http.problem(http.post(path + "/resolution", resolution("DELETED", "删除", null), token), 403, "forbidden");
        }
        Http.problem(http.post(path + "/resolution", resolution("UPHELD", "维持", null), null), 401, "unauthorized");
        JsonNode still = objectionAs(id, citizen);
        assertThat(still.path("state").asText()).isEqualTo("SUBMITTED");
        assertThat(still.path("takenDown").asBoolean()).isTrue();
        assertThat(objectionHistory(id, citizen)).isEqualTo(before);
        assertThat(filteredTotal(f, "R02")).isZero();
        assertThat(recordHistory(f, "R02").size()).isEqualTo(1);

        // an answer without text is refused and changes nothing
        Http.problem(http.post(path + "/resolution", resolution("UPHELD", " ", null), p.officerA), 422, "validation-failed");
        assertThat(objectionAs(id, citizen).path("state").asText()).isEqualTo("SUBMITTED");

        // the last day of the period: not overdue yet
        clockAt(LocalDate.of(2026, 10, 20), LocalTime.of(17, 0));
        cases.sweep();
        assertThat(objectionAs(id, citizen).path("overdue").asBoolean()).isFalse();
        assertThat(ids(listObjections("agency=" + p.agencyA + "&overdue=true", p.officerA))).doesNotContain(id);

        // the next day: overdue for the provider and for supervisors watching every agency
        clockAt(LocalDate.of(2026, 10, 21), LocalTime.of(9, 0));
        cases.sweep();
        assertThat(objectionAs(id, citizen).path("overdue").asBoolean()).isTrue();
        assertThat(byId(listObjections("agency=" + p.agencyA + "&overdue=true", p.officerA), id).path("overdue").asBoolean()).isTrue();
        List<JsonNode> everywhere = listObjections("agency=*&overdue=true", supervisor);
        assertThat(byId(everywhere, id).path("provider").asText()).isEqualTo(p.agencyA);
        assertThat(everywhere).allSatisfy(x -> assertThat(x.path("overdue").asBoolean()).as(x.toString()).isTrue());
        assertThat(OverdueApplicationTest.kinds(objectionHistory(id, citizen))).containsExactly("OPENED", "REMINDED", "OVERDUE");

        // handled late: accepted, and it stays overdue; the record comes back
        JsonNode late = Http.json(http.post(path + "/resolution", resolution("UPHELD", "经核实，该记录不含个人信息，予以维持", null), p.officerA), 200);
        assertThat(late.path("state").asText()).isEqualTo("UPHELD");
        assertThat(late.path("overdue").asBoolean()).isTrue();
        assertThat(byId(listObjections("agency=" + p.agencyA + "&overdue=true", p.officerA), id).path("state").asText()).isEqualTo("UPHELD");
        assertThat(filteredTotal(f, "R02")).isEqualTo(1);
    }
}
