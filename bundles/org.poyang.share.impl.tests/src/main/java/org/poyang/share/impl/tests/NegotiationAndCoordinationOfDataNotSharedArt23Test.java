package org.poyang.share.impl.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Art. 23: data not shared is obtained by negotiation with the provider; failing agreement the using
 * agency escalates to the management department, whose coordination decision (with reasons) either
 * issues a grant on terms or leaves the data unshared. Only the management department decides.
 */
class NegotiationAndCoordinationOfDataNotSharedArt23Test extends ShareTestBase {

    @Test
    void declinedNegotiationIsEscalatedAndCoordinatedIntoAGrantOrNot() {
        String purpose = "行政处罚信息联合惩戒核查 " + p.run;
        String officerC = p.people.officerLogin(p.agencyC);
        List<String> sample = List.of("AJ1", "AJ19", "513.5");

        // a conditional entry is applied for, not negotiated
        Http.problem(http.post("/api/share/negotiations", form(p.conditional, purpose, List.of(p.household), "SHARE_API").toString(), p.officerC),
                409, "share-conditional");

        // C opens: NEGOTIATING, with A
        HttpResponse<String> opened = http.post("/api/share/negotiations", form(p.notShared, purpose, List.of(p.caseNo, p.fine), "SHARE_API")
                .toString(), p.officerC);
        JsonNode n = Http.json(opened, 201);
        String id = n.path("id").asText();
        assertThat(opened.headers().firstValue("Location").orElse("")).endsWith("/api/share/negotiations/" + id);
        assertThat(n.path("state").asText()).isEqualTo("NEGOTIATING");
        assertThat(n.path("provider").asText()).isEqualTo(p.agencyA);
        assertThat(n.path("agency").asText()).isEqualTo(p.agencyC);
        assertThat(n.path("requester").asText()).isEqualTo(officerC);
        assertThat(n.path("legalDuty").asText()).isEqualTo(LEGAL_DUTY);
        assertThat(Http.texts(Http.json(http.get("/api/share/negotiations", p.officerC), 200), "id")).contains(id);
        assertThat(Http.texts(Http.json(http.get("/api/share/negotiations", p.officerA), 200), "id")).as("the provider's negotiations")
                .contains(id);
        assertThat(Http.texts(Http.json(http.get("/api/share/negotiations", p.officerB), 200), "id")).doesNotContain(id);
        // not readable meanwhile
        refused(rows(p.notShared, purpose, null, null, p.officerC), sample);

        // A declines with reasons (none: 422); C may not answer for A
        Http.problem(http.post("/api/share/negotiations/" + id + "/refusal", note(""), p.officerA), 422, "validation-failed");
        Http.problem(http.post("/api/share/negotiations/" + id + "/refusal", note("自己拒绝"), p.officerC), 403, "forbidden");
        String reasons = "涉及正在办理的案件，依法不予提供 " + p.run;
        JsonNode declined = Http.json(http.post("/api/share/negotiations/" + id + "/refusal", note(reasons), p.officerA), 200);
        assertThat(declined.path("state").asText()).isEqualTo("DECLINED");
        assertThat(declined.path("reply").path("provide").asBoolean()).isFalse();
        assertThat(declined.path("reply").path("reasons").asText()).isEqualTo(reasons);

        // C escalates
        Http.problem(http.post("/api/share/negotiations/" + id + "/escalation", note("提请协调"), p.officerA), 403, "forbidden");
        JsonNode escalated = Http.json(http.post("/api/share/negotiations/" + id + "/escalation", note("联合惩戒须核查处罚信息 " + p.run),
                p.officerC), 200);
        assertThat(escalated.path("state").asText()).isEqualTo("ESCALATED");
        assertThat(escalated.path("escalation").asText()).isEqualTo("联合惩戒须核查处罚信息 " + p.run);
        assertThat(Http.texts(Http.json(http.get("/api/share/negotiations?escalated=true&limit=500", p.reviewer), 200), "id")).contains(id);
        Http.problem(http.get("/api/share/negotiations?escalated=true", p.officerA), 403, "forbidden");
        Http.problem(http.get("/api/share/negotiations?escalated=true", p.officerC), 403, "forbidden");

        // officer A (the provider) and the supervisor do not coordinate; the reviewer needs reasons
        ObjectNode provide = coordination(true, "依据联合惩戒备忘录，应当提供 " + p.run, terms("仅用于联合惩戒核查 " + p.run, List.of(p.caseNo), null));
        Http.problem(http.post("/api/share/negotiations/" + id + "/coordination", provide.toString(), p.officerA), 403, "forbidden");
        Http.problem(http.post("/api/share/negotiations/" + id + "/coordination", provide.toString(), p.officerC), 403, "forbidden");
        for (String none : new String[] {null, " "}) {
            ObjectNode noReasons = coordination(true, none, terms("仅用于联合惩戒核查", List.of(p.caseNo), null));
            JsonNode problem = Http.problem(http.post("/api/share/negotiations/" + id + "/coordination", noReasons.toString(), p.reviewer), 422,
                    "validation-failed");
            assertThat(Http.violationFields(problem)).containsExactly("reasons");
        }
        assertThat(Http.json(http.get("/api/share/negotiations/" + id, p.officerC), 200).path("state").asText()).isEqualTo("ESCALATED");

        // the reviewer decides to provide the case number only: COORDINATED, a grant to C
        JsonNode coordinated = Http.json(http.post("/api/share/negotiations/" + id + "/coordination", provide.toString(), p.reviewer), 200);
        assertThat(coordinated.path("state").asText()).isEqualTo("COORDINATED");
        assertThat(coordinated.path("decision").path("provide").asBoolean()).isTrue();
        assertThat(coordinated.path("decision").path("reasons").asText()).isEqualTo("依据联合惩戒备忘录，应当提供 " + p.run);
        String grant = coordinated.path("grant").asText();
        assertThat(grant).startsWith("grt_");
        JsonNode g = heldGrant(p.officerC, grant);
        assertThat(g.path("holder").asText()).isEqualTo(p.agencyC);
        assertThat(g.path("resource").asText()).isEqualTo(p.notShared);
        assertThat(g.path("purpose").asText()).isEqualTo(purpose);
        assertThat(Http.texts(g.path("items"))).containsExactly(p.caseNo);
        assertThat(g.path("origin").asText()).isEqualTo(id);

        // C reads the data not shared with it: the granted item only, every row
        JsonNode page = Http.json(rows(p.notShared, purpose, grant, null, p.officerC), 200);
        assertThat(page.path("total").asLong()).isEqualTo(20);
        assertThat(Http.texts(page.path("columns"))).containsExactly(p.caseNo);
        Set<String> caseNos = new HashSet<>();
        for (JsonNode row : page.path("rows")) {
            assertThat(keys(row)).containsExactly(p.caseNo);
            caseNos.add(row.path(p.caseNo).asText());
        }
        assertThat(caseNos).hasSize(20).contains("AJ0", "AJ19");
        // B, not party to it, still cannot
        refused(rows(p.notShared, purpose, grant, null, p.officerB), sample);
        // a closed negotiation takes no further decision
        Http.problem(http.post("/api/share/negotiations/" + id + "/coordination", provide.toString(), p.reviewer), 409, "application-state");

        // a second negotiation, opened again once the first is closed, coordinated not to provide
        String purpose2 = "行政处罚信息信用修复核查 " + p.run;
        JsonNode second = Http.json(http.post("/api/share/negotiations", form(p.notShared, purpose2, List.of(p.caseNo, p.fine), "SHARE_DOWNLOAD")
                .toString(), p.officerC), 201);
        String id2 = second.path("id").asText();
        assertThat(id2).isNotEqualTo(id);
        Http.problem(http.post("/api/share/negotiations", form(p.notShared, purpose2, List.of(p.caseNo), "SHARE_API").toString(), p.officerC), 409,
                "share-negotiation-pending");
        // not escalated yet: nothing to coordinate; the using agency cannot agree for the provider
        Http.problem(http.post("/api/share/negotiations/" + id2 + "/coordination", coordination(false, "未经协商", null).toString(), p.reviewer), 409,
                "application-state");
        Http.problem(http.post("/api/share/negotiations/" + id2 + "/agreement", terms("自行同意", null, null).toString(), p.officerC), 403,
                "forbidden");
        assertThat(Http.json(http.post("/api/share/negotiations/" + id2 + "/escalation", note("提供单位未答复 " + p.run), p.officerC), 200)
                .path("state").asText()).isEqualTo("ESCALATED");
        JsonNode no = Http.json(http.post("/api/share/negotiations/" + id2 + "/coordination", coordination(false, "信用修复无需处罚明细 " + p.run, null)
                .toString(), p.reviewer), 200);
        assertThat(no.path("state").asText()).isEqualTo("COORDINATED");
        assertThat(no.path("decision").path("provide").asBoolean()).isFalse();
        assertThat(no.path("decision").path("reasons").asText()).isEqualTo("信用修复无需处罚明细 " + p.run);
        assertThat(absent(no.path("grant"))).as(no.toString()).isTrue();
        // no grant came of the second negotiation; the first one's is there (other tests may hold others)
        long fromFirst = 0;
        for (JsonNode each : Http.json(http.get("/api/share/grants", p.officerC), 200)) {
            assertThat(each.path("origin").asText()).as(each.toString()).isNotEqualTo(id2);
            if (each.path("origin").asText().equals(id)) {
                fromFirst++;
            }
        }
        assertThat(fromFirst).isEqualTo(1);
        for (JsonNode each : Http.json(http.get("/api/share/entries/" + p.notShared + "/grants", p.officerA), 200)) {
            assertThat(each.path("origin").asText()).as(each.toString()).isNotEqualTo(id2);
        }
        // reads for the second purpose stay refused, with or without the first grant, by either route
        refused(rows(p.notShared, purpose2, null, null, p.officerC), sample);
        refused(rows(p.notShared, purpose2, grant, null, p.officerC), sample);
        refused(export(p.notShared, "csv", purpose2, null, p.officerC), sample);
        JsonNode h = Http.json(http.get("/api/share/negotiations/" + id2 + "/history", p.officerC), 200);
        assertThat(h.get(h.size() - 1).path("to").asText()).isEqualTo("COORDINATED");
        assertThat(h.get(h.size() - 1).path("note").asText()).contains("信用修复无需处罚明细 " + p.run);
    }

    static ObjectNode coordination(boolean provide, String reasons, ObjectNode terms) {
        ObjectNode c = Http.JSON.createObjectNode();
        c.put("provide", provide);
        if (reasons == null) {
            c.putNull("reasons");
        } else {
            c.put("reasons", reasons);
        }
        if (terms == null) {
            c.putNull("terms");
        } else {
            c.set("terms", terms);
        }
        return c;
    }

    static void refused(HttpResponse<String> r, List<String> sample) {
        Http.problem(r, 403, "forbidden");
        noRowData(r, sample);
    }
}
