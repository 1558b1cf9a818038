package org.poyang.open.impl.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Art. 19: what an objection is refused for, with the reason, and that a refused objection files
 * nothing (not in the objector's list, not in the provider's) and takes nothing down.
 */
class ObjectionRefusalsTest extends ObjectionTestBase {

    @Test
    void objectionsThatCannotBeFiledAreRefusedAndFileNothing() {
        Fixture f = fresh("R");
        String citizen = p.people.citizen("objectr");
        String analyst = p.people.citizen("analystr");
        List<String> agencyBefore = ids(listObjections("agency=" + p.agencyA, p.officerA));
        assertThat(myObjections(citizen)).isEmpty();

        // a record the entry does not hold; data not in the open catalog; no such entry
        JsonNode unknown = Http.problem(http.post("/api/open/objections", objection(f.code(), "R99", "PRIVACY", "DELETE", null).toString(), citizen),
                404, "not-found");
        assertThat(unknown.path("detail").asText()).contains("R99");
        Http.problem(http.post("/api/open/objections", objection(p.notOpen, "X1", "ERROR", "DELETE", null).toString(), citizen), 404, "not-found");
        Http.problem(http.post("/api/open/objections", objection("101001/999999", "R01", "ERROR", "DELETE", null).toString(), citizen), 404,
                "not-found");

        // no resource named
        ObjectNode noResource = objection(f.code(), "R03", "PRIVACY", "DELETE", null);
        noResource.remove("resource");
        assertThat(refused(citizen, noResource)).containsExactly("resource");

        // each missing field named, alone and all together
        for (String field : List.of("kind", "request", "description", "contact", "key")) {
            ObjectNode form = objection(f.code(), "R03", "PRIVACY", "DELETE", null);
            form.remove(field);
            assertThat(refused(citizen, form)).as("without %s", field).containsExactly(field);
            ObjectNode blank = objection(f.code(), "R03", "PRIVACY", "DELETE", null);
            if (!field.equals("kind") && !field.equals("request")) {
                blank.put(field, "  ");
                assertThat(refused(citizen, blank)).as("blank %s", field).containsExactly(field);
            }
        }
        ObjectNode empty = Http.JSON.createObjectNode();
        empty.put("resource", f.code());
        assertThat(refused(citizen, empty)).containsExactlyInAnyOrder("kind", "request", "description", "contact", "key");

        // a correction naming an item the entry does not have, or with no values
        assertThat(refused(citizen, objection(f.code(), "R03", "ERROR", "CORRECT", Map.of("不存在的信息项" + p.run, "1")))).containsExactly("correction");
        assertThat(refused(citizen, objection(f.code(), "R03", "ERROR", "CORRECT", Map.of(f.staff(), "1", p.station, "2"))))
                .as("an item of another entry").containsExactly("correction");
        assertThat(refused(citizen, objection(f.code(), "R03", "ERROR", "CORRECT", null))).containsExactly("correction");
        assertThat(refused(citizen, objection(f.code(), "R03", "ERROR", "CORRECT", Map.of()))).containsExactly("correction");

        // who may not object: anonymous callers, agency and management staff
        Http.problem(http.post("/api/open/objections", objection(f.code(), "R03", "PRIVACY", "DELETE", null).toString(), null), 401,
                "unauthorized");
        for (String staff : List.of(p.officerA, p.people.clerk(p.agencyB), p.officerB, p.reviewer)) {
            Http.problem(http.post("/api/open/objections", objection(f.code(), "R03", "PRIVACY", "DELETE", null).toString(), staff), 403,
                    "forbidden");
        }

        // nothing filed, nothing taken down
        assertThat(myObjections(citizen)).isEmpty();
        assertThat(ids(listObjections("agency=" + p.agencyA, p.officerA))).containsExactlyInAnyOrderElementsOf(agencyBefore);
        readsHoldExactly(f, f.rows(), analyst);

        // the same citizen files a proper one: now it is there
        String id = file(citizen, objection(f.code(), "R03", "PRIVACY", "DELETE", null)).path("id").asText();
        assertThat(myObjections(citizen)).containsExactly(id);
        Http.json(http.post("/api/open/objections/" + id + "/withdrawal", note("测试结束撤回"), citizen), 200);
    }

    /** Asserts 422 validation-failed; returns the fields named. */
    private List<String> refused(String token, ObjectNode form) {
        return Http.violationFields(Http.problem(http.post("/api/open/objections", form.toString(), token), 422, "validation-failed"));
    }
}
