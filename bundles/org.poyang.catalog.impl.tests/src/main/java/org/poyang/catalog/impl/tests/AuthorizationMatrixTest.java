package org.poyang.catalog.impl.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.poyang.security.api.Account;
import org.poyang.security.api.AccountService;
import org.poyang.security.api.Authenticator;
import org.poyang.security.api.NewAccount;
import org.poyang.security.api.Role;
import org.poyang.security.api.SubjectType;

/**
 * The authorisation matrix (Art. 6, 9, 10, 13, 18, 21, 23, 30, 35, 39, 41), generated from the registered endpoints:
 * every operation in {@code /api/openapi.json} must have an access policy declared here (a new
 * endpoint without one fails this test), and every operation is called as each kind of caller:
 * anonymous, forged token, expired session, suspended account, a citizen (wrong role), another
 * agency's data officer (wrong agency), and the subject whose job it is. Each answer's status is
 * asserted exactly, and no denial carries any of the data asked for.
 */
class AuthorizationMatrixTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = Identities.PASSWORD;

    /** Who may call an operation. */
    enum Policy {
        /** Anyone, signed in or not. */
        PUBLIC,
        /** Any signed-in account. */
        ACCOUNT,
        /** Staff of agencies and of the management department (the share catalog, Art. 21). */
        AGENCIES,
        /** The providing agency's data officers, or (for reading) its staff and the management department (Art. 6, 9). */
        PROVIDER,
        /** Catalog reviewers of the management department (Art. 9). */
        REVIEWER,
        /** The security administrator (Art. 35). */
        SECADMIN,
        /** The audit administrator (Art. 30, 35). */
        AUDITADMIN,
        /** A supervisor (Art. 39). */
        SUPERVISOR
    }

    /** One request to make for an operation; {@code valid} gives the token of the subject whose job it is. */
    record Case(String method, String path, String contentType, String body, Policy policy) {
    }

    @InjectBundleContext
    BundleContext context;

    @InjectService(timeout = 60_000)
    AccountService accounts;

    @InjectService(timeout = 60_000)
    Authenticator authenticator;

    @InjectService(timeout = 60_000, filter = "(poyang.db.dialect=*)")
    DataSource dataSource;

    private final HttpClient client = HttpClient.newHttpClient();
    private final String run = Long.toString(System.nanoTime() % 1_000_000_000L, 36);
    private final Random random = new Random();
    private String base;

    private HttpResponse<String> send(String method, String path, String contentType, String body, String token)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private String creditCode(String region) {
        return Identities.creditCode(random, region);
    }

    private String account(String login, SubjectType type, String agency, Role role) {
        if (accounts.findByLogin(login).isEmpty()) {
            accounts.create(new NewAccount(login, login, type, agency, Set.of(role), PASSWORD), "matrix-tests");
        }
        return authenticator.signIn(login, PASSWORD, null).token();
    }

    private int expiredCount;

    /**
     * A session that ended an hour ago, written the way the authenticator stores sessions; a new
     * one for every call, since the authenticator deletes an expired session when it sees it.
     */
    private String expiredToken(String login) throws Exception {
        String token = "pys_expired" + run + "n" + (expiredCount++) + "A".repeat(30);
        SM3Digest d = new SM3Digest();
        byte[] in = token.getBytes(StandardCharsets.US_ASCII);
        d.update(in, 0, in.length);
        byte[] out = new byte[32];
        d.doFinal(out, 0);
        long past = System.currentTimeMillis() - 3_600_000;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO SEC_SESSION (TOKEN_HASH, LOGIN, CREATED_MS, LAST_USED_MS, EXPIRES_MS) VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, Hex.toHexString(out));
            ps.setString(2, login);
            ps.setLong(3, past - 1000);
            ps.setLong(4, past - 1000);
            ps.setLong(5, past);
            ps.executeUpdate();
        }
        return token;
    }

    @Test
    void everyRegisteredOperationAnswersEachKindOfCallerExactly() throws Exception {
        base = "http://127.0.0.1:" + context.getProperty("org.osgi.service.http.port");
        awaitEndpoints();
        Properties admins = new Properties();
        try (Reader r = Files.newBufferedReader(Path.of(context.getProperty("poyang.data.dir"), "security", "initial-accounts.properties"),
                StandardCharsets.UTF_8)) {
            admins.load(r);
        }

        // the people and the data
        String bureau = creditCode("360000");
        String reviewer = account("m-reviewer-" + run, SubjectType.MANAGEMENT_STAFF, bureau, Role.CATALOG_REVIEWER);
        String provider = register(reviewer, "矩阵提供单位" + run, "360100", "CITY");
        String otherAgency = register(reviewer, "矩阵其他单位" + run, "360000", "PROVINCE");
        String officer = account("m-officer-" + run, SubjectType.AGENCY_STAFF, provider, Role.DATA_OFFICER);
        account("m-other-" + run, SubjectType.AGENCY_STAFF, otherAgency, Role.DATA_OFFICER);
        // sessions of callers a case may sign out (DELETE /api/auth/sessions/current) are opened afresh for every case
        Supplier<String> otherOfficer = () -> authenticator.signIn("m-other-" + run, PASSWORD, null).token();
        Supplier<String> citizens = () -> authenticator.signIn("m-citizen-" + run, PASSWORD, null).token();
        String citizen = account("m-citizen-" + run, SubjectType.NATURAL_PERSON, null, Role.APPLICANT);
        String supervisor = account("m-supervisor-" + run, SubjectType.CAC_SUPERVISOR, null, Role.SUPERVISOR);
        String suspendedLogin = "m-suspended-" + run;
        String suspended = account(suspendedLogin, SubjectType.AGENCY_STAFF, provider, Role.DATA_OFFICER);
        Account s = accounts.findByLogin(suspendedLogin).orElseThrow();
        accounts.setStatus(s.id(), Account.Status.SUSPENDED, "矩阵测试：暂停访问", "m-supervisor-" + run);
        String forged = "pys_" + "Z".repeat(43);
        String secadmin = authenticator.signIn("secadmin", admins.getProperty("secadmin"), null).token();
        String auditadmin = authenticator.signIn("auditadmin", admins.getProperty("auditadmin"), null).token();

        String secret = "矩阵机密摘要" + run;
        String draft = entryJson(provider, "矩阵草稿" + run, secret, "矩阵项" + run);
        HttpResponse<String> created = send("POST", "/api/catalog/entries", "application/json", draft, officer);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String code = JSON.readTree(created.body()).path("code").asText();
        HttpResponse<String> issued = send("POST", "/api/security/keys", "application/json",
                "{\"application\":\"矩阵应用\",\"scopes\":[\"open.read\"],\"dailyQuota\":10}", citizen);
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        String keyId = JSON.readTree(issued.body()).path("id").asText();

        // a second entry, published, for reading rows through the open and share routes
        HttpResponse<String> second = send("POST", "/api/catalog/entries", "application/json",
                entryJson(provider, "矩阵已发布" + run, "矩阵公开摘要" + run, "矩阵公开项" + run), officer);
        assertThat(second.statusCode()).as(second.body()).isEqualTo(201);
        String publishedCode = JSON.readTree(second.body()).path("code").asText();
        HttpResponse<String> submitted = send("POST", "/api/catalog/entries/" + publishedCode + "/submit", "application/json", "{}", officer);
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(200);
        HttpResponse<String> published = send("POST", "/api/catalog/entries/" + publishedCode + "/publish", "application/json", "{}", reviewer);
        assertThat(published.statusCode()).as(published.body()).isEqualTo(200);

        String e = "/api/catalog/entries/" + code;
        Map<String, List<Case>> table = new LinkedHashMap<>();
        declare(table, "GET /api/health", new Case("GET", "/api/health", null, null, Policy.PUBLIC));
        declare(table, "GET /api/catalog/agencies", new Case("GET", "/api/catalog/agencies?region=360100", null, null, Policy.PUBLIC));
        declare(table, "POST /api/catalog/agencies", new Case("POST", "/api/catalog/agencies", "application/json", "{}", Policy.REVIEWER));
        declare(table, "GET /api/catalog/agencies/{creditCode}", new Case("GET", "/api/catalog/agencies/" + provider, null, null, Policy.PUBLIC));
        declare(table, "GET /api/catalog/entries", new Case("GET", "/api/catalog/entries?provider=" + provider, null, null, Policy.PROVIDER));
        declare(table, "POST /api/catalog/entries", new Case("POST", "/api/catalog/entries", "application/json",
                "{\"provider\":\"" + provider + "\"}", Policy.PROVIDER));
        declare(table, "GET /api/catalog/entries/export",
                new Case("GET", "/api/catalog/entries/export?format=csv", null, null, Policy.PUBLIC),
                new Case("GET", "/api/catalog/entries/export?format=csv&catalog=share", null, null, Policy.AGENCIES));
        declare(table, "GET /api/catalog/entries/search",
                new Case("GET", "/api/catalog/entries/search?q=x", null, null, Policy.PUBLIC),
                new Case("GET", "/api/catalog/entries/search?q=x&catalog=share", null, null, Policy.AGENCIES));
        declare(table, "GET /api/catalog/entries/vocabularies", new Case("GET", "/api/catalog/entries/vocabularies", null, null, Policy.PUBLIC));
        declare(table, "GET /api/catalog/entries/{cls}/{seq}", new Case("GET", e, null, null, Policy.PROVIDER));
        declare(table, "PUT /api/catalog/entries/{cls}/{seq}", new Case("PUT", e, "application/json", "{}", Policy.PROVIDER));
        declare(table, "GET /api/catalog/entries/{cls}/{seq}/diff", new Case("GET", e + "/diff?from=1&to=1", null, null, Policy.PROVIDER));
        declare(table, "GET /api/catalog/entries/{cls}/{seq}/versions", new Case("GET", e + "/versions", null, null, Policy.PROVIDER));
        declare(table, "GET /api/catalog/entries/{cls}/{seq}/versions/{version}",
                new Case("GET", e + "/versions/1", null, null, Policy.PROVIDER));
        declare(table, "POST /api/catalog/entries/{cls}/{seq}/{action}",
                new Case("POST", e + "/withdraw", "application/json", "{}", Policy.PROVIDER),
                new Case("POST", e + "/publish", "application/json", "{}", Policy.REVIEWER));
        declare(table, "POST /api/catalog/import", new Case("POST", "/api/catalog/import", "text/csv",
                "信息资源名称,提供方统一社会信用代码,信息项名称\n矩阵导入" + run + "," + provider + ",矩阵导入项\n", Policy.PROVIDER));
        declare(table, "GET /api/catalog/import/template", new Case("GET", "/api/catalog/import/template?format=csv", null, null, Policy.PUBLIC));
        declare(table, "POST /api/auth/sessions", new Case("POST", "/api/auth/sessions", "application/json", "{}", Policy.PUBLIC));
        declare(table, "GET /api/auth/me", new Case("GET", "/api/auth/me", null, null, Policy.ACCOUNT));
        // the right current password (every test account has it) and a new one the policy refuses: nothing changes
        declare(table, "POST /api/auth/password", new Case("POST", "/api/auth/password", "application/json",
                "{\"currentPassword\":\"" + PASSWORD + "\",\"newPassword\":\"weak\"}", Policy.ACCOUNT));
        declare(table, "POST /api/security/accounts/{login}/password", new Case("POST", "/api/security/accounts/m-citizen-" + run + "/password",
                "application/json", "{\"newPassword\":\"weak\"}", Policy.SECADMIN));
        declare(table, "DELETE /api/auth/sessions/current", new Case("DELETE", "/api/auth/sessions/current", null, null, Policy.ACCOUNT));
        declare(table, "POST /api/security/accounts", new Case("POST", "/api/security/accounts", "application/json", "{}", Policy.SECADMIN));
        declare(table, "GET /api/security/accounts/{login}",
                new Case("GET", "/api/security/accounts/m-citizen-" + run, null, null, Policy.SECADMIN));
        declare(table, "PUT /api/security/accounts/{login}/roles",
                new Case("PUT", "/api/security/accounts/m-citizen-" + run + "/roles", "application/json", "[\"APPLICANT\"]", Policy.SECADMIN));
        declare(table, "POST /api/security/accounts/{login}/status",
                new Case("POST", "/api/security/accounts/m-citizen-" + run + "/status", "application/json", "{\"status\":\"NONSENSE\"}",
                        Policy.SUPERVISOR));
        declare(table, "GET /api/security/keys", new Case("GET", "/api/security/keys", null, null, Policy.ACCOUNT));
        declare(table, "POST /api/security/keys", new Case("POST", "/api/security/keys", "application/json", "{\"expiresAt\":\"never\"}",
                Policy.ACCOUNT));
        declare(table, "POST /api/security/keys/{id}/revoke",
                new Case("POST", "/api/security/keys/nosuchkey/revoke", "application/json", "{}", Policy.ACCOUNT));
        declare(table, "POST /api/security/keys/{id}/status",
                new Case("POST", "/api/security/keys/" + keyId + "/status", "application/json", "{}", Policy.SUPERVISOR));
        declare(table, "GET /api/security/audit", new Case("GET", "/api/security/audit?limit=1", null, null, Policy.AUDITADMIN));

        // aggregation (Art. 6, 10, 13, 41): deliveries and settings are the provider's data officers' (the draft
        // refuses them with 409 once they are let through); monitoring is the provider's, the management
        // department's and supervisors'; rows of the published entry are read as open data (anyone) or shared data
        String col = "/api/collect/entries/" + code;
        String pub = "/api/collect/entries/" + publishedCode;
        declare(table, "POST /api/collect/entries/{cls}/{seq}/batches/{batch}",
                new Case("POST", col + "/batches/m-1", "application/json", "[{\"矩阵项\":\"1\"}]", Policy.PROVIDER),
                new Case("POST", col + "/batches/m-2", "text/csv", "矩阵项\n1\n", Policy.PROVIDER));
        declare(table, "GET /api/collect/entries/{cls}/{seq}/batches", new Case("GET", col + "/batches", null, null, Policy.PROVIDER));
        declare(table, "GET /api/collect/entries/{cls}/{seq}/batches/{batch}", new Case("GET", col + "/batches/m-1", null, null, Policy.PROVIDER));
        declare(table, "GET /api/collect/entries/{cls}/{seq}/batches/{batch}/rejections",
                new Case("GET", col + "/batches/m-1/rejections", null, null, Policy.PROVIDER));
        declare(table, "GET /api/collect/entries/{cls}/{seq}/history", new Case("GET", col + "/history?key=1", null, null, Policy.PROVIDER));
        declare(table, "GET /api/collect/entries/{cls}/{seq}/freshness", new Case("GET", col + "/freshness", null, null, Policy.PROVIDER));
        declare(table, "GET /api/collect/freshness", new Case("GET", "/api/collect/freshness?provider=" + provider, null, null, Policy.PROVIDER));
        declare(table, "GET /api/collect/entries/{cls}/{seq}/settings", new Case("GET", col + "/settings", null, null, Policy.PROVIDER));
        declare(table, "PUT /api/collect/entries/{cls}/{seq}/settings", new Case("PUT", col + "/settings", "application/json",
                "{\"keyItems\":[],\"partialAcceptance\":false,\"deduplicate\":false,\"cleaning\":{\"trim\":true,"
                        + "\"fullWidthToHalfWidth\":true,\"normaliseDates\":true,\"normaliseNumbers\":true},\"codeTables\":{}}", Policy.PROVIDER));
        declare(table, "GET /api/collect/entries/{cls}/{seq}/rows",
                new Case("GET", pub + "/rows", null, null, Policy.PUBLIC),
                new Case("GET", pub + "/rows?route=share&purpose=" + java.net.URLEncoder.encode("履行法定职责", StandardCharsets.UTF_8), null, null,
                        Policy.AGENCIES));
        declare(table, "GET /api/collect/entries/{cls}/{seq}/export",
                new Case("GET", pub + "/export?format=csv", null, null, Policy.PUBLIC),
                new Case("GET", pub + "/export?format=json&route=share&purpose=" + java.net.URLEncoder.encode("履行法定职责", StandardCharsets.UTF_8),
                        null, null, Policy.AGENCIES));

        // scheduled pulls from front-end databases (前置机, Art. 10): set, run and removed by the provider's data officers,
        // followed by the provider; the list of every pull is the management department's and supervisors'
        String pull = "/api/collect/pulls/" + code;
        declare(table, "GET /api/collect/pulls", new Case("GET", "/api/collect/pulls", null, null, Policy.REVIEWER));
        declare(table, "PUT /api/collect/pulls/{cls}/{seq}", new Case("PUT", pull, "application/json",
                "{\"driverClass\":\"org.apache.derby.iapi.jdbc.AutoloadedDriver\",\"url\":\"jdbc:derby:memory:matrix-none\",\"user\":null,"
                        + "\"password\":null,\"query\":\"SELECT 1 FROM SYSIBM.SYSDUMMY1\",\"incrementalColumn\":null,\"intervalMinutes\":1440,"
                        + "\"enabled\":false}", Policy.PROVIDER));
        declare(table, "GET /api/collect/pulls/{cls}/{seq}", new Case("GET", pull, null, null, Policy.PROVIDER));
        declare(table, "POST /api/collect/pulls/{cls}/{seq}/runs", new Case("POST", pull + "/runs", "application/json", "{}", Policy.PROVIDER));
        declare(table, "DELETE /api/collect/pulls/{cls}/{seq}", new Case("DELETE", pull, null, null, Policy.PROVIDER));

        // generated from the registered endpoints: nothing undeclared, nothing declared that is not there
        Set<String> registered = registeredOperations();
        assertThat(table.keySet()).as("operations with a declared access policy").containsExactlyInAnyOrderElementsOf(registered);

        Map<Policy, Supplier<String>> valid = Map.of(Policy.PUBLIC, () -> null, Policy.ACCOUNT, citizens, Policy.AGENCIES, otherOfficer,
                Policy.PROVIDER, () -> officer, Policy.REVIEWER, () -> reviewer, Policy.SECADMIN, () -> secadmin, Policy.AUDITADMIN,
                () -> auditadmin, Policy.SUPERVISOR, () -> supervisor);
        List<String> failures = new ArrayList<>();
        int calls = 0;
        for (Map.Entry<String, List<Case>> op : table.entrySet()) {
            for (Case c : op.getValue()) {
                Map<String, String> callers = new LinkedHashMap<>();
                callers.put("anonymous", null);
                callers.put("forged", forged);
                callers.put("expired", expiredToken("m-officer-" + run));
                callers.put("suspended", suspended);
                callers.put("wrong role (citizen)", citizens.get());
                callers.put("wrong agency", otherOfficer.get());
                callers.put("valid", valid.get(c.policy()).get());
                for (Map.Entry<String, String> caller : callers.entrySet()) {
                    int expected = expected(c.policy(), caller.getKey());
                    HttpResponse<String> r = send(c.method(), c.path(), c.contentType(), c.body(), caller.getValue());
                    calls++;
                    String where = c.method() + " " + c.path() + " as " + caller.getKey() + ": " + r.statusCode() + " " + r.body();
                    if (expected == 0) {
                        if (r.statusCode() == 401 || r.statusCode() == 403 || r.statusCode() >= 500) {
                            failures.add("expected to be let through, " + where);
                        }
                    } else if (r.statusCode() != expected) {
                        failures.add("expected " + expected + ", " + where);
                    } else {
                        if (!r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")
                                || r.body().contains(secret) || r.body().contains("矩阵草稿" + run)) {
                            failures.add("a denial must be a problem without data, " + where);
                        }
                        if (expected == 401 && !r.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer")) {
                            failures.add("a 401 carries a Bearer challenge, " + where);
                        }
                        if (caller.getKey().equals("suspended") && !r.body().contains("Art. 39")) {
                            failures.add("a suspended subject is told Art. 39, " + where);
                        }
                    }
                }
            }
        }
        assertThat(failures).as(calls + " calls").isEmpty();
        assertThat(calls).isEqualTo(7 * table.values().stream().mapToInt(List::size).sum());
    }

    /** The status a caller must get; 0 when it must be let through (any status but 401, 403 or 5xx). */
    static int expected(Policy policy, String caller) {
        switch (caller) {
            case "forged", "expired":
                return 401;
            case "suspended":
                return 403;
            case "anonymous":
                return policy == Policy.PUBLIC ? 0 : 401;
            case "wrong role (citizen)":
                return policy == Policy.PUBLIC || policy == Policy.ACCOUNT ? 0 : 403;
            case "wrong agency":
                return policy == Policy.PUBLIC || policy == Policy.ACCOUNT || policy == Policy.AGENCIES ? 0 : 403;
            default:
                return 0;
        }
    }

    private static void declare(Map<String, List<Case>> table, String operation, Case... cases) {
        table.put(operation, List.of(cases));
    }

    private Set<String> registeredOperations() throws Exception {
        JsonNode doc = JSON.readTree(send("GET", "/api/openapi.json", null, null, null).body());
        Set<String> ops = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> p = paths.next();
            for (Iterator<String> methods = p.getValue().fieldNames(); methods.hasNext();) {
                ops.add(methods.next().toUpperCase(Locale.ROOT) + " " + p.getKey());
            }
        }
        return ops;
    }

    private void awaitEndpoints() throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            try {
                String doc = send("GET", "/api/openapi.json", null, null, null).body();
                if (doc.contains("/api/security/audit") && doc.contains("/api/catalog/import") && doc.contains("/api/auth/me")
                        && doc.contains("/api/collect/freshness")) {
                    return;
                }
            } catch (IOException notYet) {
                // connector not bound yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the catalog, aggregation and security endpoints did not come up within 60 s");
    }

    private String register(String reviewerToken, String name, String region, String level) throws Exception {
        String code = creditCode(region);
        HttpResponse<String> r = send("POST", "/api/catalog/agencies", "application/json", "{\"creditCode\":\"" + code + "\",\"name\":\"" + name
                + "\",\"regionCode\":\"" + region + "\",\"level\":\"" + level + "\"}", reviewerToken);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return code;
    }

    private static String entryJson(String provider, String name, String summary, String item) {
        return "{\"classification\":\"101001\",\"name\":\"" + name + "\",\"provider\":\"" + provider + "\",\"summary\":\"" + summary
                + "\",\"format\":\"DATABASE\",\"shareType\":\"UNCONDITIONAL\",\"shareMethod\":\"API\",\"openType\":\"UNCONDITIONAL\","
                + "\"updateFrequency\":\"DAILY\",\"scope\":\"360100\",\"baseDatabase\":\"LEGAL_PERSON\",\"keywords\":[\"矩阵\"],"
                + "\"items\":[{\"name\":\"" + item + "\",\"dataType\":\"STRING\",\"length\":\"50\",\"grade\":\"GENERAL_1\","
                + "\"collectingAgency\":\"" + provider + "\"}]}";
    }
}
