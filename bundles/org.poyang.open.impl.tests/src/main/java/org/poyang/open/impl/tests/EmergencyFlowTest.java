package org.poyang.open.impl.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Art. 16: during an emergency the management department opens data that is not open; everyone reads
 * it (personal items masked) until the event is closed, and then no longer.
 */
class EmergencyFlowTest extends OpenTestBase {

    private static String declaration(String title, int refreshHours) {
        return "{\"title\":\"" + title + "\",\"kind\":\"PUBLIC_HEALTH\",\"description\":\"疫情应对\",\"refreshHours\":" + refreshHours + "}";
    }

    @Test
    void anEmergencyOpensDataUntilItIsClosed() {
        String key = "病例编号" + p.run;
        String idNo = "身份证号" + p.run;
        String place = "隔离点" + p.run;
        String code = OpenEntries.publish(p, "开放测试应急病例信息" + p.run, "NOT_OPEN",
                List.of(OpenEntries.Item.text(key), OpenEntries.Item.idNumber(idNo), OpenEntries.Item.text(place)), key);
        Random random = new Random();
        String id1 = OpenEntries.idNumber(random, new HashSet<>());
        String id2 = OpenEntries.idNumber(random, new HashSet<>(List.of(id1)));
        OpenEntries.deliver(p, code, List.of(OpenEntries.row(key, "C1", idNo, id1, place, "东湖区一号点"),
                OpenEntries.row(key, "C2", idNo, id2, place, "西湖区二号点")), 10);

        // not open: nobody reads it anonymously
        assertThat(http.get("/api/collect/entries/" + code + "/rows?offset=0&limit=100", null).statusCode()).isIn(401, 403);

        // who may not declare, and what is not a declaration
        Http.problem(http.post("/api/open/emergencies", declaration("市民宣布" + p.run, 4), p.people.citizen("emerg")), 403, "forbidden");
        Http.problem(http.post("/api/open/emergencies", declaration("机关宣布" + p.run, 4), p.officerA), 403, "forbidden");
        Http.problem(http.post("/api/open/emergencies", declaration("匿名宣布" + p.run, 4), null), 401, "unauthorized");
        assertThat(Http.violationFields(Http.problem(http.post("/api/open/emergencies", declaration("零间隔" + p.run, 0), p.reviewer), 422,
                "validation-failed"))).containsExactly("refreshHours");
        assertThat(Http.violationFields(Http.problem(http.post("/api/open/emergencies", declaration("过长间隔" + p.run, 169), p.reviewer), 422,
                "validation-failed"))).containsExactly("refreshHours");

        String title = "南昌市突发公共卫生事件" + p.run;
        var created = http.post("/api/open/emergencies", declaration(title, 4), p.reviewer);
        JsonNode event = Http.json(created, 201);
        String id = event.path("id").asText();
        assertThat(created.headers().firstValue("Location").orElse("")).endsWith("/api/open/emergencies/" + id);
        assertThat(event.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(event.path("kind").asText()).isEqualTo("PUBLIC_HEALTH");
        assertThat(event.path("refreshHours").asInt()).isEqualTo(4);
        assertThat(event.path("title").asText()).isEqualTo(title);
        assertThat(event.path("resources")).isEmpty();

        // only the management department opens data for it
        Http.problem(http.post("/api/open/emergencies/" + id + "/resources", "{\"resource\":\"" + code + "\"}", p.officerA), 403, "forbidden");

        JsonNode opened = Http.json(http.post("/api/open/emergencies/" + id + "/resources", "{\"resource\":\"" + code + "\"}", p.reviewer), 200);
        assertThat(opened.path("resources")).hasSize(1);
        JsonNode resource = opened.path("resources").get(0);
        assertThat(resource.path("resource").asText()).isEqualTo(code);
        String grant = resource.path("grant").asText();
        assertThat(grant).startsWith("grt_");
        String api = resource.path("links").path("api").asText();
        assertThat(api).startsWith("/api/collect/entries/" + code + "/rows").contains("grant=" + grant);

        // everyone reads it now, identity numbers masked
        JsonNode page = Http.json(http.get(api, null), 200);
        List<Map<String, String>> rows = OpenEntries.rows(page);
        assertThat(rows).hasSize(2);
        Map<String, String> c1 = rows.stream().filter(r -> "C1".equals(r.get(key))).findFirst().orElseThrow(() -> new AssertionError(page.toString()));
        assertThat(c1.get(place)).isEqualTo("东湖区一号点");
        assertThat(c1.get(idNo)).as(page.toString()).isNotBlank().isNotEqualTo(id1).doesNotContain(id1.substring(6, 14));
        assertThat(page.toString()).doesNotContain(id1).doesNotContain(id2);

        String csv = resource.path("links").path("csv").asText();
        var download = http.get(csv, null);
        assertThat(download.statusCode()).as(download.body()).isEqualTo(200);
        assertThat(download.body()).contains("东湖区一号点").doesNotContain(id1).doesNotContain(id2);

        // the event is listed with its resource
        JsonNode listed = null;
        for (JsonNode e : Http.json(http.get("/api/open/emergencies", null), 200)) {
            if (e.path("id").asText().equals(id)) {
                listed = e;
            }
        }
        assertThat(listed).as("event %s listed", id).isNotNull();
        assertThat(listed.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(Http.texts(listed.path("resources"), "resource")).containsExactly(code);
        assertThat(Http.json(http.get("/api/open/emergencies/" + id, null), 200).path("resources").get(0).path("links").path("api").asText())
                .isEqualTo(api);

        // closing ends the opening
        Http.problem(http.post("/api/open/emergencies/" + id + "/closure", note("市民结束"), p.people.citizen("emerg")), 403, "forbidden");
        JsonNode closed = Http.json(http.post("/api/open/emergencies/" + id + "/closure", note("疫情已结束"), p.reviewer), 200);
        assertThat(closed.path("status").asText()).isEqualTo("CLOSED");
        assertThat(closed.path("closeNote").asText()).isEqualTo("疫情已结束");
        assertThat(absent(closed.path("closedAt"))).isFalse();
        assertThat(http.get(api, null).statusCode()).isIn(401, 403);
        assertThat(http.get(csv, null).statusCode()).isIn(401, 403);
        assertThat(http.get("/api/collect/entries/" + code + "/rows?offset=0&limit=100", null).statusCode()).isIn(401, 403);
        assertThat(Http.texts(Http.json(http.get("/api/open/emergencies", null), 200), "id")).doesNotContain(id);
        assertThat(Http.texts(Http.json(http.get("/api/open/emergencies?all=true", null), 200), "id")).contains(id);

        Http.problem(http.post("/api/open/emergencies/" + id + "/resources", "{\"resource\":\"" + p.notOpen + "\"}", p.reviewer), 409,
                "emergency-closed");
    }
}
