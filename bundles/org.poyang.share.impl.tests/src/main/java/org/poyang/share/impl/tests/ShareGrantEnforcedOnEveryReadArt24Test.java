package org.poyang.share.impl.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Art. 24: conditionally shared data is served only under a grant held by the caller's agency, for the
 * purpose it was granted for, by the route it allows, of the items it names, until it is revoked; every
 * refused read is 403 and carries no row data.
 */
class ShareGrantEnforcedOnEveryReadArt24Test extends ShareTestBase {

    @Test
    void readsOutsideTheGrantAreRefusedWithoutData() {
        String purpose = "住房保障资格联审 " + p.run;
        JsonNode approved = applyAndApprove(p.officerB, form(p.conditional, purpose, List.of(p.household, p.subsidy, p.members), "SHARE_API"),
                terms("仅用于住房保障资格联审 " + p.run, null, null));
        String grant = approved.path("grant").asText();
        Map<String, String> first = p.conditionalRows.get(0);
        List<String> sample = List.of(first.get(p.household), first.get(p.holder), first.get(p.idNumber), p.conditionalRows.get(1).get(p.household));

        // within the grant: 200, the granted items only; a filter on a granted item works
        JsonNode page = Http.json(rows(p.conditional, purpose, grant, null, p.officerB), 200);
        assertThat(page.path("total").asLong()).isEqualTo(SharePlatform.ROWS);
        assertThat(Http.texts(page.path("columns"))).containsExactly(p.household, p.subsidy, p.members);
        JsonNode one = Http.json(rows(p.conditional, purpose, grant, "&" + Http.enc(p.household) + "=" + first.get(p.household), p.officerB), 200);
        assertThat(one.path("total").asLong()).isEqualTo(1);
        assertThat(one.path("rows").get(0).path(p.members).asText()).isEqualTo(first.get(p.members));

        // without a grant, with an unknown grant
        refused(rows(p.conditional, purpose, null, null, p.officerB), sample);
        refused(rows(p.conditional, purpose, "grt_nonexistent" + p.run, null, p.officerB), sample);
        // another purpose than the granted one, even a longer one
        refused(rows(p.conditional, "住房保障资格联审", grant, null, p.officerB), sample);
        refused(rows(p.conditional, purpose + " 及其他用途", grant, null, p.officerB), sample);
        refused(rows(p.conditional, null, grant, null, p.officerB), sample);
        // another agency with B's grant and purpose
        refused(rows(p.conditional, purpose, grant, null, p.officerC), sample);
        // a route the grant does not allow: download with an API-only grant, in every format
        for (String format : List.of("csv", "json")) {
            refused(export(p.conditional, format, purpose, grant, p.officerB), sample);
        }
        // filtering on an item the grant does not cover, personal or not
        refused(rows(p.conditional, purpose, grant, "&" + Http.enc(p.holder) + "=" + Http.enc(first.get(p.holder)), p.officerB), sample);
        refused(rows(p.conditional, purpose, grant, "&" + Http.enc(p.idNumber) + "=" + first.get(p.idNumber), p.officerB), sample);
        refused(rows(p.conditional, purpose, grant, "&" + Http.enc(p.paidOn) + "=" + first.get(p.paidOn), p.officerB), sample);
        // the grant is for this resource only
        refused(rows(p.notShared, purpose, grant, null, p.officerB), List.of("AJ1", "AJ2"));

        // who may see the grant and its usage: the holder and the provider, not another agency
        assertThat(Http.json(http.get("/api/share/grants/" + grant, p.officerB), 200).path("holder").asText()).isEqualTo(p.agencyB);
        assertThat(Http.json(http.get("/api/share/grants/" + grant, p.officerA), 200).path("purpose").asText()).isEqualTo(purpose);
        Http.problem(http.get("/api/share/grants/" + grant, p.officerC), 403, "forbidden");
        assertThat(Http.texts(Http.json(http.get("/api/share/entries/" + p.conditional + "/grants", p.officerA), 200), "id")).contains(grant);
        Http.problem(http.get("/api/share/entries/" + p.conditional + "/grants", p.officerB), 403, "forbidden");
        Http.problem(http.get("/api/share/grants/" + grant + "/usage", p.officerC), 403, "forbidden");
        // only the two permitted reads were delivered and counted: 1,000 + 1 rows, none of the refused ones
        JsonNode usage = Http.json(http.get("/api/share/grants/" + grant + "/usage", p.officerB), 200);
        long calls = 0;
        long delivered = 0;
        for (JsonNode l : usage) {
            assertThat(l.path("recipient").asText()).isEqualTo(grant);
            assertThat(l.path("agency").asText()).isEqualTo(p.agencyB);
            assertThat(l.path("purpose").asText()).isEqualTo(purpose);
            assertThat(l.path("route").asText()).isEqualTo("SHARE_API");
            calls += l.path("calls").asLong();
            delivered += l.path("rows").asLong();
        }
        assertThat(calls).as(usage.toString()).isEqualTo(2);
        assertThat(delivered).as(usage.toString()).isEqualTo(SharePlatform.ROWS + 1);
        assertThat(Http.json(http.get("/api/share/grants/" + grant + "/usage", p.officerA), 200)).isEqualTo(usage);

        // only the provider (or a supervisor) revokes, with a reason
        Http.problem(http.post("/api/share/grants/" + grant + "/revocation", note("使用单位自行撤销"), p.officerB), 403, "forbidden");
        Http.problem(http.post("/api/share/grants/" + grant + "/revocation", note(" "), p.officerA), 422, "validation-failed");
        assertThat(Http.json(rows(p.conditional, purpose, grant, null, p.officerB), 200).path("total").asLong()).isEqualTo(SharePlatform.ROWS);
        JsonNode revoked = Http.json(http.post("/api/share/grants/" + grant + "/revocation", note("使用单位超范围使用 " + p.run), p.officerA), 200);
        assertThat(revoked.path("status").asText()).isEqualTo("REVOKED");
        assertThat(revoked.path("revokedReason").asText()).isEqualTo("使用单位超范围使用 " + p.run);
        assertThat(heldGrant(p.officerB, grant).path("status").asText()).isEqualTo("REVOKED");

        // revoked: effective on the next call
        refused(rows(p.conditional, purpose, grant, null, p.officerB), sample);
        refused(rows(p.conditional, purpose, grant, "&" + Http.enc(p.household) + "=" + first.get(p.household), p.officerB), sample);

        // the application that issued it stays approved; a new application is possible
        assertThat(application(approved.path("id").asText(), p.officerB).path("state").asText()).isEqualTo("APPROVED");
    }

    static void refused(HttpResponse<String> r, List<String> sample) {
        Http.problem(r, 403, "forbidden");
        noRowData(r, sample);
    }
}
