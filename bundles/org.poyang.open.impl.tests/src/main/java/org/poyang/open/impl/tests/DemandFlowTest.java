package org.poyang.open.impl.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Art. 14, 15: a request for opening, voted for, seen by the provider with its demand counted, answered
 * PLANNED then OPENED by the provider's officer; what is refused along the way.
 */
class DemandFlowTest extends OpenTestBase {

    private ObjectNode demand(String title, String resource) {
        ObjectNode d = Http.JSON.createObjectNode();
        d.put("title", title);
        d.put("description", "用于研究企业分布 " + p.run);
        d.put("resource", resource);
        d.putNull("provider");
        d.put("category", "DIGITAL_ECONOMY");
        return d;
    }

    private static ObjectNode answer(String status, String text) {
        ObjectNode a = Http.JSON.createObjectNode();
        a.put("status", status);
        a.put("text", text);
        return a;
    }

    @Test
    void aDemandIsVotedForSeenByTheProviderAndAnswered() {
        String asker = p.people.citizen("dmdask");
        String voter1 = p.people.citizen("dmdvotea");
        String voter2 = p.people.citizen("dmdvoteb");
        // a fresh conditional entry, so that no earlier test's demands are counted with this one's
        String code = OpenEntries.publish(p, "开放测试需求数据" + p.run, "CONDITIONAL", List.of(OpenEntries.Item.text("需求编号" + p.run)),
                "需求编号" + p.run);

        // anonymous: refused
        Http.problem(http.post("/api/open/demands", demand("匿名需求" + p.run, code).toString(), null), 401, "unauthorized");

        var created = http.post("/api/open/demands", demand("希望开放企业数据" + p.run, code).toString(), asker);
        JsonNode d = Http.json(created, 201);
        String id = d.path("id").asText();
        assertThat(id).isNotBlank();
        assertThat(created.headers().firstValue("Location").orElse("")).endsWith("/api/open/demands/" + id);
        assertThat(d.path("status").asText()).isEqualTo("OPEN");
        assertThat(d.path("resource").asText()).isEqualTo(code);
        assertThat(d.path("provider").asText()).isEqualTo(p.agencyA);
        assertThat(d.path("category").asText()).isEqualTo("DIGITAL_ECONOMY");
        assertThat(d.path("votes").asInt()).isZero();

        // two other citizens vote; a second vote by the same one is refused and not counted
        assertThat(Http.json(http.post("/api/open/demands/" + id + "/votes", null, voter1), 200).path("votes").asInt()).isEqualTo(1);
        assertThat(Http.json(http.post("/api/open/demands/" + id + "/votes", null, voter2), 200).path("votes").asInt()).isEqualTo(2);
        Http.problem(http.post("/api/open/demands/" + id + "/votes", null, voter1), 409, "demand-already-voted");
        Http.problem(http.post("/api/open/demands/" + id + "/votes", null, null), 401, "unauthorized");

        JsonNode listed = Http.json(http.get("/api/open/demands?resource=" + Http.enc(code), null), 200);
        assertThat(Http.texts(listed, "id")).containsExactly(id);
        assertThat(listed.get(0).path("votes").asInt()).isEqualTo(2);
        assertThat(listed.get(0).path("status").asText()).isEqualTo("OPEN");

        // the provider sees demand per resource
        JsonNode byResource = Http.json(http.get("/api/open/demands/by-resource?provider=" + p.agencyA, p.officerA), 200);
        JsonNode mine = null;
        for (JsonNode r : byResource) {
            if (r.path("resource").asText().equals(code)) {
                mine = r;
            }
        }
        assertThat(mine).as("%s in %s", code, byResource).isNotNull();
        assertThat(mine.path("demands").asLong()).isEqualTo(1);
        assertThat(mine.path("votes").asLong()).isEqualTo(2);

        // another agency's officer cannot answer
        Http.problem(http.post("/api/open/demands/" + id + "/answer", answer("PLANNED", "我们来开放").toString(), p.officerB), 403, "forbidden");
        assertThat(Http.json(http.get("/api/open/demands/" + id, null), 200).path("status").asText()).isEqualTo("OPEN");

        // the provider plans, then opens
        JsonNode planned = Http.json(http.post("/api/open/demands/" + id + "/answer", answer("PLANNED", "已列入下季度开放计划").toString(), p.officerA), 200);
        assertThat(planned.path("status").asText()).isEqualTo("PLANNED");
        assertThat(planned.path("answer").asText()).isEqualTo("已列入下季度开放计划");
        JsonNode opened = Http.json(http.post("/api/open/demands/" + id + "/answer", answer("OPENED", "已开放，见数据集页面").toString(), p.officerA), 200);
        assertThat(opened.path("status").asText()).isEqualTo("OPENED");
        assertThat(opened.path("answer").asText()).isEqualTo("已开放，见数据集页面");
        assertThat(opened.path("answeredBy").asText()).isEqualTo(p.people.officerLogin(p.agencyA));
        assertThat(opened.path("answeredAt").isNull()).isFalse();
        assertThat(opened.path("votes").asInt()).isEqualTo(2);

        // answered: no more votes, no more answers
        String late = p.people.citizen("dmdlate");
        Http.problem(http.post("/api/open/demands/" + id + "/votes", null, late), 409, "demand-answered");
        Http.problem(http.post("/api/open/demands/" + id + "/answer", answer("DECLINED", "改变主意").toString(), p.officerA), 409, "demand-answered");
        assertThat(Http.json(http.get("/api/open/demands/" + id, null), 200).path("votes").asInt()).isEqualTo(2);
        JsonNode openedList = Http.json(http.get("/api/open/demands?resource=" + Http.enc(code) + "&status=OPENED", null), 200);
        assertThat(Http.texts(openedList, "id")).containsExactly(id);

        // data already open without conditions: refused, pointing to the download
        JsonNode already = Http.problem(http.post("/api/open/demands", demand("希望开放公园名录" + p.run, p.unconditional).toString(), asker), 409,
                "demand-already-open");
        assertThat(already.path("detail").asText()).contains("/export");
        assertThat(Http.json(http.get("/api/open/demands?resource=" + Http.enc(p.unconditional), null), 200)).isEmpty();
    }

