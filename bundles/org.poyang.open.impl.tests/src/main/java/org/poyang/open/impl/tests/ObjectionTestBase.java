package org.poyang.open.impl.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Shared by the objection tests (异议, Art. 19): an unconditionally open entry of agency A with 30
 * records of its own for each test (so that one test's takedowns and corrections do not touch another's),
 * the objection form, and every read the public has of the entry: pages, totals, filters, CSV and JSON
 * downloads and analyses.
 */
abstract class ObjectionTestBase extends OpenTestBase {

    static final List<String> COUNTIES = List.of("东湖区", "西湖区", "青山湖区", "新建区", "南昌县");

    /** A fresh entry: its code, items (key first) and the rows delivered to it, by key. */
    record Fixture(String code, String key, String name, String county, String staff, String person, Map<String, Map<String, String>> rows) {

        Map<String, String> row(String key) {
            return rows.get(key);
        }
    }

    /** Publishes an unconditionally open entry with 30 records R01..R30 (staff = 10 x n + 5, an integer item). */
    Fixture fresh(String tag) {
        String suffix = p.run + tag;
        String key = "单位编号" + suffix;
        String name = "单位名称" + suffix;
        String county = "所在区县" + suffix;
        String staff = "从业人数" + suffix;
        String person = "负责人姓名" + suffix;
        String code = OpenEntries.publish(p, "开放测试异议单位名录" + suffix, "UNCONDITIONAL", List.of(OpenEntries.Item.text(key),
                OpenEntries.Item.text(name), OpenEntries.Item.text(county), OpenEntries.Item.integer(staff),
                OpenEntries.Item.personName(person)), key);
        Map<String, Map<String, String>> rows = new LinkedHashMap<>();
        for (int n = 1; n <= 30; n++) {
            String k = String.format("R%02d", n);
            rows.put(k, OpenEntries.row(key, k, name, "异议测试单位" + n + "号" + p.run, county, COUNTIES.get(n % COUNTIES.size()), staff,
                    Integer.toString(10 * n + 5), person, "负责人" + n));
        }
        OpenEntries.deliver(p, code, new ArrayList<>(rows.values()), 30);
        return new Fixture(code, key, name, county, staff, person, rows);
    }

    /** An objection form with a description and contact. */
    static ObjectNode objection(String resource, String key, String kind, String request, Map<String, String> correction) {
        ObjectNode o = Http.JSON.createObjectNode();
        o.put("resource", resource);
        o.put("key", key);
        o.put("kind", kind);
        o.put("request", request);
        o.put("description", "该条记录涉及本人，内容有误或不应公开 " + kind);
        if (correction == null) {
            o.putNull("correction");
        } else {
            ObjectNode c = o.putObject("correction");
            correction.forEach(c::put);
        }
        o.put("contact", "objector@example.org");
        return o;
    }

    /** A resolution: result, answer, correction or null. */
    static String resolution(String result, String text, Map<String, String> correction) {
        ObjectNode r = Http.JSON.createObjectNode();
        r.put("result", result);
        r.put("text", text);
        if (correction == null) {
            r.putNull("correction");
        } else {
            ObjectNode c = r.putObject("correction");
            correction.forEach(c::put);
        }
        return r.toString();
    }

    /** Files and asserts 201 with its Location; returns the objection. */
    JsonNode file(String token, ObjectNode form) {
        HttpResponse<String> r = http.post("/api/open/objections", form.toString(), token);
        JsonNode o = Http.json(r, 201);
        assertThat(o.path("id").asText()).isNotBlank();
        assertThat(r.headers().firstValue("Location").orElse("")).endsWith("/api/open/objections/" + o.path("id").asText());
        return o;
    }

    JsonNode objectionAs(String id, String token) {
        return Http.json(http.get("/api/open/objections/" + id, token), 200);
    }

    JsonNode objectionHistory(String id, String token) {
        return Http.json(http.get("/api/open/objections/" + id + "/history", token), 200);
    }

    /** Ids of the caller's own objections. */
    List<String> myObjections(String token) {
        return Http.texts(Http.json(http.get("/api/open/objections", token), 200), "id");
    }

    /** Every objection of a listing ({@code query} without paging), page by page. */
    List<JsonNode> listObjections(String query, String token) {
        List<JsonNode> out = new ArrayList<>();
        for (int offset = 0;; offset += 500) {
            JsonNode page = Http.json(http.get("/api/open/objections?" + query + "&limit=500&offset=" + offset, token), 200);
            page.forEach(out::add);
            if (page.size() < 500) {
                return out;
            }
        }
    }

    // ------------------------------------------------------------------ what the public reads

    /** The anonymous page of every row. */
    JsonNode page(Fixture f) {
        return Http.json(http.get("/api/collect/entries/" + f.code() + "/rows?offset=0&limit=1000", null), 200);
    }

