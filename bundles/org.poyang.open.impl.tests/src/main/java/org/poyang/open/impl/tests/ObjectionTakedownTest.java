package org.poyang.open.impl.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Art. 19: an objection about personal information or privacy takes the record out of every read at
 * once (pages, totals, downloads, analyses); a deletion goes to aggregation as a batch of its own and
 * the record's history keeps its earlier state; upheld against or withdrawn, the record comes back as
 * it was; only the objector withdraws.
 */
class ObjectionTakedownTest extends ObjectionTestBase {

    @Test
    void personalInformationIsTakenDownAtOnceAndDeletedThroughAggregation() {
        Fixture f = fresh("D");
        String citizen = p.people.citizen("objectd");
        String analyst = p.people.citizen("analystd");
        String officerLogin = p.people.officerLogin(p.agencyA);
        readsHoldExactly(f, f.rows(), analyst);

        // 2026-09-30 10:00: received; due 10 working days later, the day of receipt not counted
        JsonNode o = file(citizen, objection(f.code(), "R07", "PERSONAL_INFORMATION", "DELETE", null));
        String id = o.path("id").asText();
        assertThat(o.path("state").asText()).isEqualTo("SUBMITTED");
        assertThat(o.path("resource").asText()).isEqualTo(f.code());
        assertThat(o.path("provider").asText()).isEqualTo(p.agencyA);
        assertThat(o.path("key").asText()).isEqualTo("R07");
        assertThat(o.path("kind").asText()).isEqualTo("PERSONAL_INFORMATION");
        assertThat(o.path("request").asText()).isEqualTo("DELETE");
        assertThat(o.path("objector").asText()).isEqualTo(p.people.citizenLogin("objectd"));
        assertThat(o.path("receivedOn").asText()).isEqualTo("2026-09-30");
        assertThat(o.path("deadline").asText()).isEqualTo("2026-10-20");
        assertThat(o.path("overdue").asBoolean()).isFalse();
        assertThat(o.path("takenDown").asBoolean()).isTrue();
        assertThat(absent(o.path("outcome"))).isTrue();
        assertThat(absent(o.path("handledBy"))).isTrue();
        assertThat(absent(o.path("batch"))).isTrue();
        assertThat(Instant.parse(o.path("openedAt").asText())).isEqualTo(SettableClock.at(SEP_30, TEN));

        // at once: out of the page, its total, a filter on its key, both downloads and analyses; the others stay
        readsHoldExactly(f, without(f.rows(), "R07"), analyst);
        assertThat(filteredTotal(f, "R07")).isZero();
        assertThat(filteredTotal(f, "R08")).isEqualTo(1);
        assertThat(csvLine(f, "R07")).isNull();

        // the objector and the provider follow it
        assertThat(myObjections(citizen)).containsExactly(id);
        JsonNode listed = byId(listObjections("agency=" + p.agencyA + "&state=open", p.officerA), id);
        assertThat(listed.path("deadline").asText()).isEqualTo("2026-10-20");
        assertThat(listed.path("takenDown").asBoolean()).isTrue();

        // 2026-10-09: the provider's officer deletes it, with an answer
        clockAt(LocalDate.of(2026, 10, 9), LocalTime.of(16, 0));
        JsonNode deleted = Http.json(http.post("/api/open/objections/" + id + "/resolution",
                resolution("DELETED", "经核实，该记录含异议人个人信息，已删除", null), p.officerA), 200);
        assertThat(deleted.path("state").asText()).isEqualTo("DELETED");
        assertThat(deleted.path("batch").asText()).isEqualTo("objection-" + id);
        assertThat(deleted.path("handledBy").asText()).isEqualTo(officerLogin);
        assertThat(deleted.path("outcome").asText()).isEqualTo("经核实，该记录含异议人个人信息，已删除");
        assertThat(deleted.path("takenDown").asBoolean()).isFalse();
        assertThat(deleted.path("overdue").asBoolean()).isFalse();
        assertThat(Instant.parse(deleted.path("closedAt").asText())).isEqualTo(SettableClock.at(LocalDate.of(2026, 10, 9), LocalTime.of(16, 0)));

        // deleted: still in no read, and the others unchanged
        readsHoldExactly(f, without(f.rows(), "R07"), analyst);
        assertThat(filteredTotal(f, "R07")).isZero();
        assertThat(ids(listObjections("agency=" + p.agencyA + "&state=open", p.officerA))).doesNotContain(id);

        // aggregation keeps the earlier state and the deletion, by the objection's batch
        JsonNode h = recordHistory(f, "R07");
        assertThat(h.size()).as(h.toString()).isEqualTo(2);
        assertThat(h.get(0).path("op").asText()).isEqualTo("UPSERT");
        assertThat(h.get(0).path("batchId").asText()).isNotEqualTo("objection-" + id);
        assertThat(h.get(0).path("values").path(f.name()).asText()).isEqualTo(f.row("R07").get(f.name()));
        assertThat(h.get(0).path("values").path(f.staff()).asText()).isEqualTo("75");
        assertThat(h.get(1).path("op").asText()).isEqualTo("DELETE");
        assertThat(h.get(1).path("batchId").asText()).isEqualTo("objection-" + id);
        assertThat(recordHistory(f, "R08").size()).as("the other records have no new state").isEqualTo(1);

        // the objector sees the outcome, who gave it, and every step
        JsonNode seen = objectionAs(id, citizen);
        assertThat(seen.path("state").asText()).isEqualTo("DELETED");
        assertThat(seen.path("outcome").asText()).isEqualTo("经核实，该记录含异议人个人信息，已删除");
        assertThat(seen.path("handledBy").asText()).isEqualTo(officerLogin);
        assertThat(seen.path("batch").asText()).isEqualTo("objection-" + id);
        JsonNode steps = objectionHistory(id, citizen);
        assertThat(OverdueApplicationTest.kinds(steps)).containsExactly("OPENED", "MOVED");
        ApplicationAcrossNationalDayTest.step(steps.get(1), 2, "MOVED", officerLogin, "SUBMITTED", "DELETED",
                SettableClock.at(LocalDate.of(2026, 10, 9), LocalTime.of(16, 0)));

        // handled once: a second answer is refused
        Http.problem(http.post("/api/open/objections/" + id + "/resolution", resolution("UPHELD", "再次答复", null), p.officerA), 409,
                "application-state");
    }

