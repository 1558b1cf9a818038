package org.poyang.security.impl.tests;

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
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.test.common.annotation.InjectBundleContext;

/**
 * Authentication and administration over HTTP as an operator meets them: the initial three
 * administrators (三员分立) from the file written at first start, sign-in, bearer tokens and
 * application keys, account creation by the security administrator only, Art. 39 suspension by a
 * supervisor taking effect at once, audit search by the audit administrator, sign-out and lockout.
 */
class SecurityRestTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "Rest-Test-2026-pw!";

    @InjectBundleContext
    BundleContext context;

    private final HttpClient client = HttpClient.newHttpClient();
    private final String run = Long.toString(System.nanoTime() % 1_000_000_000L, 36);
    private String base;
    private Properties admins;

    @BeforeEach
    void ready() throws Exception {
        base = "http://127.0.0.1:" + context.getProperty("org.osgi.service.http.port");
        long deadline = System.currentTimeMillis() + 60_000;
        int status = 0;
        while (System.currentTimeMillis() < deadline) {
            try {
                status = send("GET", "/api/auth/me", null, null).statusCode();
                if (status == 401) {
                    break;
                }
            } catch (IOException notYet) {
                // connector not bound yet
            }
            Thread.sleep(100);
        }
        assertThat(status).as("/api/auth/me without credentials").isEqualTo(401);
        Path file = Path.of(context.getProperty("poyang.data.dir"), "security", "initial-accounts.properties");
        admins = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            admins.load(r);
        }
        assertThat(admins.stringPropertyNames()).containsExactlyInAnyOrder("sysadmin", "secadmin", "auditadmin");
        if (!System.getProperty("os.name").startsWith("Windows")) {
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        }
    }

    private HttpResponse<String> send(String method, String path, String token, String json) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        if (token != null) {
            b.header("Authorization", token.startsWith("pyk_") ? "ApiKey " + token : "Bearer " + token);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private String signIn(String login, String password) throws Exception {
        HttpResponse<String> r = send("POST", "/api/auth/sessions", null,
                "{\"login\":\"" + login + "\",\"password\":\"" + password + "\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(r.headers().firstValue("Cache-Control").orElse("")).isEqualTo("no-store");
        return JSON.readTree(r.body()).path("token").asText();
    }

    private static JsonNode problem(HttpResponse<String> r, int status, String article) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        JsonNode p = JSON.readTree(r.body());
        assertThat(p.path("title").asText()).containsPattern("\\p{IsHan}");
        assertThat(p.path("titleEn").asText()).isNotBlank();
        if (article != null) {
            assertThat(p.path("detail").asText()).contains(article);
        }
        if (status == 401) {
            assertThat(r.headers().firstValue("WWW-Authenticate").orElse("")).startsWith("Bearer");
        }
        return p;
    }

    private String account(String adminToken, String login, String type, String agency, String role) throws Exception {
        HttpResponse<String> r = send("POST", "/api/security/accounts", adminToken, "{\"login\":\"" + login + "\",\"displayName\":\"" + login
                + "\",\"type\":\"" + type + "\"," + (agency == null ? "" : "\"agency\":\"" + agency + "\",") + "\"roles\":[\"" + role
                + "\"],\"password\":\"" + PASSWORD + "\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(r.body()).doesNotContain(PASSWORD).doesNotContain("argon2");
        return login;
    }

    @Test
    void theSeparatedAdministratorsEachDoTheirJobAndNothingElse() throws Exception {
        String secadmin = signIn("secadmin", admins.getProperty("secadmin"));
        String sysadmin = signIn("sysadmin", admins.getProperty("sysadmin"));
        String auditadmin = signIn("auditadmin", admins.getProperty("auditadmin"));
        JsonNode me = JSON.readTree(send("GET", "/api/auth/me", secadmin, null).body());
        assertThat(me.path("id").asText()).isEqualTo("secadmin");
        assertThat(me.path("roles").toString()).isEqualTo("[\"SECURITY_ADMIN\"]");

        String body = "{\"login\":\"x" + run + "\",\"displayName\":\"x\",\"type\":\"NATURAL_PERSON\",\"roles\":[\"APPLICANT\"],\"password\":\""
                + PASSWORD + "\"}";
        problem(send("POST", "/api/security/accounts", null, body), 401, "Art. 35");
        problem(send("POST", "/api/security/accounts", sysadmin, body), 403, "Art. 35");
        problem(send("POST", "/api/security/accounts", auditadmin, body), 403, "Art. 35");
        problem(send("GET", "/api/security/audit", secadmin, null), 403, "Art. 30, 35");
        problem(send("GET", "/api/security/audit", sysadmin, null), 403, "Art. 30, 35");
        assertThat(send("GET", "/api/security/accounts/x" + run, secadmin, null).statusCode()).isEqualTo(404);
        account(secadmin, "x" + run, "NATURAL_PERSON", null, "APPLICANT");

        // a second administrator role on one account is refused (三员分立)
        HttpResponse<String> twoRoles = send("PUT", "/api/security/accounts/sysadmin/roles", secadmin, "[\"SYSTEM_ADMIN\",\"AUDIT_ADMIN\"]");
        assertThat(twoRoles.statusCode()).as(twoRoles.body()).isEqualTo(422);

        HttpResponse<String> trail = send("GET", "/api/security/audit?subject=secadmin&limit=1000", auditadmin, null);
        assertThat(trail.statusCode()).as(trail.body()).isEqualTo(200);
        assertThat(JSON.readTree(trail.body()).path("records").findValuesAsText("action")).contains("account.create", "pep.account_admin");
        problem(send("GET", "/api/security/audit?outcome=MAYBE", auditadmin, null), 422, null);
        problem(send("GET", "/api/security/audit?from=yesterday", auditadmin, null), 422, null);
    }

    @Test
    void suspensionUnderArticle39TakesEffectOnTheNextRequestOnEveryCredential() throws Exception {
        String secadmin = signIn("secadmin", admins.getProperty("secadmin"));
        String officer = account(secadmin, "officer" + run, "AGENCY_STAFF", "91110000600037341L", "DATA_OFFICER");
        String supervisor = account(secadmin, "supervisor" + run, "CAC_SUPERVISOR", null, "SUPERVISOR");
        String officerToken = signIn(officer, PASSWORD);
        String supervisorToken = signIn(supervisor, PASSWORD);

        HttpResponse<String> issued = send("POST", "/api/security/keys", officerToken,
                "{\"application\":\"报表系统\",\"scopes\":[\"share.read\"],\"dailyQuota\":100}");
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        String key = JSON.readTree(issued.body()).path("key").asText();
        assertThat(key).startsWith("pyk_");
        HttpResponse<String> listed = send("GET", "/api/security/keys", officerToken, null);
        assertThat(listed.body()).contains("报表系统").doesNotContain(key.substring(key.indexOf('.') + 1));
        JsonNode app = JSON.readTree(send("GET", "/api/auth/me", key, null).body());
        assertThat(app.path("kind").asText()).isEqualTo("APPLICATION");
        assertThat(app.path("agency").asText()).isEqualTo("91110000600037341L");

        problem(send("POST", "/api/security/accounts/" + officer + "/status", officerToken, "{\"status\":\"SUSPENDED\",\"reason\":\"x\"}"),
                403, "Art. 39");
        HttpResponse<String> suspended = send("POST", "/api/security/accounts/" + officer + "/status", supervisorToken,
                "{\"status\":\"SUSPENDED\",\"reason\":\"超出约定范围使用数据，责令整改\"}");
        assertThat(suspended.statusCode()).as(suspended.body()).isEqualTo(200);
        assertThat(JSON.readTree(suspended.body()).path("status").asText()).isEqualTo("SUSPENDED");

        problem(send("GET", "/api/security/keys", officerToken, null), 401, null);
        problem(send("POST", "/api/auth/sessions", null, "{\"login\":\"" + officer + "\",\"password\":\"" + PASSWORD + "\"}"), 403, "Art. 39");
        problem(send("GET", "/api/security/keys", key, null), 403, "Art. 39");

        assertThat(send("POST", "/api/security/accounts/" + officer + "/status", supervisorToken,
                "{\"status\":\"ACTIVE\",\"reason\":\"已整改\"}").statusCode()).isEqualTo(200);
        assertThat(send("GET", "/api/security/keys", key, null).statusCode()).as("keys list for an application")
                .isEqualTo(403);
        String again = signIn(officer, PASSWORD);
        assertThat(send("GET", "/api/security/keys", again, null).statusCode()).isEqualTo(200);
    }

    @Test
    void aPersonChangesTheirPasswordAndEverySessionSignsInAgain() throws Exception {
        String secadmin = signIn("secadmin", admins.getProperty("secadmin"));
        String login = account(secadmin, "changer" + run, "NATURAL_PERSON", null, "APPLICANT");
        String token = signIn(login, PASSWORD);
        String other = signIn(login, PASSWORD);
        problem(send("POST", "/api/auth/password", null, "{\"currentPassword\":\"" + PASSWORD + "\",\"newPassword\":\"New-Rest-2027-pw!\"}"),
                401, null);
        problem(send("POST", "/api/auth/password", token, "{\"currentPassword\":\"Wrong-2026-pw!\",\"newPassword\":\"New-Rest-2027-pw!\"}"),
                422, null);
        problem(send("POST", "/api/auth/password", token, "{\"currentPassword\":\"" + PASSWORD + "\",\"newPassword\":\"weak\"}"), 422, null);
        assertThat(send("POST", "/api/auth/password", token,
                "{\"currentPassword\":\"" + PASSWORD + "\",\"newPassword\":\"New-Rest-2027-pw!\"}").statusCode()).isEqualTo(204);
        problem(send("GET", "/api/auth/me", other, null), 401, null);
        problem(send("POST", "/api/auth/sessions", null, "{\"login\":\"" + login + "\",\"password\":\"" + PASSWORD + "\"}"), 401, null);
        String fresh = signIn(login, "New-Rest-2027-pw!");

        // the security administrator resets a forgotten password; others may not
        problem(send("POST", "/api/security/accounts/" + login + "/password", fresh, "{\"newPassword\":\"Reset-Rest-2027-pw!\"}"), 403, "Art. 35");
        HttpResponse<String> reset = send("POST", "/api/security/accounts/" + login + "/password", secadmin,
                "{\"newPassword\":\"Reset-Rest-2027-pw!\"}");
        assertThat(reset.statusCode()).as(reset.body()).isEqualTo(200);
        assertThat(reset.body()).doesNotContain("Reset-Rest-2027-pw!");
        problem(send("GET", "/api/auth/me", fresh, null), 401, null);
        signIn(login, "Reset-Rest-2027-pw!");
    }

    @Test
    void forgedExpiredAndSignedOutCredentialsAre401AndLockoutIs429() throws Exception {
        String secadmin = signIn("secadmin", admins.getProperty("secadmin"));
        String citizen = account(secadmin, "citizen" + run, "NATURAL_PERSON", null, "APPLICANT");
        problem(send("GET", "/api/auth/me", "pys_" + "A".repeat(43), null), 401, null);
        problem(send("GET", "/api/auth/me", "pyk_forged.secret", null), 401, null);
        HttpResponse<String> basic = client.send(HttpRequest.newBuilder(URI.create(base + "/api/auth/me"))
                .header("Authorization", "Basic c2VjYWRtaW46eA==").build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        problem(basic, 401, null);

        String token = signIn(citizen, PASSWORD);
        assertThat(send("GET", "/api/auth/me", token, null).statusCode()).isEqualTo(200);
        assertThat(send("DELETE", "/api/auth/sessions/current", token, null).statusCode()).isEqualTo(204);
        problem(send("GET", "/api/auth/me", token, null), 401, null);

        problem(send("POST", "/api/auth/sessions", null, "{\"login\":\"\"}"), 422, null);
        problem(send("POST", "/api/auth/sessions", null, "{\"login\":\"' OR 1=1 --\",\"password\":\"x\"}"), 401, null);
        for (int i = 0; i < 5; i++) {
            problem(send("POST", "/api/auth/sessions", null, "{\"login\":\"" + citizen + "\",\"password\":\"Wrong-pw-2026!\"}"), 401, null);
        }
        HttpResponse<String> locked = send("POST", "/api/auth/sessions", null,
                "{\"login\":\"" + citizen + "\",\"password\":\"" + PASSWORD + "\"}");
        problem(locked, 429, null);
        assertThat(Long.parseLong(locked.headers().firstValue("Retry-After").orElse("0"))).isPositive();
    }
}