    /** A vote and its count are one transaction: votes in parallel are all counted, a citizen's second vote in parallel is not. */
    @Test
    void votesInParallelAreEachCountedOnce() throws Exception {
        String code = OpenEntries.publish(p, "开放测试并发投票数据" + p.run, "CONDITIONAL", List.of(OpenEntries.Item.text("投票编号" + p.run)),
                "投票编号" + p.run);
        String id = Http.json(http.post("/api/open/demands", demand("并发投票需求" + p.run, code).toString(), p.people.citizen("parask")), 201)
                .path("id").asText();
        List<String> voters = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            voters.add(p.people.citizen("par" + (char) ('a' + i)));
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(16);
        try {
            List<java.util.concurrent.Future<Integer>> calls = new java.util.ArrayList<>();
            for (String v : voters) {
                calls.add(pool.submit(() -> http.post("/api/open/demands/" + id + "/votes", null, v).statusCode()));
                calls.add(pool.submit(() -> http.post("/api/open/demands/" + id + "/votes", null, v).statusCode()));
            }
            List<Integer> statuses = new java.util.ArrayList<>();
            for (var c : calls) {
                statuses.add(c.get(120, java.util.concurrent.TimeUnit.SECONDS));
            }
            assertThat(statuses.stream().filter(x -> x == 200).count()).as(statuses.toString()).isEqualTo(8);
            assertThat(statuses.stream().filter(x -> x == 409).count()).as(statuses.toString()).isEqualTo(8);
        } finally {
            pool.shutdownNow();
        }
        assertThat(Http.json(http.get("/api/open/demands/" + id, null), 200).path("votes").asInt()).isEqualTo(8);
        JsonNode byResource = Http.json(http.get("/api/open/demands/by-resource?provider=" + p.agencyA, p.reviewer), 200);
        JsonNode mine = null;
        for (JsonNode r : byResource) {
            if (r.path("resource").asText().equals(code)) {
                mine = r;
            }
        }
        assertThat(mine).as(byResource.toString()).isNotNull();
        assertThat(mine.path("votes").asLong()).isEqualTo(8);
    }

    @Test
    void thePriorityCategoriesAreTheFourOfArticle15() {
        JsonNode priorities = Http.json(http.get("/api/open/priorities", null), 200);
        assertThat(Http.texts(priorities, "category")).containsExactlyInAnyOrder("SOCIO_ECONOMIC", "ENVIRONMENT", "DIGITAL_ECONOMY", "OTHER_BY_LAW");
        priorities.forEach(c -> {
            assertThat(c.path("labelZh").asText()).isNotBlank();
            assertThat(c.path("labelEn").asText()).isNotBlank();
            assertThat(c.path("entries").isArray()).isTrue();
        });
        JsonNode one = Http.json(http.get("/api/open/priorities?category=environment", null), 200);
        assertThat(Http.texts(one, "category")).containsExactly("ENVIRONMENT");
        Http.problem(http.get("/api/open/priorities?category=NOPE", null), 422, "validation-failed");
    }
}
