package org.poyang.catalog.impl.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.poyang.security.api.AccountService;
import org.poyang.security.api.AuditRecord;
import org.poyang.security.api.AuditTrail;
import org.poyang.security.api.Authenticator;

/**
 * Issue 4's property over real HTTP answers (Art. 13, 31, 35): 100,000 generated residents, each with
 * a valid identity number and a mobile number in items declared personal and, for a share of them,
 * typed into a free-text remark as well, are delivered to a published entry; then every row is
 * read back by every output route (open download as CSV, open API pages, share download as JSON by
 * another agency). No answer, no line of the platform's log and no audit record written meanwhile
 * holds any generated identity number or mobile number in clear.
 */
class MaskedResponsesPropertyTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int RECORDS = 100_000;
    private static final int BATCH = 10_000;
    private static final Pattern ID_SHAPE = Pattern.compile("(?<!\\d)\\d{17}[\\dXx](?!\\d)");
    private static final Pattern MOBILE_SHAPE = Pattern.compile("(?<!\\d)1[3-9]\\d{9}(?!\\d)");
    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String[] REGIONS = {"360102", "360103", "360111", "360203", "360302", "360403", "360702", "361102"};

    @InjectBundleContext
    BundleContext context;

    @InjectService(timeout = 60_000)
    AccountService accounts;

    @InjectService(timeout = 60_000)
    Authenticator authenticator;

    @InjectService(timeout = 60_000)
    AuditTrail audit;

    private final HttpClient client = HttpClient.newHttpClient();
    /** Generates the residents (reproducibly). */
    private final Random random = new Random(20261127L);
    /** Registers agencies: fresh codes every run, since the test database outlives a run. */
    private final Random codes = new Random();
    private final String run = Long.toString(System.nanoTime() % 1_000_000_000L, 36).toUpperCase();
    private String base;

    @Test
    void noGeneratedIdentityOrMobileNumberLeavesInClearByAnyRouteLogOrAuditRecord() throws Exception {
        base = "http://127.0.0.1:" + context.getProperty("org.osgi.service.http.port");
        awaitEndpoints();
        Instant start = Instant.now();
        Identities people = new Identities(accounts, authenticator, run);
        String reviewer = people.reviewer(Identities.creditCode(codes, "360000"));
        String provider = agency(reviewer, "属性测试公安局" + run, "360100");
        String reader = agency(reviewer, "属性测试民政局" + run, "360000");
        String officer = people.officer(provider);
        String otherOfficer = people.officer(reader);

        // a published entry, open after desensitisation (Art. 17 para 3), shared unconditionally
        String entry = "{\"classification\":\"101001\",\"name\":\"属性测试居民信息" + run + "\",\"provider\":\"" + provider
                + "\",\"summary\":\"属性测试\",\"format\":\"DATABASE\",\"shareType\":\"UNCONDITIONAL\",\"shareMethod\":\"API\","
                + "\"openType\":\"UNCONDITIONAL\",\"openBasis\":\"DESENSITISED\",\"openBasisNote\":\"脱敏方案 PT-" + run + "\","
                + "\"updateFrequency\":\"DAILY\",\"scope\":\"360100\",\"keywords\":[\"属性测试\"],\"items\":["
                + item("居民编号" + run, "STRING", "NONE", false, provider) + ","
                + item("公民身份号码" + run, "STRING", "ID_NUMBER", true, provider) + ","
                + item("手机号码" + run, "STRING", "MOBILE", true, provider) + ","
                + item("备注" + run, "STRING", "NONE", false, provider) + "]}";
        HttpResponse<String> created = send("POST", "/api/catalog/entries", "application/json", entry, officer);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String code = JSON.readTree(created.body()).path("code").asText();
        assertThat(send("POST", "/api/catalog/entries/" + code + "/submit", "application/json", "{}", officer).statusCode()).isEqualTo(200);
        HttpResponse<String> published = send("POST", "/api/catalog/entries/" + code + "/publish", "application/json", "{}", reviewer);
        assertThat(published.statusCode()).as(published.body()).isEqualTo(200);
        HttpResponse<String> keyed = send("PUT", "/api/collect/entries/" + code + "/settings", "application/json",
                "{\"keyItems\":[\"居民编号" + run + "\"],\"partialAcceptance\":false,\"deduplicate\":false,\"cleaning\":{\"trim\":true,"
                        + "\"fullWidthToHalfWidth\":true,\"normaliseDates\":true,\"normaliseNumbers\":true},\"codeTables\":{}}", officer);
        assertThat(keyed.statusCode()).as(keyed.body()).isEqualTo(200);

        // 100,000 residents; every fifth has its numbers typed into the free-text remark too
        Set<String> secrets = new HashSet<>(RECORDS * 2);
        for (int from = 0; from < RECORDS; from += BATCH) {
            ArrayNode rows = JSON.createArrayNode();
            for (int i = from; i < from + BATCH; i++) {
                // distinct numbers, so that every record's pair is its own
                String id;
                do {
                    id = idNumber();
                } while (!secrets.add(id));
                String mobile;
                do {
                    mobile = "1" + (3 + random.nextInt(7)) + String.format("%09d", random.nextInt(1_000_000_000));
                } while (!secrets.add(mobile));
                ObjectNode r = rows.addObject();
                r.put("居民编号" + run, "R" + i);
                r.put("公民身份号码" + run, id);
                r.put("手机号码" + run, mobile);
                r.put("备注" + run, i % 5 == 0 ? "本人身份证" + id + "，联系电话" + mobile : "资料齐全");
            }
            HttpResponse<String> delivered = send("POST", "/api/collect/entries/" + code + "/batches/pt-" + from, "application/json",
                    JSON.writeValueAsString(rows), officer);
            assertThat(delivered.statusCode()).as(delivered.body()).isEqualTo(200);
            assertThat(JSON.readTree(delivered.body()).path("applied").asInt()).isEqualTo(BATCH);
        }

        List<String> leaks = new ArrayList<>();
        long scanned = 0;
        // open download, anonymous: CSV
        HttpResponse<String> csv = send("GET", "/api/collect/entries/" + code + "/export?format=csv", null, null, null);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.body().lines().count()).isEqualTo(RECORDS + 1);
        scanned += scan("open CSV download", csv.body(), secrets, leaks);
        // share download, another agency's data officer stating its duty: JSON
        HttpResponse<String> shared = send("GET", "/api/collect/entries/" + code + "/export?format=json&route=share&purpose="
                + URLEncoder.encode("最低生活保障资格核验", StandardCharsets.UTF_8), null, null, otherOfficer);
        assertThat(shared.statusCode()).as(shared.body().substring(0, Math.min(300, shared.body().length()))).isEqualTo(200);
        assertThat(JSON.readTree(shared.body()).size()).isEqualTo(RECORDS);
        scanned += scan("share JSON download", shared.body(), secrets, leaks);
        // open API pages, anonymous
        for (int offset = 0; offset < RECORDS; offset += 1000) {
            HttpResponse<String> page = send("GET", "/api/collect/entries/" + code + "/rows?limit=1000&offset=" + offset, null, null, null);
            assertThat(page.statusCode()).isEqualTo(200);
            JsonNode rows = JSON.readTree(page.body()).path("rows");
            assertThat(rows.size()).isEqualTo(1000);
            scanned += scan("open API page at " + offset, page.body(), secrets, leaks);
        }
        // the masked values still say what they are: an identity number keeps its first 6 and last 4
        JsonNode first = JSON.readTree(send("GET", "/api/collect/entries/" + code + "/rows?limit=1", null, null, null).body()).path("rows").get(0);
        assertThat(first.path("公民身份号码" + run).asText()).matches("\\d{6}\\*{8}[\\dX]{4}");
        assertThat(first.path("手机号码" + run).asText()).matches("1\\d{2}\\*{4}\\d{4}");

        // the platform's log and every audit record written since the test began
        try (Stream<Path> logs = Files.list(Path.of(context.getProperty("poyang.log.dir")))) {
            for (Path log : logs.filter(p -> p.getFileName().toString().endsWith(".log")).toList()) {
                scanned += scan("log " + log.getFileName(), Files.readString(log, StandardCharsets.UTF_8), secrets, leaks);
            }
        }
        long after = 0;
        StringBuilder records = new StringBuilder();
        while (true) {
            List<AuditRecord> page = audit.search(null, null, null, start, null, after, 1000);
            for (AuditRecord r : page) {
                records.append(r).append('\n');
                after = Math.max(after, r.index());
            }
            if (page.size() < 1000) {
                break;
            }
        }
        assertThat(records).as("audit records of the deliveries and reads").contains("collect.deliver").contains("pep.open_data_read");
        scanned += scan("audit trail", records.toString(), secrets, leaks);

        assertThat(secrets).hasSize(RECORDS * 2);
        assertThat(scanned).as("identity- and mobile-shaped strings examined").isPositive();
        assertThat(leaks).as("generated numbers found in clear").isEmpty();
    }

    /** Every identity- or mobile-shaped string in {@code text} that is one of the generated numbers is a leak. */
    private static long scan(String where, String text, Set<String> secrets, List<String> leaks) {
        long shapes = 0;
        for (Pattern p : List.of(ID_SHAPE, MOBILE_SHAPE)) {
            Matcher m = p.matcher(text);
            while (m.find()) {
                shapes++;
                if (secrets.contains(m.group().toUpperCase()) && leaks.size() < 20) {
                    leaks.add(where + ": " + m.group());
                }
            }
        }
        // masked text still holds the masks themselves; count them so that an empty body cannot pass
        return shapes + (text.contains("****") ? 1 : 0);
    }

    private String idNumber() {
        LocalDate birth = LocalDate.of(1950, 1, 1).plusDays(random.nextInt(365 * 55));
        String first17 = REGIONS[random.nextInt(REGIONS.length)] + birth.toString().replace("-", "") + String.format("%03d", random.nextInt(1000));
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return first17 + "10X98765432".charAt(sum % 11);
    }

    private static String item(String name, String type, String sensitive, boolean person, String collector) {
        return "{\"name\":\"" + name + "\",\"dataType\":\"" + type + "\",\"length\":\"100\",\"identifiesPerson\":" + person
                + ",\"sensitiveType\":\"" + sensitive + "\",\"grade\":\"GENERAL_2\",\"collectingAgency\":\"" + collector + "\"}";
    }

    private String agency(String reviewer, String name, String region) throws Exception {
        String code = Identities.creditCode(codes, region);
        HttpResponse<String> r = send("POST", "/api/catalog/agencies", "application/json", "{\"creditCode\":\"" + code + "\",\"name\":\"" + name
                + "\",\"regionCode\":\"" + region + "\",\"level\":\"" + (region.endsWith("0000") ? "PROVINCE" : "CITY") + "\"}", reviewer);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return code;
    }

    private HttpResponse<String> send(String method, String path, String contentType, String body, String token)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(300)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private void awaitEndpoints() throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            try {
                String doc = send("GET", "/api/openapi.json", null, null, null).body();
                if (doc.contains("/api/collect/freshness") && doc.contains("/api/catalog/import") && doc.contains("/api/auth/me")) {
                    return;
                }
            } catch (IOException notYet) {
                // connector not bound yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the catalog, aggregation and security endpoints did not come up within 60 s");
    }
}
