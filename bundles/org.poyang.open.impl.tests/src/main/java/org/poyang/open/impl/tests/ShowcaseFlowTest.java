package org.poyang.open.impl.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Art. 25-28: a citizen registers an application built on open data; it is listed only once the
 * management department has reviewed it; what is refused, with each field named and nothing registered.
 */
class ShowcaseFlowTest extends OpenTestBase {

    private ObjectNode form(String name, String url, String kind, List<String> datasets) {
        ObjectNode f = Http.JSON.createObjectNode();
        f.put("name", name);
        f.put("description", "基于开放数据的企业地图 " + p.run);
        f.put("url", url);
        if (kind != null) {
            f.put("kind", kind);
        }
        ArrayNode d = f.putArray("datasets");
        datasets.forEach(d::add);
        return f;
    }

    private List<String> listedFor(String dataset) {
        return Http.texts(Http.json(http.get("/api/open/showcase?dataset=" + Http.enc(dataset) + "&limit=500", null), 200), "id");
    }

    @Test
    void aRegistrationIsListedOnlyOnceReviewed() {
        String citizen = p.people.citizen("showa");
        String other = p.people.citizen("showb");
        assertThat(Http.json(http.get("/api/open/showcase/mine", citizen), 200)).isEmpty();

        // refused, each field named, nothing registered
        List<String> fields = Http.violationFields(Http.problem(http.post("/api/open/showcase",
                form("坏的登记" + p.run, "ftp://example.org/app", null, List.of(p.conditional, p.notOpen)).toString(), citizen), 422,
                "validation-failed"));
        assertThat(fields).containsExactlyInAnyOrder("kind", "url", "datasets[1]");
        assertThat(Http.violationFields(Http.problem(http.post("/api/open/showcase",
                form("坏的登记" + p.run, "https://example.org/app", "APP", List.of()).toString(), citizen), 422, "validation-failed")))
                .containsExactly("datasets");
        Http.problem(http.post("/api/open/showcase", form("匿名登记" + p.run, "https://example.org/app", "APP", List.of(p.conditional)).toString(),
                null), 401, "unauthorized");
        assertThat(Http.json(http.get("/api/open/showcase/mine", citizen), 200)).isEmpty();

        // registered: submitted, not listed, in the owner's list only
        String name = "鄱阳湖企业地图" + p.run;
        var created = http.post("/api/open/showcase", form(name, "https://example.org/map-" + p.run, "APP", List.of(p.conditional, p.unconditional))
                .toString(), citizen);
        JsonNode item = Http.json(created, 201);
        String id = item.path("id").asText();
        assertThat(created.headers().firstValue("Location").orElse("")).endsWith("/api/open/showcase/" + id);
        assertThat(item.path("status").asText()).isEqualTo("SUBMITTED");
        assertThat(item.path("name").asText()).isEqualTo(name);
        assertThat(item.path("kind").asText()).isEqualTo("APP");
        assertThat(Http.texts(item.path("datasets"))).containsExactlyInAnyOrder(p.conditional, p.unconditional);
        assertThat(item.path("owner").asText()).isEqualTo(p.people.citizenLogin("showa"));
        assertThat(listedFor(p.conditional)).doesNotContain(id);
        assertThat(Http.texts(Http.json(http.get("/api/open/showcase?limit=500", null), 200), "id")).doesNotContain(id);
        assertThat(Http.texts(Http.json(http.get("/api/open/showcase/mine", citizen), 200), "id")).containsExactly(id);
        assertThat(Http.texts(Http.json(http.get("/api/open/showcase/mine", other), 200), "id")).doesNotContain(id);

        // a citizen cannot see the pending list or review
        Http.problem(http.get("/api/open/showcase/pending", citizen), 403, "forbidden");
        Http.problem(http.post("/api/open/showcase/" + id + "/review", "{\"list\":true,\"note\":\"自己批准\"}", citizen), 403, "forbidden");

        // the reviewer finds it pending; declining without a note is refused
        assertThat(Http.texts(Http.json(http.get("/api/open/showcase/pending", p.reviewer), 200), "id")).contains(id);
        assertThat(Http.violationFields(Http.problem(http.post("/api/open/showcase/" + id + "/review", "{\"list\":false}", p.reviewer), 422,
                "validation-failed"))).containsExactly("note");
        assertThat(Http.texts(Http.json(http.get("/api/open/showcase/mine", citizen), 200), "status")).containsExactly("SUBMITTED");

        JsonNode listed = Http.json(http.post("/api/open/showcase/" + id + "/review", "{\"list\":true,\"note\":\"合法正当使用\"}", p.reviewer), 200);
        assertThat(listed.path("status").asText()).isEqualTo("LISTED");
        assertThat(listed.path("reviewNote").asText()).isEqualTo("合法正当使用");
        assertThat(listed.path("reviewedBy").asText()).isEqualTo("reviewer-" + p.people.run());

        assertThat(listedFor(p.conditional)).contains(id);
        assertThat(listedFor(p.unconditional)).contains(id);
        assertThat(listedFor(p.conditional2)).doesNotContain(id);
        assertThat(Http.texts(Http.json(http.get("/api/open/showcase/pending", p.reviewer), 200), "id")).doesNotContain(id);
        assertThat(Http.texts(Http.json(http.get("/api/open/showcase/mine", citizen), 200), "status")).containsExactly("LISTED");
    }
}
