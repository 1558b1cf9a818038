package org.poyang.open.impl.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Art. 18, 41: an application is seen by its applicant, the providing agency, the management
 * department and supervisors, and answered only by the providing agency's data officers; the
 * applicant alone supplies material or withdraws. Refused steps change nothing.
 */
class ApplicationAuthorisationTest extends OpenTestBase {

    @Test
    void onlyTheProvidersOfficersAnswerAndOnlyThoseConcernedSee() {
        String citizen = p.people.citizen("owner");
        String other = p.people.citizen("nosy");
        String clerkA = p.people.clerk(p.agencyA);
        String supervisor = p.people.supervisor();
        String id = apply(citizen, form(p.conditional, List.of(p.name, p.industry), "OPEN_API")).path("id").asText();
        String path = "/api/open/applications/" + id;
        JsonNode before = history(id, citizen);

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
        Http.problem(http.get(path + "/history", null), 401, "unauthorized");
        assertThat(mine(other)).isEmpty();

        // whose lists show it: the provider's, not another agency's (nor may that agency look at the provider's or all)
        assertThat(ids(listAll("agency=" + p.agencyA + "&state=open", clerkA))).contains(id);
        assertThat(ids(listAll("agency=" + p.agencyA + "&state=open", supervisor))).contains(id);
        assertThat(ids(listAll("agency=*&state=open", p.reviewer))).contains(id);
        assertThat(ids(listAll("agency=" + p.agencyB + "&state=open", p.officerB))).doesNotContain(id);
        Http.problem(http.get("/api/open/applications?agency=" + p.agencyA + "&state=open", p.officerB), 403, "forbidden");
        Http.problem(http.get("/api/open/applications?agency=*&state=open", p.officerB), 403, "forbidden");
        Http.problem(http.get("/api/open/applications?agency=*&state=open", p.officerA), 403, "forbidden");
        Http.problem(http.get("/api/open/applications?agency=" + p.agencyA + "&state=open", citizen), 403, "forbidden");
        Http.problem(http.get("/api/open/applications?agency=" + p.agencyA + "&state=open", null), 401, "unauthorized");

        // who answers it: nobody but the provider's data officers
        for (String token : List.of(p.officerB, citizen, other, clerkA, p.reviewer, supervisor)) {
            Http.problem(http.post(path + "/approval", approval(null, "2027-06-30").toString(), token), 403, "forbidden");
            Http.problem(http.post(path + "/refusal", note("不予提供"), token), 403, "forbidden");
            Http.problem(http.post(path + "/material-request", note("请补充材料"), token), 403, "forbidden");
        }
        Http.problem(http.post(path + "/approval", approval(null, "2027-06-30").toString(), null), 401, "unauthorized");
        Http.problem(http.post(path + "/refusal", note("不予提供"), null), 401, "unauthorized");

        // material nobody asked for is not taken; paging out of bounds is refused
        Http.problem(http.post(path + "/material", note("主动补充的材料"), citizen), 409, "application-state");
        Http.problem(http.get("/api/open/applications?agency=" + p.agencyA + "&state=open&limit=0", p.officerA), 422, "validation-failed");
        Http.problem(http.get("/api/open/applications?agency=" + p.agencyA + "&state=open&limit=501", p.officerA), 422, "validation-failed");

        // only the applicant supplies material or withdraws
        Http.json(http.post(path + "/material-request", note("请补充课题说明"), p.officerA), 200);
        for (String token : List.of(other, p.officerA, p.officerB, p.reviewer)) {
            Http.problem(http.post(path + "/material", note("材料"), token), 403, "forbidden");
            Http.problem(http.post(path + "/withdrawal", note("撤回"), token), 403, "forbidden");
        }
        Http.problem(http.post(path + "/material", note("材料"), null), 401, "unauthorized");
        Http.problem(http.post(path + "/withdrawal", note("撤回"), null), 401, "unauthorized");

        JsonNode now = application(id, citizen);
        assertThat(now.path("state").asText()).isEqualTo("MATERIAL_REQUESTED");
        assertThat(now.path("materials").size()).isZero();
        assertThat(absent(now.path("answer"))).isTrue();
        assertThat(OverdueApplicationTest.kinds(history(id, citizen))).containsExactly("OPENED", "MOVED");
        assertThat(Http.json(http.get("/api/open/grants", citizen), 200).size()).isZero();
        withdraw(id, citizen);
        assertThat(application(id, citizen).path("state").asText()).isEqualTo("WITHDRAWN");
    }
}
