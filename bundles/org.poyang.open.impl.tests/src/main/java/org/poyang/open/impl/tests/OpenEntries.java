package org.poyang.open.impl.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Entries of agency A made for one test over HTTP, the way an agency and the management department do
 * it (with personal items, typed items and an open basis where needed, which {@link Platform} does not
 * make), and rows delivered to them in batches; and valid identity numbers (GB 11643) to fill them.
 */
final class OpenEntries {

    /** A data item: name, type (STRING, INTEGER, DECIMAL, DATE), personal or not, sensitive type. */
    record Item(String name, String dataType, boolean identifiesPerson, String sensitiveType) {

        static Item text(String name) {
            return new Item(name, "STRING", false, "NONE");
        }

        static Item integer(String name) {
            return new Item(name, "INTEGER", false, "NONE");
        }

        static Item date(String name) {
            return new Item(name, "DATE", false, "NONE");
        }

        /** An identity number (公民身份号码): personal, sensitive type ID_NUMBER. */
        static Item idNumber(String name) {
            return new Item(name, "STRING", true, "ID_NUMBER");
        }

        /** A person's name: personal, sensitive type NAME. */
        static Item personName(String name) {
            return new Item(name, "STRING", true, "NAME");
        }

        boolean personal() {
            return identifiesPerson || !sensitiveType.equals("NONE");
        }
    }

    private OpenEntries() {
    }

    /**
     * Creates, submits and publishes an entry of agency A with {@code items} (an open basis recorded when
     * any is personal), sets its key item and returns its code.
     */
    static String publish(Platform p, String entryName, String openType, List<Item> items, String keyItem) {
        ObjectNode e = Http.JSON.createObjectNode();
        e.put("classification", "101001");
        e.put("name", entryName);
        e.put("provider", p.agencyA);
        e.put("summary", "开放测试 " + p.run + " " + entryName);
        e.put("format", "DATABASE");
        e.put("shareType", "UNCONDITIONAL");
        e.put("shareMethod", "API");
        e.put("openType", openType);
        if (openType.equals("CONDITIONAL")) {
            e.put("openConditions", "仅限统计分析，不得识别个人 " + p.run);
        }
        if (items.stream().anyMatch(Item::personal)) {
            e.put("openBasis", "DESENSITISED");
            e.put("openBasisNote", "赣数管脱敏〔2026〕" + p.run + " 号：个人信息仅用于关联，不对外提供");
        }
        e.put("updateFrequency", "DAILY");
        e.put("scope", "360100");
        e.putArray("keywords").add("开放测试");
        ArrayNode a = e.putArray("items");
        for (Item i : items) {
            ObjectNode o = a.addObject();
            o.put("name", i.name());
            o.put("dataType", i.dataType());
            if (i.dataType().equals("STRING")) {
                o.put("length", "100");
            }
            o.put("identifiesPerson", i.identifiesPerson());
            o.put("sensitiveType", i.sensitiveType());
            o.put("grade", "GENERAL_2");
            o.put("collectingAgency", p.agencyA);
        }
        String code = Http.json(p.http.post("/api/catalog/entries", e.toString(), p.officerA), 201).path("code").asText();
        Http.json(p.http.post("/api/catalog/entries/" + code + "/submit", "{}", p.officerA), 200);
        JsonNode published = Http.json(p.http.post("/api/catalog/entries/" + code + "/publish", "{}", p.reviewer), 200);
        assertThat(published.path("openType").asText()).isEqualTo(openType);
        Http.json(p.http.send("PUT", "/api/collect/entries/" + code + "/settings", "{\"keyItems\":[\"" + keyItem + "\"],\"partialAcceptance\":false,"
                + "\"deduplicate\":false,\"cleaning\":{\"trim\":true,\"fullWidthToHalfWidth\":true,\"normaliseDates\":true,"
                + "\"normaliseNumbers\":true},\"codeTables\":{}}", p.officerA), 200);
        return code;
    }

    /**
     * Delivers {@code rows} (item name to value; a missing item is an empty cell) in batches of at most
     * {@code batchSize}, each wholly applied.
     */
    static void deliver(Platform p, String code, List<Map<String, String>> rows, int batchSize) {
        for (int from = 0, n = 1; from < rows.size(); from += batchSize, n++) {
            List<Map<String, String>> part = rows.subList(from, Math.min(rows.size(), from + batchSize));
            ArrayNode array = Http.JSON.createArrayNode();
            for (Map<String, String> row : part) {
                ObjectNode o = array.addObject();
                row.forEach(o::put);
            }
            JsonNode report = Http.json(p.http.post("/api/collect/entries/" + code + "/batches/gen-" + p.run.toLowerCase() + "-" + n,
                    array.toString(), p.officerA), 200);
            assertThat(report.path("applied").asInt()).as(report.toString()).isEqualTo(part.size());
        }
    }

    /** A fresh, valid identity number (GB 11643) of someone born 1960-1999 in 东湖区, not among {@code used}. */
    static String idNumber(Random random, Set<String> used) {
        int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        String check = "10X98765432";
        while (true) {
            LocalDate birth = LocalDate.of(1960, 1, 1).plusDays(random.nextInt(40 * 365));
            String first17 = "360102" + birth.toString().replace("-", "") + String.format("%03d", random.nextInt(1000));
            int sum = 0;
            for (int i = 0; i < 17; i++) {
                sum += (first17.charAt(i) - '0') * weights[i];
            }
            String id = first17 + check.charAt(sum % 11);
            if (used.add(id)) {
                return id;
            }
        }
    }

    /** One row as an ordered map from alternating names and values. */
    static Map<String, String> row(String... namesAndValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] != null) {
                m.put(namesAndValues[i], namesAndValues[i + 1]);
            }
        }
        return m;
    }

    /** The rows of a page ({@code GET .../rows}) as maps. */
    static List<Map<String, String>> rows(JsonNode page) {
        List<Map<String, String>> out = new ArrayList<>();
        for (JsonNode r : page.path("rows")) {
            Map<String, String> m = new LinkedHashMap<>();
            r.fields().forEachRemaining(f -> m.put(f.getKey(), f.getValue().isNull() ? null : f.getValue().asText()));
            out.add(m);
        }
        return out;
    }
}
