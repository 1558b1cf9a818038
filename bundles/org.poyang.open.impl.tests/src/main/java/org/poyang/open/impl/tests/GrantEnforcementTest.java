package org.poyang.open.impl.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.osgi.test.common.annotation.InjectService;
import org.poyang.security.api.ApiKeyService;
import org.poyang.security.api.GrantService;

/**
 * Art. 18, 24: conditionally open data is read only under a grant, by its holder, for the entry, the
 * route and the items it names, until it is revoked.
 */
class GrantEnforcementTest extends OpenTestBase {

    @InjectService(timeout = 60_000)
    GrantService grantService;

    @InjectService(timeout = 60_000)
    ApiKeyService keys;

    @Test
    void grantsLimitReadsToTheirHolderEntryRouteAndItemsUntilRevoked() {
        String holder = p.people.citizen("holder");
        String stranger = p.people.citizen("stranger");
        String rows = "/api/collect/entries/" + p.conditional + "/rows";
        String export = "/api/collect/entries/" + p.conditional + "/export";

        // API grant of id and name; download grant of id and industry; a grant of the other entry
        String api = approved(holder, form(p.conditional, List.of(p.id, p.name, p.capital), "OPEN_API"), List.of(p.id, p.name));
        String download = approved(holder, form(p.conditional, List.of(p.id, p.industry), "OPEN_DOWNLOAD"), null);
        String otherEntry = approved(holder, form(p.conditional2, List.of(p.station, p.reading), "OPEN_API"), null);
        ObjectNode modelForm = form(p.conditional, List.of(p.industry, p.capital), "MODEL_RESULT");
        String model = approved(holder, modelForm, null);
        String strangers = approved(stranger, form(p.conditional, List.of(p.id, p.name), "OPEN_API"), null);

        // without a grant: 401 anonymous, 403 signed in
        Http.problem(http.get(rows, null), 401, "unauthorized");
        Http.problem(http.get(rows, holder), 403, "forbidden");
        Http.problem(http.get(export + "?format=csv", holder), 403, "forbidden");

        // the API grant: the granted columns only
        JsonNode page = Http.json(http.get(rows + "?grant=" + api, holder), 200);
        assertThat(Http.texts(page.path("columns"))).containsExactly(p.id, p.name);
        assertThat(page.path("total").asLong()).isEqualTo(p.rows.size());
        assertThat(page.path("rows").size()).isEqualTo(p.rows.size());
        page.path("rows").forEach(r -> assertThat(fields(r)).containsExactly(p.id, p.name));
        assertThat(page.toString()).doesNotContain("软件和信息技术服务业").doesNotContain("1200");
        // filtering on a granted item works; on any other item it is refused
        JsonNode filtered = Http.json(http.get(rows + "?grant=" + api + "&" + Http.enc(p.id) + "=E2", holder), 200);
        assertThat(filtered.path("total").asLong()).isEqualTo(1);
        assertThat(filtered.path("rows").get(0).path(p.name).asText()).isEqualTo("赣江物流有限公司" + p.run);
        Http.problem(http.get(rows + "?grant=" + api + "&" + Http.enc(p.industry) + "=" + Http.enc("交通运输业"), holder), 403, "forbidden");
        Http.problem(http.get(rows + "?grant=" + api + "&" + Http.enc(p.capital) + "=1200", holder), 403, "forbidden");
        // the API grant does not allow downloads
        Http.problem(http.get(export + "?format=csv&grant=" + api, holder), 403, "forbidden");
        Http.problem(http.get(export + "?format=json&grant=" + api, holder), 403, "forbidden");

        // the download grant: CSV and JSON with the granted columns only; not the API
        HttpResponse<String> csv = http.get(export + "?format=csv&grant=" + download, holder);
        assertThat(csv.statusCode()).as(csv.body()).isEqualTo(200);
        List<String> lines = csv.body().replace("\uFEFF", "").lines().toList();
        assertThat(lines).hasSize(p.rows.size() + 1);
        assertThat(lines.get(0)).isEqualTo(p.id + "," + p.industry);
        assertThat(lines.subList(1, lines.size())).containsExactlyInAnyOrderElementsOf(p.rows.stream().map(r -> r[0] + "," + r[2]).toList());
        JsonNode json = Http.json(http.get(export + "?format=json&grant=" + download, holder), 200);
        assertThat(json.size()).isEqualTo(p.rows.size());
        json.forEach(r -> assertThat(fields(r)).containsExactly(p.id, p.industry));
        Http.problem(http.get(rows + "?grant=" + download, holder), 403, "forbidden");

        // a grant of model results gives no rows and no download
        Http.problem(http.get(rows + "?grant=" + model, holder), 403, "forbidden");
        Http.problem(http.get(export + "?format=csv&grant=" + model, holder), 403, "forbidden");

        // someone else's grant, another entry's grant, an unknown grant
        Http.problem(http.get(rows + "?grant=" + strangers, holder), 403, "forbidden");
        Http.problem(http.get(rows + "?grant=" + api, stranger), 403, "forbidden");
        Http.problem(http.get(export + "?format=csv&grant=" + download, stranger), 403, "forbidden");
        Http.problem(http.get(rows + "?grant=" + api, null), 401, "unauthorized");
        Http.problem(http.get(rows + "?grant=" + otherEntry, holder), 403, "forbidden");
        Http.problem(http.get(rows + "?grant=grt_00000000000000000000", holder), 403, "forbidden");
        assertThat(Http.json(http.get("/api/collect/entries/" + p.conditional2 + "/rows?grant=" + otherEntry, holder), 200)
                .path("total").asLong()).isEqualTo(2);

        // the holder's application key acts for the holder
        String key = keys.issue(p.people.citizenLogin("holder"), "开放测试应用" + p.run, Set.of("open.read"), 1000, null, "open-tests").secret();
        JsonNode byKey = Http.json(http.sendWithKey("GET", rows + "?grant=" + api, null, key), 200);
        assertThat(Http.texts(byKey.path("columns"))).containsExactly(p.id, p.name);

        // revoked: refused from the next call on, by account and by key alike; the download grant still works
        grantService.revoke(api, "open-tests", "测试撤销 " + p.run);
        Http.problem(http.get(rows + "?grant=" + api, holder), 403, "forbidden");
        Http.problem(http.sendWithKey("GET", rows + "?grant=" + api, null, key), 403, "forbidden");
        assertThat(http.get(export + "?format=csv&grant=" + download, holder).statusCode()).isEqualTo(200);
        JsonNode mine = Http.json(http.get("/api/open/grants", holder), 200);
        List<String> statuses = new ArrayList<>();
        mine.forEach(g -> statuses.add(g.path("id").asText() + "=" + g.path("status").asText()));
        assertThat(statuses).containsExactlyInAnyOrder(api + "=REVOKED", download + "=ACTIVE", otherEntry + "=ACTIVE",
                model + "=ACTIVE");
    }

    /** Applies as {@code citizen}, has the provider's officer approve (the given items, or all) and returns the grant. */
    private String approved(String citizen, ObjectNode form, List<String> items) {
        String id = apply(citizen, form).path("id").asText();
        JsonNode a = Http.json(http.post("/api/open/applications/" + id + "/approval", approval(items, "2027-06-30").toString(), p.officerA), 200);
        assertThat(a.path("state").asText()).isEqualTo("APPROVED");
        return a.path("grant").asText();
    }

    private static List<String> fields(JsonNode row) {
        List<String> out = new ArrayList<>();
        row.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