    /** The rows of the anonymous page, by key. */
    Map<String, Map<String, String>> pageRows(Fixture f) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        for (Map<String, String> r : OpenEntries.rows(page(f))) {
            out.put(r.get(f.key()), r);
        }
        return out;
    }

    /** The total of an anonymous page filtered on the key. */
    long filteredTotal(Fixture f, String key) {
        return Http.json(http.get("/api/collect/entries/" + f.code() + "/rows?" + Http.enc(f.key()) + "=" + Http.enc(key), null), 200)
                .path("total").asLong();
    }

    /** The keys of the anonymous CSV download (header checked). */
    List<String> csvKeys(Fixture f) {
        HttpResponse<String> r = http.get("/api/collect/entries/" + f.code() + "/export?format=csv", null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        List<String> lines = r.body().replace("\uFEFF", "").lines().toList();
        assertThat(lines.get(0)).startsWith(f.key() + ",");
        return lines.subList(1, lines.size()).stream().map(l -> l.substring(0, l.indexOf(','))).toList();
    }

    /** The CSV download's line of {@code key}, or null. */
    String csvLine(Fixture f, String key) {
        HttpResponse<String> r = http.get("/api/collect/entries/" + f.code() + "/export?format=csv", null);
        return r.body().replace("\uFEFF", "").lines().filter(l -> l.startsWith(key + ",")).findFirst().orElse(null);
    }

    /** The keys of the anonymous JSON download. */
    List<String> jsonKeys(Fixture f) {
        return Http.texts(Http.json(http.get("/api/collect/entries/" + f.code() + "/export?format=json", null), 200), f.key());
    }

    /** Records an analysis counts overall, and the sum of the integer item. */
    double[] analysed(Fixture f, String token) {
        ObjectNode a = Http.JSON.createObjectNode();
        a.put("resource", f.code());
        com.fasterxml.jackson.databind.node.ArrayNode m = a.putArray("measures");
        m.addObject().put("fn", "count");
        m.addObject().put("fn", "sum").put("item", f.staff());
        JsonNode r = Http.json(http.post("/api/open/analyses", a.toString(), token), 200);
        assertThat(r.path("cells").size()).as(r.toString()).isEqualTo(1);
        JsonNode cell = r.path("cells").get(0);
        return new double[] {cell.path("count").asDouble(), cell.path("measures").path("sum(" + f.staff() + ")").asDouble()};
    }

    /** The aggregation history of one record, as the provider's officer sees it. */
    JsonNode recordHistory(Fixture f, String key) {
        return Http.json(http.get("/api/collect/entries/" + f.code() + "/history?key=" + Http.enc(key), p.officerA), 200);
    }

    /** The sum of the integer item over {@code rows}. */
    double staffSum(Fixture f, Map<String, Map<String, String>> rows) {
        return rows.values().stream().mapToLong(r -> Long.parseLong(r.get(f.staff()))).sum();
    }

    /**
     * Asserts that every read (page and its total, CSV and JSON downloads, an analysis's count and sum)
     * holds exactly the records of {@code expected}, with their values.
     */
    void readsHoldExactly(Fixture f, Map<String, Map<String, String>> expected, String analyst) {
        JsonNode page = page(f);
        assertThat(page.path("total").asLong()).as("page total").isEqualTo(expected.size());
        Map<String, Map<String, String>> read = pageRows(f);
        assertThat(read.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        for (Map.Entry<String, Map<String, String>> e : expected.entrySet()) {
            Map<String, String> got = read.get(e.getKey());
            for (String item : List.of(f.key(), f.name(), f.county(), f.staff())) {
                assertThat(got.get(item)).as("%s of %s", item, e.getKey()).isEqualTo(e.getValue().get(item));
            }
        }
        assertThat(csvKeys(f)).containsExactlyInAnyOrderElementsOf(expected.keySet());
        assertThat(jsonKeys(f)).containsExactlyInAnyOrderElementsOf(expected.keySet());
        double[] counted = analysed(f, analyst);
        assertThat(counted[0]).as("records analysed").isEqualTo(expected.size());
        assertThat(counted[1]).as("sum analysed").isEqualTo(staffSum(f, expected));
    }

    /** A copy of {@code rows} without {@code keys}. */
    static Map<String, Map<String, String>> without(Map<String, Map<String, String>> rows, String... keys) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>(rows);
        for (String k : keys) {
            out.remove(k);
        }
        return out;
    }

    /** A copy of {@code rows} with one item of one record changed. */
    static Map<String, Map<String, String>> with(Map<String, Map<String, String>> rows, String key, String item, String value) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>(rows);
        Map<String, String> r = new LinkedHashMap<>(out.get(key));
        r.put(item, value);
        out.put(key, r);
        return out;
    }
}
