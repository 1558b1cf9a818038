package org.poyang.open.impl.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.osgi.test.common.annotation.InjectService;
import org.poyang.security.api.ApiKeyService;

/**
 * Art. 17, 18: what an application is refused for, with the reason, and that a refused application
 * leaves nothing behind: no application in the applicant's list, none in the provider's.
 */
class ApplyRefusalsTest extends OpenTestBase {

    @InjectService(timeout = 60_000)
    ApiKeyService keys;

    @Test
    void unconditionallyOpenDataNeedsNoApplicationAndNotOpenDataTakesNone() {
        String citizen = p.people.citizen("direct");
        JsonNode unconditional = Http.problem(http.post("/api/open/applications",
                form(p.unconditional, List.of("公园名称" + p.run), "OPEN_DOWNLOAD").toString(), citizen), 409, "open-unconditional");
        assertThat(unconditional.path("detail").asText()).contains("/api/collect/entries/" + p.unconditional + "/export");
        JsonNode notOpen = Http.problem(http.post("/api/open/applications",
                form(p.notOpen, List.of("案件编号" + p.run), "OPEN_DOWNLOAD").toString(), citizen), 409, "open-not-open");
        assertThat(notOpen.path("detail").asText()).contains(p.notOpen);
        assertThat(mine(citizen)).isEmpty();

        // their dataset pages agree: download directly; not in the open catalog
        JsonNode page = Http.json(http.get("/api/open/datasets/" + p.unconditional, null), 200);
        assertThat(page.path("access").path("openType").asText()).isEqualTo("UNCONDITIONAL");
        assertThat(page.path("access").path("applicationNeeded").asBoolean()).isFalse();
        assertThat(absent(page.path("access").path("links").path("apply"))).isTrue();
        assertThat(page.path("access").path("links").path("csv").asText()).isEqualTo("/api/collect/entries/" + p.unconditional + "/export?format=csv");
        Http.problem(http.get("/api/open/datasets/" + p.notOpen, null), 404, "not-found");
    }

    @Test
    void incompleteOrWrongApplicationsAreRefusedWithEveryProblemAndCreateNothing() {
        String citizen = p.people.citizen("careless");
        String existing = apply(citizen, form(p.conditional2, List.of(p.station), "OPEN_API")).path("id").asText();
        List<String> before = mine(citizen);
        List<String> agencyBefore = ids(listAll("agency=" + p.agencyA + "&state=open", p.officerA));
        assertThat(before).containsExactly(existing);

        ObjectNode noName = form(p.conditional, List.of(p.name), "OPEN_API");
        ((ObjectNode) noName.get("applicant")).put("name", " ");
        refused(citizen, noName, "applicant.name");
        ObjectNode noContact = form(p.conditional, List.of(p.name), "OPEN_API");
        ((ObjectNode) noContact.get("applicant")).remove("contact");
        refused(citizen, noContact, "applicant.contact");
        ObjectNode noApplicant = form(p.conditional, List.of(p.name), "OPEN_API");
        noApplicant.remove("applicant");
        refused(citizen, noApplicant, "applicant.name", "applicant.contact");
        ObjectNode noPurpose = form(p.conditional, List.of(p.name), "OPEN_API");
        noPurpose.put("purpose", "");
        refused(citizen, noPurpose, "purpose");
        ObjectNode longPurpose = form(p.conditional, List.of(p.name), "OPEN_API");
        longPurpose.put("purpose", "研".repeat(1001));
        refused(citizen, longPurpose, "purpose");
        ObjectNode noItems = form(p.conditional, List.of(), "OPEN_API");
        refused(citizen, noItems, "items");
        ObjectNode nullItems = form(p.conditional, List.of(p.name), "OPEN_API");
        nullItems.putNull("items");
        refused(citizen, nullItems, "items");
        refused(citizen, form(p.conditional, List.of(p.name, "不存在的信息项" + p.run), "OPEN_API"), "items");
        refused(citizen, form(p.conditional, List.of(p.station), "OPEN_API"), "items"); // another entry's item
        refused(citizen, form(p.conditional, List.of(p.name), "SHARE_API"), "route");
        ObjectNode noRoute = form(p.conditional, List.of(p.name), "OPEN_API");
        noRoute.putNull("route");
        refused(citizen, noRoute, "route");
        ObjectNode everything = form(p.conditional, List.of(), "SHARE_DOWNLOAD");
        everything.remove("applicant");
        everything.putNull("purpose");
        refused(citizen, everything, "applicant.name", "applicant.contact", "purpose", "items", "route");
        ObjectNode noResource = form(p.conditional, List.of(p.name), "OPEN_API");
        noResource.remove("resource");
        refused(citizen, noResource, "resource");
        refused(citizen, form("企业登记-" + p.run, List.of(p.name), "OPEN_API"), "resource");

        // unknown resources and applications
        Http.problem(http.post("/api/open/applications", form("399999/999999", List.of(p.name), "OPEN_API").toString(), citizen), 404,
                "not-found");
        Http.problem(http.get("/api/open/applications/case_00000000000000000000", citizen), 404, "not-found");
        Http.problem(http.get("/api/open/applications/case_00000000000000000000/history", citizen), 404, "not-found");
        Http.problem(http.post("/api/open/applications/case_00000000000000000000/approval", approval(null, "2027-06-30").toString(), p.officerA),
                404, "not-found");
        Http.problem(http.post("/api/open/applications/case_00000000000000000000/material", note("材料"), citizen), 404, "not-found");

        assertThat(mine(citizen)).isEqualTo(before);
        assertThat(ids(listAll("agency=" + p.agencyA + "&state=open", p.officerA))).isEqualTo(agencyBefore);
        withdraw(existing, citizen);
    }

