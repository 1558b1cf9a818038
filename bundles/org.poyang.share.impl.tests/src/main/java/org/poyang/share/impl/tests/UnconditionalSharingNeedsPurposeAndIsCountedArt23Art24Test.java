package org.poyang.share.impl.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Art. 23, 24: unconditionally shared data is read by agencies directly, but every call states the
 * legal duty it serves (purpose); nobody signed in gets nothing; the provider sees who received how much
 * for what purpose, and a using agency only its own usage.
 */
class UnconditionalSharingNeedsPurposeAndIsCountedArt23Art24Test extends ShareTestBase {

    @Test
    void agenciesReadWithAPurposeAndTheProviderSeesTheirUsage() {
        String purposeB = "养老服务补贴发放核对 " + p.run;
        String purposeC = "医养结合机构备案核对 " + p.run;
        List<String> sample = List.of("第1养老院", "第2养老院", "J17");

        // the share catalog lists agency A's three entries to agencies only
        JsonNode found = Http.json(http.get("/api/share/catalog?provider=" + p.agencyA + "&limit=200", p.officerB), 200);
        assertThat(found.toString()).contains(p.unconditional, p.conditional, p.notShared);
        JsonNode onlyUnconditional = Http.json(http.get("/api/share/catalog?provider=" + p.agencyA + "&shareType=UNCONDITIONAL&limit=200",
                p.officerB), 200);
        assertThat(onlyUnconditional.toString()).contains(p.unconditional).doesNotContain(p.conditional).doesNotContain(p.notShared);
        Http.problem(http.get("/api/share/catalog?shareType=OPEN", p.officerB), 422, "validation-failed");
        Http.problem(http.get("/api/share/catalog?provider=" + p.agencyA, p.people.citizen("share")), 403, "forbidden");
        Http.problem(http.get("/api/share/catalog?provider=" + p.agencyA, null), 401, "unauthorized");

        // the share view tells how it is shared
        JsonNode view = Http.json(http.get("/api/share/entries/" + p.unconditional, p.officerB), 200);
        assertThat(view.path("shareType").asText()).isEqualTo("UNCONDITIONAL");
        assertThat(view.path("provider").asText()).isEqualTo(p.agencyA);
        assertThat(view.path("links").path("rows").asText()).contains("route=share").contains("purpose=").doesNotContain("grant=");
        assertThat(view.path("links").has("apply")).isFalse();

        // with a purpose: every row, all items
        JsonNode page = Http.json(rows(p.unconditional, purposeB, null, null, p.officerB), 200);
        assertThat(page.path("total").asLong()).isEqualTo(50);
        assertThat(Http.texts(page.path("columns"))).containsExactly(p.uCode, p.uName, p.uAmount);
        assertThat(page.path("rows")).hasSize(50);
        List<String> codes = new ArrayList<>();
        page.path("rows").forEach(r -> codes.add(r.path(p.uCode).asText()));
        assertThat(codes).contains("J0", "J49");

        // without a purpose (or a blank one): 403 naming the legal duty, no rows
        for (String none : new String[] {null, "  "}) {
            HttpResponse<String> r = rows(p.unconditional, none, null, null, p.officerB);
            JsonNode problem = Http.problem(r, 403, "forbidden");
            assertThat(problem.path("detail").asText()).containsAnyOf("法定职责", "purpose");
            noRowData(r, sample);
        }
        // nobody signed in: 401, no rows
        HttpResponse<String> anonymous = rows(p.unconditional, purposeB, null, null, null);
        Http.problem(anonymous, 401, "unauthorized");
        noRowData(anonymous, sample);
        // a citizen is not an agency: 403
        HttpResponse<String> citizen = rows(p.unconditional, purposeB, null, null, p.people.citizen("share"));
        Http.problem(citizen, 403, "forbidden");
        noRowData(citizen, sample);

        // C reads too, by download
        HttpResponse<String> csv = export(p.unconditional, "csv", purposeC, null, p.officerC);
        assertThat(csv.statusCode()).as(csv.body()).isEqualTo(200);
        assertThat(csv(csv.body())).hasSize(51);

        // the provider sees both agencies' lines, with purpose, calls and rows
        String recipientB = "agency:" + p.agencyB;
        String recipientC = "agency:" + p.agencyC;
        JsonNode all = Http.json(http.get("/api/share/entries/" + p.unconditional + "/usage", p.officerA), 200);
        JsonNode lineB = line(all, recipientB, purposeB);
        assertThat(lineB).as("a line for %s in %s", recipientB, all).isNotNull();
        assertThat(lineB.path("agency").asText()).isEqualTo(p.agencyB);
        assertThat(lineB.path("resource").asText()).isEqualTo(p.unconditional);
        assertThat(lineB.path("route").asText()).isEqualTo("SHARE_API");
        assertThat(lineB.path("calls").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(lineB.path("rows").asLong()).isGreaterThanOrEqualTo(50);
        JsonNode lineC = line(all, recipientC, purposeC);
        assertThat(lineC).as("a line for %s in %s", recipientC, all).isNotNull();
        assertThat(lineC.path("route").asText()).isEqualTo("SHARE_DOWNLOAD");
        assertThat(lineC.path("rows").asLong()).isEqualTo(50);
        // refused calls delivered nothing: no line without a purpose
        for (JsonNode l : all) {
            assertThat(l.path("purpose").asText()).as(l.toString()).isNotBlank();
        }
        // the management department and supervisors see all lines too
        assertThat(line(Http.json(http.get("/api/share/entries/" + p.unconditional + "/usage", p.people.supervisor()), 200), recipientB, purposeB))
                .isNotNull();

        // B sees only its own lines; C none of B's
        JsonNode ofB = Http.json(http.get("/api/share/entries/" + p.unconditional + "/usage", p.officerB), 200);
        assertThat(ofB.size()).isGreaterThanOrEqualTo(1);
        assertThat(line(ofB, recipientB, purposeB)).isNotNull();
        ofB.forEach(l -> assertThat(l.path("agency").asText()).as(l.toString()).isEqualTo(p.agencyB));
        JsonNode ofC = Http.json(http.get("/api/share/entries/" + p.unconditional + "/usage", p.officerC), 200);
        assertThat(line(ofC, recipientC, purposeC)).isNotNull();
        ofC.forEach(l -> {
            assertThat(l.path("agency").asText()).as(l.toString()).isEqualTo(p.agencyC);
            assertThat(l.path("recipient").asText()).as(l.toString()).isNotEqualTo(recipientB);
        });
        // nobody signed in sees no usage
        assertThat(http.get("/api/share/entries/" + p.unconditional + "/usage", null).statusCode()).isEqualTo(401);
    }

    static JsonNode line(JsonNode lines, String recipient, String purpose) {
        for (JsonNode l : lines) {
            if (l.path("recipient").asText().equals(recipient) && l.path("purpose").asText().equals(purpose)) {
                return l;
            }
        }
        return null;
    }
}
