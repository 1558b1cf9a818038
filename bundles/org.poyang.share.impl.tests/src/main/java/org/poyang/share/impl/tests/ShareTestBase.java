package org.poyang.share.impl.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.poyang.platform.workflow.CaseService;
import org.poyang.security.api.AccountService;
import org.poyang.security.api.Authenticator;

/**
 * Shared by the sharing tests over REST: the run's {@link SharePlatform}, a {@link SettableClock}
 * registered as the case workflow's clock for the length of each test (2026-09-30 10:00 China time to
 * begin with), and the calls a using and a providing agency make (Art. 23, 24).
 */
abstract class ShareTestBase {

    static final LocalDate SEP_30 = LocalDate.of(2026, 9, 30);
    static final LocalTime TEN = LocalTime.of(10, 0);
    static final String LEGAL_DUTY = "《社会救助暂行办法》第十一条：县级人民政府民政部门对申请人的家庭收入、财产状况进行调查核实";

    @InjectBundleContext
    BundleContext context;

    @InjectService(timeout = 60_000)
    AccountService accounts;

    @InjectService(timeout = 60_000)
    Authenticator authenticator;

    @InjectService(timeout = 60_000)
    CaseService cases;

    SharePlatform p;
    Http http;
    SettableClock clock;
    private ServiceRegistration<Clock> registration;
    private final HttpClient raw = HttpClient.newHttpClient();

