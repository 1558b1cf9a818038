package org.poyang.share.impl.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Art. 23 over REST across the 2026 National Day holidays (10-01..07 off; Saturday 10-10 a make-up
 * working day): a using agency's application for conditionally shared data received on 09-30 is due
 * 10-20; a material request on 10-12 pauses the clock with 6 working days left; material supplied on
 * 10-26 resumes it, due 11-03; the approval with conditions issues a grant to the using agency bound to
 * purpose, legal duty, items and route (Art. 24), with which it reads the granted items only. An
 * unanswered application is flagged overdue past its deadline; a refusal states its reasons.
 */
class ShareApplicationAcrossNationalDayArt23Test extends ShareTestBase {

    @Test
    void applicationIsAnsweredWithinTenWorkingDaysPausedForMaterialAndApprovedWithAGrant() {
        String purpose = "最低生活保障资格核验 " + p.run + " 国庆";
        String officerB = p.people.officerLogin(p.agencyB);
        String officerA = p.people.officerLogin(p.agencyA);
        List<String> asked = List.of(p.household, p.subsidy, p.members, p.holder);
        String id = null;
        try {
            // the share view says it is conditional, on what conditions and legal basis, and where to apply
            JsonNode view = Http.json(http.get("/api/share/entries/" + p.conditional, p.officerB), 200);
            assertThat(view.path("shareType").asText()).isEqualTo("CONDITIONAL");
            assertThat(view.path("shareConditions").asText()).isEqualTo("仅用于社会救助资格核验 " + p.run);
            assertThat(view.path("legalBasis").asText()).isEqualTo("《社会救助暂行办法》第十一条 " + p.run);
            assertThat(view.path("links").path("apply").asText()).isEqualTo("/api/share/applications");
            assertThat(view.path("links").path("rows").asText()).contains("purpose=").contains("grant=");
            assertThat(view.path("rows").asLong()).isEqualTo(SharePlatform.ROWS);

            // 2026-09-30 10:00: received; the day of receipt is not counted
            JsonNode a = apply(p.officerB, form(p.conditional, purpose, asked, "SHARE_API"));
            id = a.path("id").asText();
            assertThat(a.path("state").asText()).isEqualTo("SUBMITTED");
            assertThat(a.path("resource").asText()).isEqualTo(p.conditional);
            assertThat(a.path("provider").asText()).isEqualTo(p.agencyA);
            assertThat(a.path("agency").asText()).isEqualTo(p.agencyB);
            assertThat(a.path("applicant").asText()).isEqualTo(officerB);
            assertThat(a.path("purpose").asText()).isEqualTo(purpose);
            assertThat(a.path("legalDuty").asText()).isEqualTo(LEGAL_DUTY);
            assertThat(Http.texts(a.path("items"))).containsExactlyElementsOf(asked);
            assertThat(a.path("route").asText()).isEqualTo("SHARE_API");
            assertThat(a.path("receivedOn").asText()).isEqualTo("2026-09-30");
            assertThat(a.path("deadline").asText()).isEqualTo("2026-10-20");
            assertThat(a.path("paused").asBoolean()).isFalse();
            assertThat(a.path("overdue").asBoolean()).isFalse();
            assertThat(absent(a.path("grant"))).isTrue();
            assertThat(Instant.parse(a.path("openedAt").asText())).isEqualTo(SettableClock.at(SEP_30, TEN));
            assertThat(mine(p.officerB)).contains(id);
            assertThat(mine(p.officerC)).doesNotContain(id);
            assertThat(ids(listAll("agency=" + p.agencyA + "&state=open", p.officerA))).contains(id);

            // 2026-10-12 (Monday): material asked for; 10-13..16, 19, 20 are left: 6 working days
            clockAt(LocalDate.of(2026, 10, 12), LocalTime.of(9, 30));
            JsonNode asking = Http.json(http.post("/api/share/applications/" + id + "/material-request", note("请补充核验工作方案的审批件"),
                    p.officerA), 200);
            assertThat(asking.path("state").asText()).isEqualTo("MATERIAL_REQUESTED");
            assertThat(asking.path("paused").asBoolean()).isTrue();
            assertThat(asking.path("daysLeft").asInt()).isEqualTo(6);
            assertThat(asking.path("materialRequested").asText()).isEqualTo("请补充核验工作方案的审批件");

            // 10-26: past the old deadline, but paused: not overdue
            clockAt(LocalDate.of(2026, 10, 26), TEN);
            cases.sweep();
            JsonNode waiting = application(id, p.officerB);
            assertThat(waiting.path("paused").asBoolean()).isTrue();
            assertThat(waiting.path("daysLeft").asInt()).isEqualTo(6);
            assertThat(waiting.path("overdue").asBoolean()).isFalse();
            assertThat(ids(listAll("agency=" + p.agencyA + "&overdue=true", p.officerA))).doesNotContain(id);

            // supplied on 10-26: 6 working days after it: 11-03
            JsonNode supplied = Http.json(http.post("/api/share/applications/" + id + "/material", note("审批件：赣民救〔2026〕7号"), p.officerB), 200);
            assertThat(supplied.path("state").asText()).isEqualTo("SUBMITTED");
            assertThat(supplied.path("paused").asBoolean()).isFalse();
            assertThat(supplied.path("deadline").asText()).isEqualTo("2026-11-03");
            assertThat(supplied.path("receivedOn").asText()).isEqualTo("2026-09-30");
            assertThat(Http.texts(supplied.path("materials"))).containsExactly("核验工作方案", "审批件：赣民救〔2026〕7号");

            // 10-28: approved with conditions, three of the four items (not the holder's name)
            clockAt(LocalDate.of(2026, 10, 28), LocalTime.of(15, 0));
            // terms beyond the application are refused: an item not asked for, more than three years, no conditions
            JsonNode badTerms = Http.problem(http.post("/api/share/applications/" + id + "/approval", terms(" ", List.of(p.household, p.idNumber),
                    null).put("expiresOn", "2030-01-01").toString(), p.officerA), 422, "validation-failed");
            assertThat(Http.violationFields(badTerms)).containsExactlyInAnyOrder("conditions", "items", "expiresOn");
            // the using agency does not approve its own application
            Http.problem(http.post("/api/share/applications/" + id + "/approval", terms("自批", null, null).toString(), p.officerB), 403,
                    "forbidden");
            JsonNode approved = Http.json(http.post("/api/share/applications/" + id + "/approval",
                    terms("仅用于低保资格核验，不得向第三方提供 " + p.run, List.of(p.household, p.subsidy, p.members), null).toString(), p.officerA), 200);
            assertThat(approved.path("state").asText()).isEqualTo("APPROVED");
            assertThat(approved.path("overdue").asBoolean()).isFalse();
            assertThat(approved.path("answer").path("provide").asBoolean()).isTrue();
            assertThat(approved.path("answer").path("conditions").asText()).isEqualTo("仅用于低保资格核验，不得向第三方提供 " + p.run);
            assertThat(approved.path("answer").path("by").asText()).isEqualTo(officerA);
            assertThat(Instant.parse(approved.path("closedAt").asText())).isEqualTo(SettableClock.at(LocalDate.of(2026, 10, 28), LocalTime.of(15, 0)));
            String grant = approved.path("grant").asText();
            assertThat(grant).startsWith("grt_");
            assertThat(ids(listAll("agency=" + p.agencyA + "&state=open", p.officerA))).doesNotContain(id);

            // the grant: agency B's, for the stated purpose and legal duty, of the three items, by API
            JsonNode g = heldGrant(p.officerB, grant);
            assertThat(g.path("kind").asText()).isEqualTo("SHARE");
            assertThat(g.path("holder").asText()).isEqualTo(p.agencyB);
            assertThat(g.path("resource").asText()).isEqualTo(p.conditional);
            assertThat(g.path("purpose").asText()).isEqualTo(purpose);
            assertThat(g.path("legalDuty").asText()).isEqualTo(LEGAL_DUTY);
            assertThat(Http.texts(g.path("items"))).containsExactlyInAnyOrder(p.household, p.subsidy, p.members);
            assertThat(Http.texts(g.path("routes"))).containsExactly("SHARE_API");
            assertThat(g.path("status").asText()).isEqualTo("ACTIVE");
            assertThat(g.path("origin").asText()).isEqualTo(id);
            assertThat(g.path("conditions").asText()).isEqualTo("仅用于低保资格核验，不得向第三方提供 " + p.run);
            // default: one year from the approval, to the end of 2027-10-28 China time
            assertThat(Instant.parse(g.path("expiresAt").asText())).isEqualTo(SettableClock.at(LocalDate.of(2027, 10, 29), LocalTime.MIDNIGHT));
            assertThat(Http.texts(Http.json(http.get("/api/share/grants", p.officerC), 200), "id")).doesNotContain(grant);

            // B reads with the grant: every row, the granted items only
            JsonNode page = Http.json(rows(p.conditional, purpose, grant, null, p.officerB), 200);
            assertThat(Http.texts(page.path("columns"))).containsExactly(p.household, p.subsidy, p.members);
            assertThat(page.path("total").asLong()).isEqualTo(SharePlatform.ROWS);
            assertThat(page.path("rows")).hasSize(SharePlatform.ROWS);
            Map<String, Map<String, String>> original = new HashMap<>();
            p.conditionalRows.forEach(r -> original.put(r.get(p.household), r));
            Set<String> seen = new HashSet<>();
            for (JsonNode row : page.path("rows")) {
                assertThat(keys(row)).containsExactly(p.household, p.subsidy, p.members);
                Map<String, String> o = original.get(row.path(p.household).asText());
                assertThat(o).as("row %s", row).isNotNull();
                seen.add(row.path(p.household).asText());
                assertThat(row.path(p.members).asText()).isEqualTo(o.get(p.members));
                // fingerprinted at most one unit in the last decimal place
                BigDecimal delivered = new BigDecimal(row.path(p.subsidy).asText());
                BigDecimal was = new BigDecimal(o.get(p.subsidy));
                assertThat(delivered.subtract(was).abs()).as("subsidy %s delivered as %s", was, delivered)
                        .isLessThanOrEqualTo(BigDecimal.ONE.movePointLeft(Math.max(was.stripTrailingZeros().scale(), 0)));
            }
            assertThat(seen).hasSize(SharePlatform.ROWS);

            // every step in order, who and when; the provider sees the same
            JsonNode h = Http.json(http.get("/api/share/applications/" + id + "/history", p.officerB), 200);
            assertThat(h.size()).as(h.toString()).isEqualTo(4);
            step(h.get(0), "OPENED", officerB, null, "SUBMITTED", SettableClock.at(SEP_30, TEN));
            step(h.get(1), "MOVED", officerA, "SUBMITTED", "MATERIAL_REQUESTED", SettableClock.at(LocalDate.of(2026, 10, 12), LocalTime.of(9, 30)));
            assertThat(h.get(1).path("note").asText()).contains("请补充核验工作方案的审批件");
            step(h.get(2), "MOVED", officerB, "MATERIAL_REQUESTED", "SUBMITTED", SettableClock.at(LocalDate.of(2026, 10, 26), TEN));
            step(h.get(3), "MOVED", officerA, "SUBMITTED", "APPROVED", SettableClock.at(LocalDate.of(2026, 10, 28), LocalTime.of(15, 0)));
            assertThat(h.get(3).path("note").asText()).contains(grant);
            assertThat(Http.json(http.get("/api/share/applications/" + id + "/history", p.officerA), 200)).isEqualTo(h);
            // an agency that is neither party does not see it
            Http.problem(http.get("/api/share/applications/" + id + "/history", p.officerC), 403, "forbidden");
            id = null;
        } finally {
            withdrawQuietly(id, p.officerB);
        }
    }

