package org.poyang.share.impl.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Art. 23, 24: an application the platform cannot take is refused with the reason, every violation
 * listed, and changes nothing: unconditionally shared data is called directly, data not shared is
 * negotiated, the purpose, the legal duty served, the items and a contact are required, the items must be
 * the resource's and the route a share route, an agency does not apply for its own data, only agencies'
 * data officers apply, and one application per agency and resource is pending at a time.
 */
class BadShareApplicationsChangeNothingArt23Test extends ShareTestBase {

    @Test
    void everyBadApplicationIsRefusedWithItsReasonAndNothingIsOpened() {
        String purpose = "错误申请测试 " + p.run;
        List<String> before = mine(p.officerB);
        List<String> openAtA = ids(listAll("agency=" + p.agencyA + "&state=open", p.officerA));

        // unconditionally shared: no application needed
        JsonNode u = Http.problem(http.post("/api/share/applications", form(p.unconditional, purpose, List.of(p.uCode), "SHARE_API").toString(),
                p.officerB), 409, "share-unconditional");
        assertThat(u.path("detail").asText()).contains(p.unconditional);

        // not shared: negotiate instead
        JsonNode n = Http.problem(http.post("/api/share/applications", form(p.notShared, purpose, List.of(p.caseNo), "SHARE_API").toString(),
                p.officerB), 409, "share-not-shared");
        assertThat(n.path("detail").asText()).contains("/api/share/negotiations");

        // purpose, legal duty, items and contact missing: all four listed at once
        ObjectNode empty = form(p.conditional, purpose, List.of(), "SHARE_API");
        empty.putNull("purpose");
        empty.put("legalDuty", "  ");
        empty.putNull("contact");
        JsonNode missing = Http.problem(http.post("/api/share/applications", empty.toString(), p.officerB), 422, "validation-failed");
        assertThat(Http.violationFields(missing)).containsExactlyInAnyOrder("purpose", "legalDuty", "items", "contact");
        ObjectNode noItems = form(p.conditional, purpose, List.of(), "SHARE_API");
        noItems.remove("items");
        assertThat(Http.violationFields(Http.problem(http.post("/api/share/applications", noItems.toString(), p.officerB), 422,
                "validation-failed"))).containsExactly("items");

        // an unknown item and a route that is not a share route: both listed, the unknown item named
        JsonNode bad = Http.problem(http.post("/api/share/applications", form(p.conditional, purpose, List.of(p.household, "不存在的信息项" + p.run),
                "OPEN_API").toString(), p.officerB), 422, "validation-failed");
        assertThat(Http.violationFields(bad)).containsExactlyInAnyOrder("items", "route");
        assertThat(bad.path("violations").toString()).contains("不存在的信息项" + p.run);
        assertThat(Http.violationFields(Http.problem(http.post("/api/share/applications", form(p.conditional, purpose, List.of(p.household),
                null).toString(), p.officerB), 422, "validation-failed"))).containsExactly("route");

        // the provider's own data
        JsonNode own = Http.problem(http.post("/api/share/applications", form(p.conditional, purpose, List.of(p.household), "SHARE_API").toString(),
                p.officerA), 422, "validation-failed");
        assertThat(Http.violationFields(own)).containsExactly("resource");

        // a clerk without the data officer role, a citizen: 403; nobody signed in: 401
        String good = form(p.conditional, purpose, List.of(p.household), "SHARE_API").toString();
        Http.problem(http.post("/api/share/applications", good, p.people.clerk(p.agencyB)), 403, "forbidden");
        Http.problem(http.post("/api/share/applications", good, p.people.citizen("share")), 403, "forbidden");
        Http.problem(http.post("/api/share/applications", good, null), 401, "unauthorized");
        Http.problem(http.get("/api/share/applications", null), 401, "unauthorized");

        // nothing was opened
        assertThat(mine(p.officerB)).containsExactlyInAnyOrderElementsOf(before);
        assertThat(mine(p.officerA)).isEmpty();
        assertThat(ids(listAll("agency=" + p.agencyA + "&state=open", p.officerA))).containsExactlyInAnyOrderElementsOf(openAtA);
    }

    @Test
    void oneApplicationIsPendingAtATimeAndAClosedOneTakesNoFurtherStep() {
        String purpose = "重复申请测试 " + p.run;
        String id = apply(p.officerB, form(p.conditional, purpose, List.of(p.household), "SHARE_API")).path("id").asText();
        try {
            List<String> withOne = mine(p.officerB);
            JsonNode second = Http.problem(http.post("/api/share/applications", form(p.conditional, purpose + " 第二件", List.of(p.members),
                    "SHARE_DOWNLOAD").toString(), p.officerB), 409, "share-application-pending");
            assertThat(second.path("detail").asText()).contains(id);
            assertThat(mine(p.officerB)).containsExactlyInAnyOrderElementsOf(withOne);
            // another agency may apply for the same entry meanwhile
            String other = apply(p.officerC, form(p.conditional, purpose, List.of(p.household), "SHARE_API")).path("id").asText();
            Http.json(http.post("/api/share/applications/" + other + "/withdrawal", note("测试撤回"), p.officerC), 200);
            // only the applying agency withdraws
            Http.problem(http.post("/api/share/applications/" + id + "/withdrawal", note("他人撤回"), p.officerC), 403, "forbidden");
            // the provider cannot supply material for it, nor supply when none was asked for
            Http.problem(http.post("/api/share/applications/" + id + "/material", note("未要求的材料"), p.officerB), 409, "application-state");
        } finally {
            JsonNode w = Http.json(http.post("/api/share/applications/" + id + "/withdrawal", note("测试撤回"), p.officerB), 200);
            assertThat(w.path("state").asText()).isEqualTo("WITHDRAWN");
        }
        // closed: no second withdrawal, no approval, no material request
        Http.problem(http.post("/api/share/applications/" + id + "/withdrawal", note("再次撤回"), p.officerB), 409, "application-state");
        Http.problem(http.post("/api/share/applications/" + id + "/approval", terms("批准已撤回的申请", null, null).toString(), p.officerA), 409,
                "application-state");
        Http.problem(http.post("/api/share/applications/" + id + "/material-request", note("补正"), p.officerA), 409, "application-state");
        // and the agency may apply again
        String again = apply(p.officerB, form(p.conditional, purpose, List.of(p.household), "SHARE_API")).path("id").asText();
        Http.json(http.post("/api/share/applications/" + again + "/withdrawal", note("测试撤回"), p.officerB), 200);
    }
}
