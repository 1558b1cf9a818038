package org.poyang.open.impl.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Art. 19: an objection that data is wrong does not take the record down; corrected, the record reads
 * with the right value and its aggregation history keeps the wrong one; a correction that fails the
 * entry's checks is refused and changes nothing.
 */
class ObjectionCorrectionTest extends ObjectionTestBase {

    @Test
    void errorIsCorrectedThroughAggregationAndTheOldValueStaysInTheHistory() {
        Fixture f = fresh("C");
        String citizen = p.people.citizen("objectc");
        String analyst = p.people.citizen("analystc");

        // the objector's own correction: not taken down, still read with the old value until handled
        JsonNode o = file(citizen, objection(f.code(), "R15", "ERROR", "CORRECT", Map.of(f.staff(), "321")));
        String id = o.path("id").asText();
        assertThat(o.path("takenDown").asBoolean()).isFalse();
        assertThat(o.path("kind").asText()).isEqualTo("ERROR");
        assertThat(o.path("request").asText()).isEqualTo("CORRECT");
        assertThat(o.path("correction").path(f.staff()).asText()).isEqualTo("321");
        assertThat(o.path("deadline").asText()).isEqualTo("2026-10-20");
        readsHoldExactly(f, f.rows(), analyst);

        // corrected as asked (correction null: the one asked for)
        JsonNode corrected = Http.json(http.post("/api/open/objections/" + id + "/resolution",
                resolution("CORRECTED", "经核实，从业人数应为 321 人，已更正", null), p.officerA), 200);
        assertThat(corrected.path("state").asText()).isEqualTo("CORRECTED");
        assertThat(corrected.path("batch").asText()).isEqualTo("objection-" + id);
        assertThat(corrected.path("handledBy").asText()).isEqualTo(p.people.officerLogin(p.agencyA));
        Map<String, Map<String, String>> now = with(f.rows(), "R15", f.staff(), "321");
        readsHoldExactly(f, now, analyst);
        assertThat(pageRows(f).get("R15").get(f.name())).isEqualTo(f.row("R15").get(f.name()));

        JsonNode h = recordHistory(f, "R15");
        assertThat(h.size()).as(h.toString()).isEqualTo(2);
        assertThat(h.get(0).path("values").path(f.staff()).asText()).isEqualTo("155");
        assertThat(h.get(0).path("batchId").asText()).isNotEqualTo("objection-" + id);
        assertThat(h.get(1).path("op").asText()).isEqualTo("UPSERT");
        assertThat(h.get(1).path("values").path(f.staff()).asText()).isEqualTo("321");
        assertThat(h.get(1).path("values").path(f.name()).asText()).isEqualTo(f.row("R15").get(f.name()));
        assertThat(h.get(1).path("batchId").asText()).isEqualTo("objection-" + id);
        assertThat(h.get(1).path("version").asInt()).isGreaterThan(h.get(0).path("version").asInt());

        // the provider may correct otherwise than asked: its own value is applied
        JsonNode o2 = file(citizen, objection(f.code(), "R16", "ERROR", "CORRECT", Map.of(f.name(), "异议人所称名称")));
        String id2 = o2.path("id").asText();
        JsonNode corrected2 = Http.json(http.post("/api/open/objections/" + id2 + "/resolution",
                resolution("CORRECTED", "经核实，正确名称为营业执照所载名称", Map.of(f.name(), "营业执照所载名称" + p.run)), p.officerA), 200);
        assertThat(corrected2.path("state").asText()).isEqualTo("CORRECTED");
        now = with(now, "R16", f.name(), "营业执照所载名称" + p.run);
        readsHoldExactly(f, now, analyst);
        assertThat(pageRows(f).get("R16").get(f.name())).isEqualTo("营业执照所载名称" + p.run);
        JsonNode seen = objectionAs(id2, citizen);
        assertThat(seen.path("state").asText()).isEqualTo("CORRECTED");
        assertThat(seen.path("outcome").asText()).isEqualTo("经核实，正确名称为营业执照所载名称");
    }

