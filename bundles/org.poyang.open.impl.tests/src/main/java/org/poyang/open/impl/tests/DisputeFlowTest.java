package org.poyang.open.impl.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Art. 20: agency A records a dispute with agency B over which of them opens some data; they negotiate,
 * A escalates, the management department records the expert committee's opinion and decides that B opens.
 */
class DisputeFlowTest extends OpenTestBase {

    private ObjectNode form(String subject, String counterpart) {
        ObjectNode f = Http.JSON.createObjectNode();
        f.putNull("resource");
        f.put("subject", subject);
        f.put("counterpart", counterpart);
        f.put("claim", "该数据由交通运输部门采集，应由其开放 " + p.run);
        return f;
    }

    private static String step(String text, String opener) {
        ObjectNode s = Http.JSON.createObjectNode();
        s.put("text", text);
        if (opener != null) {
            s.put("opener", opener);
        }
        return s.toString();
    }

    /** A third agency, party to nothing. */
    private String thirdAgency() {
        String code = Identities.creditCode(new Random(), "360100");
        var r = http.post("/api/catalog/agencies", "{\"creditCode\":\"" + code + "\",\"name\":\"开放测试自然资源局" + p.run + code.substring(10)
                + "\",\"regionCode\":\"360100\",\"level\":\"CITY\"}", p.reviewer);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return code;
    }

    @Test
    void aDisputeIsNegotiatedEscalatedAndDecided() {
        String officerC = p.people.officer(thirdAgency());

        var created = http.post("/api/open/disputes", form("公交线路站点数据" + p.run, p.agencyB).toString(), p.officerA);
        JsonNode d = Http.json(created, 201);
        String id = d.path("id").asText();
        assertThat(created.headers().firstValue("Location").orElse("")).endsWith("/api/open/disputes/" + id);
        assertThat(d.path("state").asText()).isEqualTo("NEGOTIATING");
        assertThat(d.path("claimant").asText()).isEqualTo(p.agencyA);
        assertThat(d.path("counterpart").asText()).isEqualTo(p.agencyB);
        assertThat(d.path("subject").asText()).isEqualTo("公交线路站点数据" + p.run);
        assertThat(absent(d.path("opener"))).isTrue();
        assertThat(d.path("notes")).isEmpty();

        // B negotiates
        JsonNode negotiated = Http.json(http.post("/api/open/disputes/" + id + "/negotiation", step("我局认为应由市场监管局开放", null), p.officerB), 200);
        assertThat(negotiated.path("state").asText()).isEqualTo("NEGOTIATING");
        assertThat(negotiated.path("notes")).hasSize(1);
        assertThat(negotiated.path("notes").get(0).asText()).contains(p.agencyB).contains("我局认为应由市场监管局开放");

        // a third agency may neither negotiate nor read
        Http.problem(http.post("/api/open/disputes/" + id + "/negotiation", step("我们也有意见", null), officerC), 403, "forbidden");
        Http.problem(http.get("/api/open/disputes/" + id, officerC), 403, "forbidden");
        Http.problem(http.get("/api/open/disputes/" + id + "/history", officerC), 403, "forbidden");

        // the parties find it in their lists; the third agency may not list theirs
        assertThat(Http.texts(Http.json(http.get("/api/open/disputes?agency=" + p.agencyA + "&state=open", p.officerA), 200), "id")).contains(id);
        assertThat(Http.texts(Http.json(http.get("/api/open/disputes?agency=" + p.agencyB + "&state=open", p.officerB), 200), "id")).contains(id);
        Http.problem(http.get("/api/open/disputes?agency=" + p.agencyA, officerC), 403, "forbidden");

        // both parties read it
        assertThat(Http.json(http.get("/api/open/disputes/" + id, p.officerA), 200).path("notes")).hasSize(1);
        assertThat(Http.json(http.get("/api/open/disputes/" + id, p.officerB), 200).path("state").asText()).isEqualTo("NEGOTIATING");

        // A escalates
        JsonNode escalated = Http.json(http.post("/api/open/disputes/" + id + "/escalation", step("协商不成", null), p.officerA), 200);
        assertThat(escalated.path("state").asText()).isEqualTo("ESCALATED");

        // a decision before the expert opinion is refused
        Http.problem(http.post("/api/open/disputes/" + id + "/decision", step("由交通运输局开放", p.agencyB), p.reviewer), 409, "application-state");
        assertThat(Http.json(http.get("/api/open/disputes/" + id, p.reviewer), 200).path("state").asText()).isEqualTo("ESCALATED");

        JsonNode opinion = Http.json(http.post("/api/open/disputes/" + id + "/opinion", step("专家委员会认为应由采集单位开放", null), p.reviewer), 200);
        assertThat(opinion.path("state").asText()).isEqualTo("OPINION_RECORDED");
        assertThat(opinion.path("opinion").asText()).isEqualTo("专家委员会认为应由采集单位开放");

        // a decision naming an agency that is not a party
        assertThat(Http.violationFields(Http.problem(http.post("/api/open/disputes/" + id + "/decision", step("由第三方开放", "91360100MA35XXXXXX"),
                p.reviewer), 422, "validation-failed"))).containsExactly("opener");

        JsonNode decided = Http.json(http.post("/api/open/disputes/" + id + "/decision", step("由交通运输局开放", p.agencyB), p.reviewer), 200);
        assertThat(decided.path("state").asText()).isEqualTo("DECIDED");
        assertThat(decided.path("opener").asText()).isEqualTo(p.agencyB);
        assertThat(decided.path("opinion").asText()).isEqualTo("专家委员会认为应由采集单位开放");
        assertThat(decided.path("decision").asText()).isEqualTo("由交通运输局开放");
        assertThat(absent(decided.path("closedAt"))).isFalse();

        JsonNode history = Http.json(http.get("/api/open/disputes/" + id + "/history", p.officerA), 200);
        List<String> to = Http.texts(history, "to");
        assertThat(to).containsSubsequence("NEGOTIATING", "NEGOTIATING", "ESCALATED", "OPINION_RECORDED", "DECIDED");
        assertThat(to.get(to.size() - 1)).isEqualTo("DECIDED");
        List<String> notes = Http.texts(history, "note");
        int neg = indexOfContaining(notes, "我局认为应由市场监管局开放");
        int esc = indexOfContaining(notes, "协商不成");
        int op = indexOfContaining(notes, "专家委员会认为应由采集单位开放");
        int dec = indexOfContaining(notes, "由交通运输局开放");
        assertThat(neg).as(history.toString()).isGreaterThanOrEqualTo(0);
        assertThat(neg).isLessThan(esc);
        assertThat(esc).isLessThan(op);
        assertThat(op).isLessThan(dec);
        assertThat(history.get(neg).path("actor").asText()).isEqualTo(p.people.officerLogin(p.agencyB));
        assertThat(history.get(esc).path("actor").asText()).isEqualTo(p.people.officerLogin(p.agencyA));
        List<Integer> seqs = history.findValuesAsText("seq").stream().map(Integer::valueOf).toList();
        assertThat(seqs).isSorted();

        assertThat(Http.texts(Http.json(http.get("/api/open/disputes?agency=" + p.agencyA + "&state=open&limit=500", p.officerA), 200), "id"))
                .doesNotContain(id);

        // decided: the parties cannot negotiate any more
        Http.problem(http.post("/api/open/disputes/" + id + "/negotiation", step("还想再谈", null), p.officerB), 409, "application-state");
    }

