package org.poyang.open.impl.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Art. 18: a refusal states its reasons; an approval states the method, time and requirements of
 * provision. An answer lacking them is refused with 422 and changes nothing; an answered application
 * cannot be answered again.
 */
class AnswerTest extends OpenTestBase {

    @Test
    void refusalNeedsReasonsAndThenClosesTheApplication() {
        String citizen = p.people.citizen("refused");
        String id = apply(citizen, form(p.conditional, List.of(p.name, p.capital), "OPEN_API")).path("id").asText();
        JsonNode before = history(id, citizen);

        for (String body : List.of(note(""), note("   "), "{}", "{\"text\":null}")) {
            JsonNode problem = Http.problem(http.post("/api/open/applications/" + id + "/refusal", body, p.officerA), 422, "validation-failed");
            assertThat(Http.violationFields(problem)).as(body).containsExactly("reasons");
        }
        unchanged(id, citizen, before);

        // refused on the last day of the period, late in the evening: in time (the sweep has reminded it by then)
        LocalDate lastDay = LocalDate.of(2026, 10, 20);
        LocalTime late = LocalTime.of(23, 59);
        clockAt(lastDay, late);
        cases.sweep();
        JsonNode refused = Http.json(http.post("/api/open/applications/" + id + "/refusal",
                note("申请的注册资本信息涉及商业秘密，依法不予提供"), p.officerA), 200);
        assertThat(refused.path("state").asText()).isEqualTo("REFUSED");
        assertThat(refused.path("answer").path("approved").asBoolean()).isFalse();
        assertThat(refused.path("answer").path("reasons").asText()).isEqualTo("申请的注册资本信息涉及商业秘密，依法不予提供");
        assertThat(refused.path("answer").path("by").asText()).isEqualTo(p.people.officerLogin(p.agencyA));
        assertThat(absent(refused.path("answer").path("method"))).isTrue();
        assertThat(absent(refused.path("grant"))).isTrue();
        assertThat(refused.path("overdue").asBoolean()).isFalse();
        assertThat(application(id, citizen).path("answer").path("reasons").asText()).isEqualTo("申请的注册资本信息涉及商业秘密，依法不予提供");
        JsonNode h = history(id, citizen);
        assertThat(OverdueApplicationTest.kinds(h)).containsExactly("OPENED", "REMINDED", "MOVED");
        ApplicationAcrossNationalDayTest.step(h.get(2), 3, "MOVED", p.people.officerLogin(p.agencyA), "SUBMITTED", "REFUSED",
                SettableClock.at(lastDay, late));
        assertThat(h.get(2).path("note").asText()).contains("商业秘密");
        assertThat(Instant.parse(refused.path("closedAt").asText())).isEqualTo(SettableClock.at(lastDay, late));
        assertThat(grantsOf(citizen)).isEmpty();

        // answered: neither approved, refused again, paused, supplied nor withdrawn afterwards
        Http.problem(http.post("/api/open/applications/" + id + "/approval", approval(null, "2027-06-30").toString(), p.officerA), 409,
                "application-state");
        Http.problem(http.post("/api/open/applications/" + id + "/refusal", note("再次不予提供"), p.officerA), 409, "application-state");
        Http.problem(http.post("/api/open/applications/" + id + "/material-request", note("补充材料"), p.officerA), 409, "application-state");
        Http.problem(http.post("/api/open/applications/" + id + "/material", note("材料"), citizen), 409, "application-state");
        Http.problem(http.post("/api/open/applications/" + id + "/withdrawal", note("撤回"), citizen), 409, "application-state");
        assertThat(history(id, citizen)).isEqualTo(h);
        assertThat(application(id, citizen).path("state").asText()).isEqualTo("REFUSED");
        assertThat(grantsOf(citizen)).isEmpty();
    }

    @Test
    void approvalWithoutMethodTimeOrRequirementsIsRefusedAndChangesNothing() {
        String citizen = p.people.citizen("incomplete");
        String id = apply(citizen, form(p.conditional, List.of(p.id, p.industry), "OPEN_API")).path("id").asText();
        JsonNode before = history(id, citizen);

        ObjectNode empty = approval(null, "2027-06-30");
        empty.putNull("method");
        empty.put("time", "");
        empty.put("requirements", "  ");
        JsonNode problem = Http.problem(http.post("/api/open/applications/" + id + "/approval", empty.toString(), p.officerA), 422,
                "validation-failed");
        assertThat(Http.violationFields(problem)).containsExactlyInAnyOrder("method", "time", "requirements");
        for (String field : List.of("method", "time", "requirements")) {
            ObjectNode missing = approval(null, "2027-06-30");
            missing.remove(field);
            JsonNode one = Http.problem(http.post("/api/open/applications/" + id + "/approval", missing.toString(), p.officerA), 422,
                    "validation-failed");
            assertThat(Http.violationFields(one)).as(field).containsExactly(field);
        }
        // items not applied for, and a grant beyond three years, are refused the same way
        JsonNode items = Http.problem(http.post("/api/open/applications/" + id + "/approval",
                approval(List.of(p.id, p.capital), "2027-06-30").toString(), p.officerA), 422, "validation-failed");
        assertThat(Http.violationFields(items)).containsExactly("items");
        JsonNode expiry = Http.problem(http.post("/api/open/applications/" + id + "/approval",
                approval(null, "2030-01-01").toString(), p.officerA), 422, "validation-failed");
        assertThat(Http.violationFields(expiry)).containsExactly("expiresOn");
        JsonNode material = Http.problem(http.post("/api/open/applications/" + id + "/material-request", note(" "), p.officerA), 422,
                "validation-failed");
        assertThat(Http.violationFields(material)).containsExactly("material");

        unchanged(id, citizen, before);
        assertThat(grantsOf(citizen)).as("no grant issued by a refused approval").isEmpty();
        withdraw(id, citizen);
    }

    private void unchanged(String id, String citizen, JsonNode historyBefore) {
        JsonNode now = application(id, citizen);
        assertThat(now.path("state").asText()).isEqualTo("SUBMITTED");
        assertThat(absent(now.path("answer"))).isTrue();
        assertThat(absent(now.path("grant"))).isTrue();
        assertThat(now.path("paused").asBoolean()).isFalse();
        assertThat(now.path("deadline").asText()).isEqualTo("2026-10-20");
        assertThat(history(id, citizen)).isEqualTo(historyBefore);
        assertThat(historyBefore.size()).isEqualTo(1);
    }

    private List<String> grantsOf(String token) {
        return Http.texts(Http.json(http.get("/api/open/grants", token), 200), "id");
    }
}