    @Test
    void anUnknownRouteIsAValidationFailure() {
        String citizen = p.people.citizen("faxed");
        refused(citizen, form(p.conditional, List.of(p.name), "FAX"), "route");
    }

    @Test
    void organisationsGiveTheirNameAndAValidCreditCode() {
        String company = p.people.company("gear");
        ObjectNode noOrganisation = form(p.conditional, List.of(p.name), "OPEN_API");
        refused(company, noOrganisation, "applicant.organisation", "applicant.creditCode");
        String code = Identities.creditCode(new Random(), "91", "360100");
        ObjectNode wrongCode = organisation(code.substring(0, 17) + "I"); // I is not in the GB 32100 character set
        refused(company, wrongCode, "applicant.creditCode");
        refused(company, organisation(Identities.withWrongCheck(code)), "applicant.creditCode");
        refused(company, organisation("12345"), "applicant.creditCode");
        ObjectNode noCode = organisation(null);
        refused(company, noCode, "applicant.creditCode");
        assertThat(mine(company)).isEmpty();

        JsonNode a = apply(company, organisation(code));
        assertThat(a.path("applicantType").asText()).isEqualTo("LEGAL_PERSON");
        assertThat(a.path("identity").path("organisation").asText()).isEqualTo("南昌齿轮有限公司" + p.run);
        assertThat(a.path("identity").path("creditCode").asText()).isEqualTo(code);
        assertThat(mine(company)).containsExactly(a.path("id").asText());
        withdraw(a.path("id").asText(), company);
    }

    @Test
    void onlyPersonsAndOrganisationsApplyWithTheirOwnAccounts() {
        String body = form(p.conditional, List.of(p.name), "OPEN_API").toString();
        List<String> agencyBefore = ids(listAll("agency=" + p.agencyA + "&state=open", p.officerA));

        HttpResponse<String> anonymous = http.post("/api/open/applications", body, null);
        Http.problem(anonymous, 401, "unauthorized");
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).isPresent();
        Http.problem(http.get("/api/open/applications", null), 401, "unauthorized");

        // agency staff obtain data by sharing (Art. 23): the other agency's officer, the provider's own, the management department
        Http.problem(http.post("/api/open/applications", body, p.officerB), 403, "forbidden");
        Http.problem(http.post("/api/open/applications", body, p.officerA), 403, "forbidden");
        Http.problem(http.post("/api/open/applications", body, p.reviewer), 403, "forbidden");
        assertThat(mine(p.officerB)).isEmpty();

        // an application key acts within its scopes, not as an applicant
        String citizen = p.people.citizen("keyed");
        String key = keys.issue(p.people.citizenLogin("keyed"), "开放测试应用" + p.run, Set.of("open.read"), 1000, null, "open-tests").secret();
        Http.problem(http.sendWithKey("POST", "/api/open/applications", body, key), 403, "forbidden");
        assertThat(mine(citizen)).isEmpty();
        assertThat(ids(listAll("agency=" + p.agencyA + "&state=open", p.officerA))).isEqualTo(agencyBefore);
    }

    @Test
    void aSecondPendingApplicationForTheSameResourceIsRefused() {
        String citizen = p.people.citizen("twice");
        String first = apply(citizen, form(p.conditional, List.of(p.name), "OPEN_API")).path("id").asText();
        JsonNode pending = Http.problem(http.post("/api/open/applications", form(p.conditional, List.of(p.industry), "OPEN_DOWNLOAD").toString(),
                citizen), 409, "application-pending");
        assertThat(pending.path("detail").asText()).contains(first);
        assertThat(mine(citizen)).containsExactly(first);

        // while it waits for material it is still pending
        Http.json(http.post("/api/open/applications/" + first + "/material-request", note("请说明研究课题"), p.officerA), 200);
        Http.problem(http.post("/api/open/applications", form(p.conditional, List.of(p.industry), "OPEN_DOWNLOAD").toString(), citizen), 409,
                "application-pending");
        assertThat(mine(citizen)).containsExactly(first);

        // another resource is another matter; and once withdrawn, the same resource may be applied for again
        String other = apply(citizen, form(p.conditional2, List.of(p.reading), "OPEN_API")).path("id").asText();
        withdraw(first, citizen);
        assertThat(application(first, citizen).path("state").asText()).isEqualTo("WITHDRAWN");
        String again = apply(citizen, form(p.conditional, List.of(p.industry), "OPEN_DOWNLOAD")).path("id").asText();
        assertThat(mine(citizen)).containsExactlyInAnyOrder(first, other, again);
        withdraw(other, citizen);
        withdraw(again, citizen);
    }

    private ObjectNode organisation(String creditCode) {
        ObjectNode f = form(p.conditional, List.of(p.name), "OPEN_API");
        ObjectNode a = (ObjectNode) f.get("applicant");
        a.put("name", "李四");
        a.put("organisation", "南昌齿轮有限公司" + p.run);
        if (creditCode == null) {
            a.putNull("creditCode");
        } else {
            a.put("creditCode", creditCode);
        }
        return f;
    }

    /** Asserts a 422 naming exactly these fields, and that the applicant's list did not change. */
    private void refused(String token, ObjectNode form, String... fields) {
        List<String> before = mine(token);
        JsonNode problem = Http.problem(http.post("/api/open/applications", form.toString(), token), 422, "validation-failed");
        assertThat(Http.violationFields(problem)).as(form.toString()).containsExactlyInAnyOrder(fields);
        assertThat(mine(token)).as("nothing created by %s", form).isEqualTo(before);
    }
}
