package org.poyang.catalog.impl.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.test.common.annotation.InjectBundleContext;

/**
 * The agency register (Art. 6, 9) over HTTP: registration with every rule checked, refusals as
 * problem+json listing every violation, and nothing stored from a refused request.
 */
class AgencyRegisterTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PATH = "/api/catalog/agencies";
    /** Codes that carry a valid GB 32100 check character; the agencies themselves are fictitious. */
    private static final String PROVINCE = "91110000600037341L";
    private static final String CITY = "91110108551385082Q";
    private static final String OTHER = "914403001922038216";

    @InjectBundleContext
    BundleContext context;

    private final HttpClient client = HttpClient.newHttpClient();
    private String base;

    @org.osgi.test.common.annotation.InjectService(timeout = 60_000)
    org.poyang.security.api.AccountService accounts;

    @org.osgi.test.common.annotation.InjectService(timeout = 60_000)
    org.poyang.security.api.Authenticator authenticator;

    private String reviewerToken;

    @BeforeEach
    void ready() throws Exception {
        base = "http://127.0.0.1:" + context.getProperty("org.osgi.service.http.port");
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            try {
                if (get(PATH).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // connector not bound yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the catalog did not come up within 60 s");
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** Registers as a catalog reviewer of the management department, whose job it is (Art. 9). */
    private HttpResponse<String> post(String json) throws IOException, InterruptedException {
        if (reviewerToken == null) {
            reviewerToken = new Identities(accounts, authenticator, "agencies" + Long.toString(System.nanoTime() % 1_000_000_000L, 36))
                    .reviewer(PROVINCE);
        }
        return client.send(HttpRequest.newBuilder(URI.create(base + PATH)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + reviewerToken)
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static String agency(String code, String name, String region, String level, String parent) {
        return "{\"creditCode\":\"" + code + "\",\"name\":\"" + name + "\",\"regionCode\":\"" + region + "\",\"level\":\"" + level
                + "\"" + (parent == null ? "" : ",\"parentCreditCode\":\"" + parent + "\"") + "}";
    }

    private void ensureProvinceAgency() throws Exception {
        if (get(PATH + "/" + PROVINCE).statusCode() == 404) {
            assertThat(post(agency(PROVINCE, "江西省大数据中心", "360000", "PROVINCE", null)).statusCode()).isEqualTo(201);
        }
    }

    @Test
    void registerReadAndListByRegion() throws Exception {
        ensureProvinceAgency();
        if (get(PATH + "/" + CITY).statusCode() == 404) {
            HttpResponse<String> created = post(agency(CITY, "南昌市数据局", "360100", "CITY", PROVINCE));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            assertThat(created.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith(PATH + "/" + CITY));
        }
        JsonNode city = JSON.readTree(get(PATH + "/" + CITY).body());
        assertThat(city.path("name").asText()).isEqualTo("南昌市数据局");
        assertThat(city.path("levelZh").asText()).isEqualTo("设区的市级");
        assertThat(city.path("parentCreditCode").asText()).isEqualTo(PROVINCE);

        JsonNode inNanchang = JSON.readTree(get(PATH + "?region=360100").body());
        assertThat(inNanchang.findValuesAsText("creditCode")).contains(CITY).doesNotContain(PROVINCE);
        JsonNode inJiangxi = JSON.readTree(get(PATH + "?region=360000").body());
        assertThat(inJiangxi.findValuesAsText("creditCode")).contains(CITY, PROVINCE);
    }

    @Test
    void invalidSubmissionListsEveryViolationAndStoresNothing() throws Exception {
        int before = JSON.readTree(get(PATH).body()).size();
        HttpResponse<String> r = post(agency("9111000060003734XX", "", "99", "TOWN", OTHER));
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        JsonNode p = JSON.readTree(r.body());
        assertThat(p.path("type").asText()).isEqualTo("urn:poyang:problem:validation-failed");
        assertThat(p.path("violations").findValuesAsText("field"))
                .containsExactlyInAnyOrder("creditCode", "name", "regionCode", "level", "parentCreditCode");
        assertThat(JSON.readTree(get(PATH).body()).size()).isEqualTo(before);
    }

    @Test
    void duplicateCodeIsAConflict() throws Exception {
        ensureProvinceAgency();
        HttpResponse<String> r = post(agency(PROVINCE, "另一个名称", "360000", "PROVINCE", null));
        assertThat(r.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(r.body()).path("type").asText()).isEqualTo("urn:poyang:problem:catalog-agency-exists");
        assertThat(JSON.readTree(get(PATH + "/" + PROVINCE).body()).path("name").asText()).isEqualTo("江西省大数据中心");
    }

    @Test
    void unknownAndMalformedCodes() throws Exception {
        HttpResponse<String> unknown = get(PATH + "/" + OTHER);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(unknown.body()).path("type").asText()).isEqualTo("urn:poyang:problem:not-found");
        HttpResponse<String> malformed = get(PATH + "/12345");
        assertThat(malformed.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(malformed.body()).path("violations").get(0).path("field").asText()).isEqualTo("creditCode");
    }
}