    @Test
    void unansweredApplicationIsFlaggedOverdueAndRefusalNeedsReasons() {
        String purpose = "医疗救助对象身份核验 " + p.run;
        String id = null;
        try {
            JsonNode a = apply(p.officerC, form(p.conditional, purpose, List.of(p.household, p.area), "SHARE_DOWNLOAD"));
            id = a.path("id").asText();
            assertThat(a.path("deadline").asText()).isEqualTo("2026-10-20");

            // 10-20, the last day: not yet overdue
            clockAt(LocalDate.of(2026, 10, 20), LocalTime.of(17, 0));
            cases.sweep();
            assertThat(application(id, p.officerC).path("overdue").asBoolean()).isFalse();
            assertThat(ids(listAll("agency=" + p.agencyA + "&overdue=true", p.officerA))).doesNotContain(id);

            // 10-21: overdue, listed as such for the provider and the supervisor, not for another agency
            clockAt(LocalDate.of(2026, 10, 21), TEN);
            cases.sweep();
            JsonNode late = application(id, p.officerA);
            assertThat(late.path("state").asText()).isEqualTo("SUBMITTED");
            assertThat(late.path("overdue").asBoolean()).isTrue();
            assertThat(ids(listAll("agency=" + p.agencyA + "&overdue=true", p.officerA))).contains(id);
            assertThat(ids(listAll("agency=" + p.agencyA + "&state=open&overdue=true", p.people.supervisor()))).contains(id);
            Http.problem(http.get("/api/share/applications?agency=" + p.agencyA + "&overdue=true", p.officerB), 403, "forbidden");

            // a refusal without reasons is refused and changes nothing
            for (String empty : new String[] {null, "   "}) {
                JsonNode problem = Http.problem(http.post("/api/share/applications/" + id + "/refusal", note(empty), p.officerA), 422,
                        "validation-failed");
                assertThat(Http.violationFields(problem)).containsExactly("reasons");
            }
            assertThat(application(id, p.officerA).path("state").asText()).isEqualTo("SUBMITTED");
            // the using agency cannot refuse its own application
            Http.problem(http.post("/api/share/applications/" + id + "/refusal", note("自己拒绝"), p.officerC), 403, "forbidden");

            // with reasons: refused and recorded, still late
            String reasons = "申请信息项超出低保核验所需范围 " + p.run;
            JsonNode refused = Http.json(http.post("/api/share/applications/" + id + "/refusal", note(reasons), p.officerA), 200);
            assertThat(refused.path("state").asText()).isEqualTo("REFUSED");
            assertThat(refused.path("answer").path("provide").asBoolean()).isFalse();
            assertThat(refused.path("answer").path("reasons").asText()).isEqualTo(reasons);
            assertThat(refused.path("answer").path("by").asText()).isEqualTo(p.people.officerLogin(p.agencyA));
            assertThat(absent(refused.path("grant"))).isTrue();
            assertThat(refused.path("overdue").asBoolean()).isTrue();
            assertThat(ids(listAll("agency=" + p.agencyA + "&state=open", p.officerA))).doesNotContain(id);
            JsonNode h = Http.json(http.get("/api/share/applications/" + id + "/history", p.officerC), 200);
            JsonNode last = h.get(h.size() - 1);
            assertThat(last.path("to").asText()).isEqualTo("REFUSED");
            assertThat(last.path("note").asText()).contains(reasons);
            // closed: no second answer
            Http.problem(http.post("/api/share/applications/" + id + "/approval", terms("补批", null, null).toString(), p.officerA), 409,
                    "application-state");
            id = null;
        } finally {
            withdrawQuietly(id, p.officerC);
        }
    }

    static void step(JsonNode e, String kind, String actor, String from, String to, Instant at) {
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
