package org.poyang.open.impl.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.osgi.framework.BundleContext;
import org.poyang.security.api.AccountService;
import org.poyang.security.api.Authenticator;

/**
 * What every open data test needs, set up once per framework run over HTTP the way people do it: two
 * agencies registered by a catalog reviewer of the management department, and published entries of
 * agency A: two conditionally open ones with rows delivered, one unconditionally open, one not open.
 */
final class Platform {

    /** Items of {@link #conditional}, in catalog order (the key item first). */
    final String id;
    final String name;
    final String industry;
    final String capital;
    /** Rows delivered to {@link #conditional}: id, name, industry, capital. */
    final List<String[]> rows;

    final String run;
    final Http http;
    final Identities people;
    final String bureau;
    final String reviewer;
    /** The providing agency and another agency. */
    final String agencyA;
    final String agencyB;
    final String officerA;
    final String officerB;
    /** Conditionally open entries of agency A (codes), with rows. */
    final String conditional;
    final String conditional2;
    /** Items of {@link #conditional2}. */
    final String station;
    final String reading;
    /** An unconditionally open entry and a not-open entry of agency A. */
    final String unconditional;
    final String notOpen;

    private static Platform instance;

    /** The run's platform, set up on first use. */
    static synchronized Platform get(BundleContext context, AccountService accounts, Authenticator authenticator) throws Exception {
        if (instance == null) {
            instance = new Platform(context, accounts, authenticator);
        }
        return instance;
    }

    private Platform(BundleContext context, AccountService accounts, Authenticator authenticator) throws Exception {
        run = Long.toString(System.nanoTime() % 1_000_000_000L, 36).toUpperCase();
        http = new Http("http://127.0.0.1:" + context.getProperty("org.osgi.service.http.port"));
        awaitEndpoints();
        people = new Identities(accounts, authenticator, run);
        Random codes = new Random();
        bureau = Identities.creditCode(codes, "360000");
        reviewer = people.reviewer(bureau);
        agencyA = agency("开放测试市场监管局" + run, "360100", codes);
        agencyB = agency("开放测试交通运输局" + run, "360100", codes);
        officerA = people.officer(agencyA);
        officerB = people.officer(agencyB);

        id = "企业编号" + run;
        name = "企业名称" + run;
        industry = "行业类别" + run;
        capital = "注册资本" + run;
        conditional = entry("开放测试企业登记信息" + run, "CONDITIONAL", List.of(id, name, industry, capital));
        rows = List.of(new String[] {"E1", "鄱阳湖科技有限公司" + run, "软件和信息技术服务业", "500"},
                new String[] {"E2", "赣江物流有限公司" + run, "交通运输业", "1200"},
                new String[] {"E3", "庐山茶业有限公司" + run, "农业", "80"},
                new String[] {"E4", "井冈山文旅有限公司" + run, "旅游业", "300"},
                new String[] {"E5", "滕王阁软件有限公司" + run, "软件和信息技术服务业", "950"});
        deliver(conditional, id, List.of(id, name, industry, capital), rows);

        station = "站点编号" + run;
        reading = "监测值" + run;
        conditional2 = entry("开放测试水质监测信息" + run, "CONDITIONAL", List.of(station, reading));
        deliver(conditional2, station, List.of(station, reading), List.of(new String[] {"S1", "7.2"}, new String[] {"S2", "6.9"}));

        unconditional = entry("开放测试公园名录" + run, "UNCONDITIONAL", List.of("公园名称" + run));
        notOpen = entry("开放测试执法案件信息" + run, "NOT_OPEN", List.of("案件编号" + run));
    }

    /** Items of {@link #conditional} as their positions in a delivered row. */
    Map<String, Integer> columns() {
        return Map.of(id, 0, name, 1, industry, 2, capital, 3);
    }

    private String agency(String agencyName, String region, Random codes) {
        String code = Identities.creditCode(codes, region);
        HttpResponse<String> r = http.post("/api/catalog/agencies", "{\"creditCode\":\"" + code + "\",\"name\":\"" + agencyName
                + "\",\"regionCode\":\"" + region + "\",\"level\":\"" + (region.endsWith("0000") ? "PROVINCE" : "CITY") + "\"}", reviewer);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return code;
    }

    /** Creates, submits and publishes an entry of agency A; returns its code. */
    private String entry(String entryName, String openType, List<String> items) {
        String itemsJson = items.stream().map(i -> "{\"name\":\"" + i + "\",\"dataType\":\"STRING\",\"length\":\"100\",\"identifiesPerson\":false,"
                + "\"sensitiveType\":\"NONE\",\"grade\":\"GENERAL_2\",\"collectingAgency\":\"" + agencyA + "\"}").collect(Collectors.joining(","));
        String body = "{\"classification\":\"101001\",\"name\":\"" + entryName + "\",\"provider\":\"" + agencyA
                + "\",\"summary\":\"开放测试 " + run + "\",\"format\":\"DATABASE\",\"shareType\":\"UNCONDITIONAL\",\"shareMethod\":\"API\","
                + "\"openType\":\"" + openType + "\"" + (openType.equals("CONDITIONAL") ? ",\"openConditions\":\"须说明用途并承诺不用于营销 " + run + "\"" : "")
                + ",\"updateFrequency\":\"DAILY\",\"scope\":\"360100\",\"keywords\":[\"开放测试\"],\"items\":[" + itemsJson + "]}";
        HttpResponse<String> created = http.post("/api/catalog/entries", body, officerA);
        String code = Http.json(created, 201).path("code").asText();
        Http.json(http.post("/api/catalog/entries/" + code + "/submit", "{}", officerA), 200);
        JsonNode published = Http.json(http.post("/api/catalog/entries/" + code + "/publish", "{}", reviewer), 200);
        assertThat(published.path("openType").asText()).isEqualTo(openType);
        return code;
    }

    private void deliver(String code, String key, List<String> items, List<String[]> data) {
        Http.json(http.send("PUT", "/api/collect/entries/" + code + "/settings", "{\"keyItems\":[\"" + key + "\"],\"partialAcceptance\":false,"
                + "\"deduplicate\":false,\"cleaning\":{\"trim\":true,\"fullWidthToHalfWidth\":true,\"normaliseDates\":true,"
                + "\"normaliseNumbers\":true},\"codeTables\":{}}", officerA), 200);
        ArrayNode array = Http.JSON.createArrayNode();
        for (String[] row : data) {
            ObjectNode o = array.addObject();
            for (int i = 0; i < items.size(); i++) {
                o.put(items.get(i), row[i]);
            }
        }
        JsonNode delivered = Http.json(http.post("/api/collect/entries/" + code + "/batches/open-" + run.toLowerCase(), array.toString(), officerA), 200);
        assertThat(delivered.path("applied").asInt()).as(delivered.toString()).isEqualTo(data.size());
    }

    private void awaitEndpoints() throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            try {
                String doc = http.get("/api/openapi.json", null).body();
                if (doc.contains("/api/open/applications") && doc.contains("/api/collect/freshness") && doc.contains("/api/catalog/import")
                        && doc.contains("/api/auth/me")) {
                    return;
                }
            } catch (UncheckedIOException notYet) {
                // connector not bound yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the open data, catalog, aggregation and security endpoints did not come up within 60 s");
    }
}