    @BeforeEach
    void platformAndClock() throws Exception {
        p = SharePlatform.get(context, accounts, authenticator);
        http = p.http;
        clock = new SettableClock(SEP_30, TEN);
        registration = context.registerService(Clock.class, clock, new Hashtable<>(Map.of(Constants.SERVICE_RANKING, 1000)));
        long deadline = System.currentTimeMillis() + 10_000;
        while (!cases.today().equals(SEP_30)) {
            assertThat(System.currentTimeMillis()).as("the case workflow did not take up the test clock").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    @AfterEach
    void realClockAgain() {
        if (registration != null) {
            registration.unregister();
            registration = null;
        }
    }

    /** Moves the case workflow's clock; it is China Standard Time. */
    void clockAt(LocalDate day, LocalTime time) {
        clock.set(day, time);
        assertThat(cases.today()).isEqualTo(day);
    }

    // ------------------------------------------------------------------ bodies

    /** An application (or negotiation) form. */
    static ObjectNode form(String resource, String purpose, List<String> items, String route) {
        ObjectNode f = Http.JSON.createObjectNode();
        f.put("resource", resource);
        f.put("purpose", purpose);
        f.put("legalDuty", LEGAL_DUTY);
        ArrayNode i = f.putArray("items");
        items.forEach(i::add);
        f.put("route", route);
        f.put("contact", "李四 0791-86000000");
        f.put("material", "核验工作方案");
        return f;
    }

    /** Terms of provision: conditions, items (null for all asked), route (null for the one asked). */
    static ObjectNode terms(String conditions, List<String> items, String route) {
        ObjectNode t = Http.JSON.createObjectNode();
        t.put("conditions", conditions);
        if (items == null) {
            t.putNull("items");
        } else {
            items.forEach(t.putArray("items")::add);
        }
        if (route == null) {
            t.putNull("route");
        } else {
            t.put("route", route);
        }
        t.putNull("expiresOn");
        return t;
    }

    static String note(String text) {
        ObjectNode n = Http.JSON.createObjectNode();
        if (text == null) {
            n.putNull("text");
        } else {
            n.put("text", text);
        }
        return n.toString();
    }

    // ------------------------------------------------------------------ calls

    /** Applies and asserts 201 with its Location; returns the application. */
    JsonNode apply(String token, ObjectNode form) {
        HttpResponse<String> r = http.post("/api/share/applications", form.toString(), token);
        JsonNode a = Http.json(r, 201);
        assertThat(r.headers().firstValue("Location").orElse("")).endsWith("/api/share/applications/" + a.path("id").asText());
        return a;
    }

    JsonNode application(String id, String token) {
        return Http.json(http.get("/api/share/applications/" + id, token), 200);
    }

    /** The caller's agency's own applications' ids. */
    List<String> mine(String token) {
        return Http.texts(Http.json(http.get("/api/share/applications", token), 200), "id");
    }

    /** Every application a listing ({@code query} without paging) returns, page by page. */
    List<JsonNode> listAll(String query, String token) {
        List<JsonNode> out = new ArrayList<>();
        for (int offset = 0;; offset += 500) {
            JsonNode page = Http.json(http.get("/api/share/applications?" + query + "&limit=500&offset=" + offset, token), 200);
            page.forEach(out::add);
            if (page.size() < 500) {
                return out;
            }
        }
    }

    static List<String> ids(List<JsonNode> list) {
        return list.stream().map(a -> a.path("id").asText()).toList();
    }

    /**
     * Applies as {@code token} and has officer A approve at once with {@code conditions}; the application
     * is withdrawn if the approval does not go through, so that it does not block later tests. Returns the
     * approved application.
     */
    JsonNode applyAndApprove(String token, ObjectNode form, ObjectNode terms) {
        String id = apply(token, form).path("id").asText();
        boolean approved = false;
        try {
            JsonNode a = Http.json(http.post("/api/share/applications/" + id + "/approval", terms.toString(), p.officerA), 200);
            assertThat(a.path("state").asText()).isEqualTo("APPROVED");
            assertThat(a.path("grant").asText()).startsWith("grt_");
            approved = true;
            return a;
        } finally {
            if (!approved) {
                withdrawQuietly(id, token);
            }
        }
    }

    /** Withdraws an application if it is still open (cleanup; never fails the test). */
    void withdrawQuietly(String id, String token) {
        if (id == null) {
            return;
        }
        http.post("/api/share/applications/" + id + "/withdrawal", note("测试结束撤回"), token);
    }

    /** A share grant as its holder sees it among its agency's grants. */
    JsonNode heldGrant(String token, String id) {
        JsonNode grants = Http.json(http.get("/api/share/grants", token), 200);
        for (JsonNode g : grants) {
            if (g.path("id").asText().equals(id)) {
                return g;
            }
        }
        throw new AssertionError("grant " + id + " is not among " + grants);
    }

    /** Reads a page of shared rows. */
    HttpResponse<String> rows(String entry, String purpose, String grant, String extra, String token) {
        StringBuilder q = new StringBuilder("/api/collect/entries/" + entry + "/rows?route=share");
        if (purpose != null) {
            q.append("&purpose=").append(Http.enc(purpose));
        }
        if (grant != null) {
            q.append("&grant=").append(Http.enc(grant));
        }
        q.append("&offset=0&limit=").append(SharePlatform.ROWS);
        if (extra != null) {
            q.append(extra);
        }
        return http.get(q.toString(), token);
    }

    /** Exports shared rows. */
    HttpResponse<String> export(String entry, String format, String purpose, String grant, String token) {
        StringBuilder q = new StringBuilder("/api/collect/entries/" + entry + "/export?route=share&format=" + format);
        if (purpose != null) {
            q.append("&purpose=").append(Http.enc(purpose));
        }
        if (grant != null) {
            q.append("&grant=").append(Http.enc(grant));
        }
        return http.get(q.toString(), token);
    }

    /** A POST with a text body of {@code contentType} (the Http helper only sends JSON). */
    HttpResponse<String> postText(String path, String body, String contentType, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + context.getProperty("org.osgi.service.http.port") + path))
                .timeout(Duration.ofSeconds(120)).POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .header("Content-Type", contentType);
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        try {
            return raw.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("POST " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The item names (keys) of a JSON row, in order. */
    static List<String> keys(JsonNode row) {
        List<String> keys = new ArrayList<>();
        row.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    /** Asserts that a refused read carries no row data: a problem, no values of the entry. */
    static void noRowData(HttpResponse<String> r, List<String> sample) {
        JsonNode body = Http.parse(r.body());
        assertThat(body.has("rows")).as(r.body()).isFalse();
        assertThat(body.has("columns")).as(r.body()).isFalse();
        for (String v : sample) {
            assertThat(r.body()).as("refused read leaks %s", v).doesNotContain(v);
        }
    }

    static boolean absent(JsonNode n) {
        return n.isMissingNode() || n.isNull();
    }

    /** A minimal RFC 4180 reader (quoted fields with commas and doubled quotes), BOM dropped. */
    static List<List<String>> csv(String text) {
        String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
        List<List<String>> out = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < t.length() && t.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
                any = true;
            } else if (c == ',') {
                row.add(cell.toString());
                cell.setLength(0);
                any = true;
            } else if (c == '\r') {
                // part of CRLF
            } else if (c == '\n') {
                row.add(cell.toString());
                out.add(row);
                row = new ArrayList<>();
                cell.setLength(0);
                any = false;
            } else {
                cell.append(c);
                any = true;
            }
        }
        if (any || cell.length() > 0) {
            row.add(cell.toString());
            out.add(row);
        }
        return out;
    }
}