    @Test
    void aCorrectionThatFailsTheEntrysChecksIsRefusedAndChangesNothing() {
        Fixture f = fresh("F");
        String citizen = p.people.citizen("objectf");
        String analyst = p.people.citizen("analystf");

        // asked for: a non-numeric value of an integer item
        JsonNode o = file(citizen, objection(f.code(), "R05", "ERROR", "CORRECT", Map.of(f.staff(), "五十五人")));
        String id = o.path("id").asText();
        failedChecks(http.post("/api/open/objections/" + id + "/resolution", resolution("CORRECTED", "按异议人意见更正", null), p.officerA), f.staff());
        JsonNode after = objectionAs(id, citizen);
        assertThat(after.path("state").asText()).isEqualTo("SUBMITTED");
        assertThat(absent(after.path("batch"))).isTrue();
        assertThat(absent(after.path("outcome"))).isTrue();
        assertThat(recordHistory(f, "R05").size()).isEqualTo(1);
        readsHoldExactly(f, f.rows(), analyst);

        // given by the officer: refused too; then a valid correction goes through under the same batch id
        failedChecks(http.post("/api/open/objections/" + id + "/resolution", resolution("CORRECTED", "更正", Map.of(f.staff(), "12.5.3")),
                p.officerA), f.staff());
        assertThat(objectionAs(id, citizen).path("state").asText()).isEqualTo("SUBMITTED");
        readsHoldExactly(f, f.rows(), analyst);
        JsonNode corrected = Http.json(http.post("/api/open/objections/" + id + "/resolution",
                resolution("CORRECTED", "经核实，从业人数为 56 人", Map.of(f.staff(), "56")), p.officerA), 200);
        assertThat(corrected.path("state").asText()).isEqualTo("CORRECTED");
        assertThat(corrected.path("batch").asText()).isEqualTo("objection-" + id);
        readsHoldExactly(f, with(f.rows(), "R05", f.staff(), "56"), analyst);

        // a record taken down whose correction fails stays down, the objection pending
        JsonNode down = file(citizen, objection(f.code(), "R06", "PERSONAL_INFORMATION", "CORRECT", Map.of(f.staff(), "abc")));
        String downId = down.path("id").asText();
        assertThat(down.path("takenDown").asBoolean()).isTrue();
        failedChecks(http.post("/api/open/objections/" + downId + "/resolution", resolution("CORRECTED", "按异议人意见更正", null), p.officerA),
                f.staff());
        JsonNode pending = objectionAs(downId, citizen);
        assertThat(pending.path("state").asText()).isEqualTo("SUBMITTED");
        assertThat(pending.path("takenDown").asBoolean()).isTrue();
        readsHoldExactly(f, without(with(f.rows(), "R05", f.staff(), "56"), "R06"), analyst);
        assertThat(recordHistory(f, "R06").size()).isEqualTo(1);
        // corrected with a valid value: back in every read, corrected
        JsonNode back = Http.json(http.post("/api/open/objections/" + downId + "/resolution",
                resolution("CORRECTED", "经核实，从业人数为 66 人", Map.of(f.staff(), "66")), p.officerA), 200);
        assertThat(back.path("takenDown").asBoolean()).isFalse();
        readsHoldExactly(f, with(with(f.rows(), "R05", f.staff(), "56"), "R06", f.staff(), "66"), analyst);
        assertThat(recordHistory(f, "R06").size()).isEqualTo(2);
    }

    /**
     * A correction that fails the entry's checks: 422, a problem that names the item (the contract does not
     * say which problem type; the platform answers with aggregation's batch-rejected).
     */
    private static void failedChecks(HttpResponse<String> r, String item) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(422);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        JsonNode problem = Http.parse(r.body());
        assertThat(problem.path("type").asText()).as(r.body()).isIn("urn:poyang:problem:validation-failed", "urn:poyang:problem:batch-rejected");
        assertThat(r.body()).as("the problem names the item").contains(item);
    }
}