    @Test
    void privacyObjectionUpheldAgainstBringsTheRecordBackUnchanged() {
        Fixture f = fresh("U");
        String citizen = p.people.citizen("objectu");
        String analyst = p.people.citizen("analystu");
        Map<String, String> before = pageRows(f).get("R11");

        JsonNode o = file(citizen, objection(f.code(), "R11", "PRIVACY", "DELETE", null));
        String id = o.path("id").asText();
        assertThat(o.path("takenDown").asBoolean()).isTrue();
        assertThat(o.path("deadline").asText()).isEqualTo("2026-10-20");
        readsHoldExactly(f, without(f.rows(), "R11"), analyst);

        JsonNode upheld = Http.json(http.post("/api/open/objections/" + id + "/resolution",
                resolution("UPHELD", "该记录为依法公开的单位登记信息，不涉及个人隐私，予以维持", null), p.officerA), 200);
        assertThat(upheld.path("state").asText()).isEqualTo("UPHELD");
        assertThat(upheld.path("takenDown").asBoolean()).isFalse();
        assertThat(absent(upheld.path("batch"))).as("nothing delivered: %s", upheld.path("batch")).isTrue();
        assertThat(upheld.path("handledBy").asText()).isEqualTo(p.people.officerLogin(p.agencyA));

        // back in every read, exactly as it was; its history has no new state
        readsHoldExactly(f, f.rows(), analyst);
        assertThat(pageRows(f).get("R11")).isEqualTo(before);
        assertThat(filteredTotal(f, "R11")).isEqualTo(1);
        assertThat(recordHistory(f, "R11").size()).isEqualTo(1);
        JsonNode seen = objectionAs(id, citizen);
        assertThat(seen.path("state").asText()).isEqualTo("UPHELD");
        assertThat(seen.path("outcome").asText()).isEqualTo("该记录为依法公开的单位登记信息，不涉及个人隐私，予以维持");
    }

    @Test
    void withdrawnByTheObjectorTheRecordComesBackAndNobodyElseMayWithdraw() {
        Fixture f = fresh("W");
        String citizen = p.people.citizen("objectw");
        String other = p.people.citizen("otherw");
        String analyst = p.people.citizen("analystw");
        String clerkA = p.people.clerk(p.agencyA);

        JsonNode o = file(citizen, objection(f.code(), "R20", "PRIVACY", "DELETE", null));
        String id = o.path("id").asText();
        String path = "/api/open/objections/" + id + "/withdrawal";
        readsHoldExactly(f, without(f.rows(), "R20"), analyst);

        // nobody else withdraws it, the provider included
        for (String token : List.of(other, p.officerA, clerkA, p.officerB, p.reviewer)) {
            Http.problem(http.post(path, note("代为撤回"), token), 403, "forbidden");
        }
        Http.problem(http.post(path, note("代为撤回"), null), 401, "unauthorized");
        JsonNode still = objectionAs(id, citizen);
        assertThat(still.path("state").asText()).isEqualTo("SUBMITTED");
        assertThat(still.path("takenDown").asBoolean()).isTrue();
        readsHoldExactly(f, without(f.rows(), "R20"), analyst);

        // the objector does: the record is back as it was
        JsonNode withdrawn = Http.json(http.post(path, note("已与提供单位沟通，撤回异议"), citizen), 200);
        assertThat(withdrawn.path("state").asText()).isEqualTo("WITHDRAWN");
        assertThat(withdrawn.path("takenDown").asBoolean()).isFalse();
        readsHoldExactly(f, f.rows(), analyst);
        assertThat(recordHistory(f, "R20").size()).isEqualTo(1);

        // closed: neither withdrawn again nor handled
        Http.problem(http.post(path, note("再次撤回"), citizen), 409, "application-state");
        Http.problem(http.post("/api/open/objections/" + id + "/resolution", resolution("DELETED", "删除", null), p.officerA), 409,
                "application-state");
        readsHoldExactly(f, f.rows(), analyst);
    }