    @Test
    void anAgreementNamesOneOfTheParties() {
        String officerCAgency = thirdAgency();
        String id = Http.json(http.post("/api/open/disputes", form("道路养护数据" + p.run, p.agencyB).toString(), p.officerA), 201).path("id").asText();
        assertThat(Http.violationFields(Http.problem(http.post("/api/open/disputes/" + id + "/agreement", step("协商一致", officerCAgency), p.officerB),
                422, "validation-failed"))).containsExactly("opener");
        assertThat(Http.violationFields(Http.problem(http.post("/api/open/disputes/" + id + "/agreement", step("协商一致", null), p.officerB),
                422, "validation-failed"))).containsExactly("opener");
        JsonNode still = Http.json(http.get("/api/open/disputes/" + id, p.officerA), 200);
        assertThat(still.path("state").asText()).isEqualTo("NEGOTIATING");
        assertThat(absent(still.path("opener"))).isTrue();

        JsonNode agreed = Http.json(http.post("/api/open/disputes/" + id + "/agreement", step("协商一致", p.agencyA), p.officerB), 200);
        assertThat(agreed.path("state").asText()).isEqualTo("AGREED");
        assertThat(agreed.path("opener").asText()).isEqualTo(p.agencyA);
    }

    private static int indexOfContaining(List<String> notes, String text) {
        for (int i = 0; i < notes.size(); i++) {
            if (notes.get(i) != null && notes.get(i).contains(text)) {
                return i;
            }
        }
        return -1;
    }
}
