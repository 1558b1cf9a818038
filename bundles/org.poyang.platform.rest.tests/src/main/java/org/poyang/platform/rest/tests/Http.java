package org.poyang.platform.rest.tests;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.osgi.framework.BundleContext;

/** A loopback HTTP client for the instance under test. */
final class Http {

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    Http(BundleContext context) {
        this.base = "http://127.0.0.1:" + context.getProperty("org.osgi.service.http.port");
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    HttpResponse<String> get(String path, String accept) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", accept).GET());
    }

    HttpResponse<String> post(String path, String contentType, String body) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
    }

    HttpResponse<String> post(String path, String contentType, HttpRequest.BodyPublisher body) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", contentType).POST(body));
    }

    /**
     * Posts a body the server refuses by its declared size. The server answers 413 and closes without
     * reading the body, so a client still uploading can see the connection reset before it reads the
     * answer; such an attempt is repeated (up to three times) rather than taken for the answer.
     */
    HttpResponse<String> postOversized(String path, String contentType, byte[] body) {
        AssertionError last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                return post(path, contentType, HttpRequest.BodyPublishers.ofByteArray(body));
            } catch (AssertionError reset) {
                last = reset;
            }
        }
        throw last;
    }

    HttpResponse<String> soap(String path, String envelope) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "text/xml; charset=utf-8")
                .header("SOAPAction", "\"\"").POST(HttpRequest.BodyPublishers.ofString(envelope, StandardCharsets.UTF_8)));
    }

    HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Waits until the servlet answers, since the whiteboard registers it asynchronously. */
    void awaitReady() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + "/api/health"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 || r.statusCode() == 503) {
                    return;
                }
            } catch (IOException notYet) {
                // connector not bound yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the instance did not answer /api/health within 30 s");
    }
}