    @Test
    void aRecordObjectedToTwiceStaysDownUntilNeitherObjectionIsPending() {
        Fixture f = fresh("T");
        String first = p.people.citizen("objectt1");
        String second = p.people.citizen("objectt2");
        String analyst = p.people.citizen("analystt");

        String a = file(first, objection(f.code(), "R09", "PRIVACY", "DELETE", null)).path("id").asText();
        JsonNode b = file(second, objection(f.code(), "R09", "PERSONAL_INFORMATION", "DELETE", null));
        assertThat(b.path("takenDown").asBoolean()).isTrue();
        readsHoldExactly(f, without(f.rows(), "R09"), analyst);

        // the first objector withdraws: the second objection is still pending, and says the record is down
        Http.json(http.post("/api/open/objections/" + a + "/withdrawal", note("撤回"), first), 200);
        assertThat(objectionAs(b.path("id").asText(), second).path("takenDown").asBoolean()).isTrue();
        readsHoldExactly(f, without(f.rows(), "R09"), analyst);

        // the second is upheld against: now it comes back
        Http.json(http.post("/api/open/objections/" + b.path("id").asText() + "/resolution", resolution("UPHELD", "不涉及个人信息，予以维持", null),
                p.officerA), 200);
        readsHoldExactly(f, f.rows(), analyst);
    }

    @Test
    void aTakenDownRecordStaysDownWhenItsProviderDeliversItAgain() {
        Fixture f = fresh("V");
        String citizen = p.people.citizen("objectv");
        String analyst = p.people.citizen("analystv");
        String id = file(citizen, objection(f.code(), "R12", "PERSONAL_INFORMATION", "DELETE", null)).path("id").asText();
        readsHoldExactly(f, without(f.rows(), "R12"), analyst);

        // the provider's next delivery updates R12 and R13: R13 reads updated, R12 stays down pending the decision
        Map<String, String> r12 = new java.util.LinkedHashMap<>(f.row("R12"));
        r12.put(f.staff(), "999");
        Map<String, String> r13 = new java.util.LinkedHashMap<>(f.row("R13"));
        r13.put(f.staff(), "888");
        Http.json(http.post("/api/collect/entries/" + f.code() + "/batches/redeliver-" + p.run.toLowerCase(),
                Http.JSON.valueToTree(List.of(r12, r13)).toString(), p.officerA), 200);
        Map<String, Map<String, String>> now = with(with(f.rows(), "R12", f.staff(), "999"), "R13", f.staff(), "888");
        readsHoldExactly(f, without(now, "R12"), analyst);
        assertThat(objectionAs(id, citizen).path("takenDown").asBoolean()).isTrue();

        // upheld against: back as it now stands
        Http.json(http.post("/api/open/objections/" + id + "/resolution", resolution("UPHELD", "予以维持", null), p.officerA), 200);
        readsHoldExactly(f, now, analyst);
    }

    @Test
    void onlyPrivacyAndPersonalInformationTakeARecordDown() {
        Fixture f = fresh("K");
        String citizen = p.people.citizen("objectk");
        String analyst = p.people.citizen("analystk");
        List<String> ids = new java.util.ArrayList<>();
        for (String kind : List.of("ERROR", "OMISSION", "TRADE_SECRET", "CONFIDENTIAL_BUSINESS")) {
            JsonNode o = file(citizen, objection(f.code(), "R04", kind, "DELETE", null));
            assertThat(o.path("takenDown").asBoolean()).as(kind).isFalse();
            assertThat(o.path("kind").asText()).isEqualTo(kind);
            ids.add(o.path("id").asText());
        }
        readsHoldExactly(f, f.rows(), analyst);
        assertThat(myObjections(citizen)).containsExactlyInAnyOrderElementsOf(ids);
        for (String id : ids) {
            Http.json(http.post("/api/open/objections/" + id + "/withdrawal", note("撤回"), citizen), 200);
        }
        readsHoldExactly(f, f.rows(), analyst);
    }
}
