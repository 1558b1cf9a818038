package org.poyang.share.impl.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Real HTTP calls to the platform on the test framework's port, and what the tests read from the answers. */
final class Http {

    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newHttpClient();
    private final String base;

    Http(String base) {
        this.base = base;
    }

    /** A call with a bearer token (or none when {@code token} is null) and a JSON body (or none). */
    HttpResponse<String> send(String method, String path, String json, String token) {
        return call(method, path, json, token == null ? null : "Authorization", token == null ? null : "Bearer " + token);
    }

    /** A call with an application key in {@code X-Api-Key}. */
    HttpResponse<String> sendWithKey(String method, String path, String json, String key) {
        return call(method, path, json, "X-Api-Key", key);
    }

    HttpResponse<String> get(String path, String token) {
        return send("GET", path, null, token);
    }

    HttpResponse<String> post(String path, String json, String token) {
        return send("POST", path, json, token);
    }

    private HttpResponse<String> call(String method, String path, String json, String header, String value) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(120)).method(method,
                json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        if (header != null) {
            b.header(header, value);
        }
        try {
            return client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The body of an answer with {@code status}, as JSON. */
    static JsonNode json(HttpResponse<String> r, int status) {
        assertThat(r.statusCode()).as("%s %s -> %s", r.request().method(), r.request().uri(), r.body()).isEqualTo(status);
        return parse(r.body());
    }

    static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    /**
     * Asserts an RFC 9457 problem of {@code status} and {@code slug}; returns it.
     */
    static JsonNode problem(HttpResponse<String> r, int status, String slug) {
        assertThat(r.statusCode()).as("%s %s -> %s", r.request().method(), r.request().uri(), r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).as("content type of %s", r.body()).startsWith("application/problem+json");
        JsonNode p = parse(r.body());
        assertThat(p.path("type").asText()).as(r.body()).isEqualTo("urn:poyang:problem:" + slug);
        assertThat(p.path("status").asInt()).isEqualTo(status);
        assertThat(p.path("title").asText()).isNotBlank();
        return p;
    }

    /** The fields named by a problem's violations, in order. */
    static List<String> violationFields(JsonNode problem) {
        List<String> out = new ArrayList<>();
        problem.path("violations").forEach(v -> {
            assertThat(v.path("message").asText()).as("Chinese message of %s", v).isNotBlank();
            assertThat(v.path("messageEn").asText()).as("English message of %s", v).isNotBlank();
            out.add(v.path("field").asText());
        });
        return out;
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Texts of one field of every element of a JSON array. */
    static List<String> texts(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.path(field).asText()));
        return out;
    }

    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
