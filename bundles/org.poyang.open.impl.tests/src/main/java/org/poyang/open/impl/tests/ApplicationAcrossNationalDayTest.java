package org.poyang.open.impl.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Art. 18 end to end across the 2026 National Day holidays (10-01..07; make-up working days 09-20 and
 * Saturday 10-10): received 09-30, the answer is due 10-20; a material request on 10-12 pauses the
 * clock with 6 working days left; material supplied 10-26 resumes it, due 11-03; the approval issues a
 * grant with which the applicant reads exactly the granted items; the history tells every step.
 */
class ApplicationAcrossNationalDayTest extends OpenTestBase {

    @Test
    void applicationIsAnsweredWithinTenWorkingDaysPausedForMaterialAndApprovedWithAGrant() {
        String citizen = p.people.citizen("happy");
        String citizenLogin = p.people.citizenLogin("happy");
        String officerLogin = p.people.officerLogin(p.agencyA);

        // the dataset page says that an application is needed and where to send it
        JsonNode page = Http.json(http.get("/api/open/datasets/" + p.conditional, citizen), 200);
        assertThat(page.path("provider").asText()).isEqualTo(p.agencyA);
        assertThat(page.path("updateFrequency").asText()).isEqualTo("DAILY");
        assertThat(page.path("rows").asLong()).isEqualTo(p.rows.size());
        assertThat(page.path("lastUpdate").asText()).isNotBlank();
        assertThat(Http.texts(page.path("items"))).containsExactly(p.id, p.name, p.industry, p.capital);
        assertThat(page.path("access").path("openType").asText()).isEqualTo("CONDITIONAL");
        assertThat(page.path("access").path("applicationNeeded").asBoolean()).isTrue();
        assertThat(page.path("access").path("links").path("apply").asText()).isEqualTo("/api/open/applications");
        assertThat(page.path("access").path("links").path("api").asText()).startsWith("/api/collect/entries/" + p.conditional + "/rows")
                .contains("grant=");
        assertThat(page.path("access").path("links").path("csv").asText()).contains("/export?format=csv").contains("grant=");

        // 2026-09-30 10:00: received; the day of receipt is not counted, 10-01..07 are holidays, 10-10 is a working day
        JsonNode a = apply(citizen, form(p.conditional, List.of(p.id, p.name, p.industry), "OPEN_API"));
        String id = a.path("id").asText();
        assertThat(id).startsWith("case_");
        assertThat(a.path("state").asText()).isEqualTo("SUBMITTED");
        assertThat(a.path("resource").asText()).isEqualTo(p.conditional);
        assertThat(a.path("provider").asText()).isEqualTo(p.agencyA);
        assertThat(a.path("applicant").asText()).isEqualTo(citizenLogin);
        assertThat(a.path("applicantType").asText()).isEqualTo("NATURAL_PERSON");
        assertThat(a.path("identity").path("name").asText()).isEqualTo("张三");
        assertThat(a.path("identity").path("contact").asText()).isEqualTo("zhangsan@example.org");
        assertThat(Http.texts(a.path("items"))).containsExactly(p.id, p.name, p.industry);
        assertThat(a.path("route").asText()).isEqualTo("OPEN_API");
        assertThat(a.path("receivedOn").asText()).isEqualTo("2026-09-30");
        assertThat(a.path("deadline").asText()).isEqualTo("2026-10-20");
        assertThat(a.path("paused").asBoolean()).isFalse();
        assertThat(absent(a.path("daysLeft"))).as("daysLeft of a running clock: %s", a.path("daysLeft")).isTrue();
        assertThat(a.path("provisional").asBoolean()).isFalse();
        assertThat(a.path("overdue").asBoolean()).isFalse();
        assertThat(absent(a.path("answer"))).isTrue();
        assertThat(absent(a.path("grant"))).isTrue();
        assertThat(Instant.parse(a.path("openedAt").asText())).isEqualTo(SettableClock.at(SEP_30, TEN));

        // the applicant sees it among their own, the provider's officer among the agency's open applications
        assertThat(mine(citizen)).containsExactly(id);
        JsonNode listed = byId(listAll("agency=" + p.agencyA + "&state=open", p.officerA), id);
        assertThat(listed.path("deadline").asText()).isEqualTo("2026-10-20");
        assertThat(listed.path("state").asText()).isEqualTo("SUBMITTED");

        // 2026-10-12 (Monday): the officer asks for material; 10-13..16, 19, 20 are left: 6 working days
        clockAt(LocalDate.of(2026, 10, 12), LocalTime.of(9, 30));
        JsonNode asked = Http.json(http.post("/api/open/applications/" + id + "/material-request",
                note("请补充课题立项证明"), p.officerA), 200);
        assertThat(asked.path("state").asText()).isEqualTo("MATERIAL_REQUESTED");
        assertThat(asked.path("paused").asBoolean()).isTrue();
        assertThat(asked.path("daysLeft").asInt()).isEqualTo(6);
        assertThat(asked.path("daysLeft").isInt()).isTrue();
        assertThat(asked.path("deadline").asText()).isEqualTo("2026-10-20");
        assertThat(asked.path("materialRequested").asText()).isEqualTo("请补充课题立项证明");
        assertThat(asked.path("overdue").asBoolean()).isFalse();

        // 2026-10-26: past the old deadline, but the clock is paused: not overdue, and not listed as overdue
        clockAt(LocalDate.of(2026, 10, 26), LocalTime.of(10, 0));
        JsonNode waiting = application(id, citizen);
        assertThat(waiting.path("state").asText()).isEqualTo("MATERIAL_REQUESTED");
        assertThat(waiting.path("paused").asBoolean()).isTrue();
        assertThat(waiting.path("daysLeft").asInt()).isEqualTo(6);
        assertThat(waiting.path("overdue").asBoolean()).isFalse();
        assertThat(ids(listAll("agency=" + p.agencyA + "&overdue=true", p.officerA))).doesNotContain(id);

        // the applicant supplies the material on 10-26: 6 working days after it (10-26 not counted): 11-03
        JsonNode supplied = Http.json(http.post("/api/open/applications/" + id + "/material", note("课题立项证明：赣社科〔2026〕12号"), citizen), 200);
        assertThat(supplied.path("state").asText()).isEqualTo("SUBMITTED");
        assertThat(supplied.path("paused").asBoolean()).isFalse();
        assertThat(absent(supplied.path("daysLeft"))).as("daysLeft once resumed: %s", supplied.path("daysLeft")).isTrue();
        assertThat(supplied.path("deadline").asText()).isEqualTo("2026-11-03");
        assertThat(supplied.path("receivedOn").asText()).isEqualTo("2026-09-30");
        assertThat(supplied.path("overdue").asBoolean()).isFalse();
        assertThat(Http.texts(supplied.path("materials"))).containsExactly("课题立项证明：赣社科〔2026〕12号");
        assertThat(byId(listAll("agency=" + p.agencyA + "&state=open", p.officerA), id).path("deadline").asText()).isEqualTo("2026-11-03");

        // 2026-10-28: the officer approves two of the three items
        clockAt(LocalDate.of(2026, 10, 28), LocalTime.of(15, 0));
        JsonNode approved = Http.json(http.post("/api/open/applications/" + id + "/approval",
                approval(List.of(p.id, p.name), "2027-06-30").toString(), p.officerA), 200);
        assertThat(approved.path("state").asText()).isEqualTo("APPROVED");
        assertThat(approved.path("overdue").asBoolean()).isFalse();
        assertThat(approved.path("deadline").asText()).isEqualTo("2026-11-03");
        String grant = approved.path("grant").asText();
        assertThat(grant).startsWith("grt_");
        JsonNode answer = approved.path("answer");
        assertThat(answer.path("approved").asBoolean()).isTrue();
        assertThat(answer.path("method").asText()).isEqualTo("通过开放平台接口提供");
        assertThat(answer.path("time").asText()).isEqualTo("自批准之日起至 2027-06-30");
        assertThat(answer.path("requirements").asText()).isEqualTo("仅用于申请所述用途，不得向第三方提供");
        assertThat(answer.path("by").asText()).isEqualTo(officerLogin);
        assertThat(Instant.parse(approved.path("closedAt").asText())).isEqualTo(SettableClock.at(LocalDate.of(2026, 10, 28), LocalTime.of(15, 0)));
        assertThat(ids(listAll("agency=" + p.agencyA + "&state=open", p.officerA))).doesNotContain(id);

        // the grant: the applicant's, of the two items, by API, to the end of 2027-06-30 China time
        JsonNode grants = Http.json(http.get("/api/open/grants", citizen), 200);
        JsonNode g = null;
        for (JsonNode each : grants) {
            if (each.path("id").asText().equals(grant)) {
                g = each;
            }
        }
        assertThat(g).as("grant %s among %s", grant, grants).isNotNull();
        assertThat(g.path("holder").asText()).isEqualTo(citizenLogin);
        assertThat(g.path("resource").asText()).isEqualTo(p.conditional);
        assertThat(Http.texts(g.path("items"))).containsExactlyInAnyOrder(p.id, p.name);
        assertThat(Http.texts(g.path("routes"))).containsExactly("OPEN_API");
        assertThat(g.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(g.path("origin").asText()).isEqualTo(id);
        assertThat(Instant.parse(g.path("expiresAt").asText())).isEqualTo(SettableClock.at(LocalDate.of(2027, 7, 1), LocalTime.MIDNIGHT));

        // reading with the grant returns the granted items only, every row
        JsonNode rows = Http.json(http.get("/api/collect/entries/" + p.conditional + "/rows?grant=" + grant, citizen), 200);
        assertThat(Http.texts(rows.path("columns"))).containsExactly(p.id, p.name);
        assertThat(rows.path("total").asLong()).isEqualTo(p.rows.size());
        List<String> read = new ArrayList<>();
        for (JsonNode row : rows.path("rows")) {
            List<String> keys = new ArrayList<>();
            row.fieldNames().forEachRemaining(keys::add);
            assertThat(keys).containsExactly(p.id, p.name);
            read.add(row.path(p.id).asText() + "|" + row.path(p.name).asText());
        }
        assertThat(read).containsExactlyInAnyOrderElementsOf(p.rows.stream().map(r -> r[0] + "|" + r[1]).toList());

        // every step, in order, with who and when
        JsonNode h = history(id, citizen);
        assertThat(h.size()).as(h.toString()).isEqualTo(4);
        step(h.get(0), 1, "OPENED", citizenLogin, null, "SUBMITTED", SettableClock.at(SEP_30, TEN));
        assertThat(h.get(0).path("note").asText()).contains("2026-10-20");
        step(h.get(1), 2, "MOVED", officerLogin, "SUBMITTED", "MATERIAL_REQUESTED", SettableClock.at(LocalDate.of(2026, 10, 12), LocalTime.of(9, 30)));
        assertThat(h.get(1).path("note").asText()).contains("请补充课题立项证明").contains("6");
        step(h.get(2), 3, "MOVED", citizenLogin, "MATERIAL_REQUESTED", "SUBMITTED", SettableClock.at(LocalDate.of(2026, 10, 26), TEN));
        assertThat(h.get(2).path("note").asText()).contains("2026-11-03");
        step(h.get(3), 4, "MOVED", officerLogin, "SUBMITTED", "APPROVED", SettableClock.at(LocalDate.of(2026, 10, 28), LocalTime.of(15, 0)));
        assertThat(h.get(3).path("note").asText()).contains(grant);
        // the provider's officer sees the same history
        assertThat(history(id, p.officerA)).isEqualTo(h);
        assertThat(application(id, p.officerA).path("state").asText()).isEqualTo("APPROVED");
    }

    static void step(JsonNode e, int seq, String kind, String actor, String from, String to, Instant at) {
        assertThat(e.path("seq").asInt()).as(e.toString()).isEqualTo(seq);
        assertThat(e.path("kind").asText()).as(e.toString()).isEqualTo(kind);
        assertThat(e.path("actor").asText()).as(e.toString()).isEqualTo(actor);
        if (from == null) {
            assertThat(absent(e.path("from"))).as(e.toString()).isTrue();
        } else {
            assertThat(e.path("from").asText()).as(e.toString()).isEqualTo(from);
        }
        assertThat(e.path("to").asText()).as(e.toString()).isEqualTo(to);
        assertThat(Instant.parse(e.path("at").asText())).as(e.toString()).isEqualTo(at);
    }
}
