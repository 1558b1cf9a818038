package org.poyang.open.impl.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The same step sent several times at once, as a double click or two officers do: one succeeds, the
 * others are refused with 409, and nothing is left behind twice (one pending application per applicant
 * and resource; one active grant per approval).
 */
class ConcurrentStepsTest extends OpenTestBase {

    private static final int AT_ONCE = 8;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void applyingSeveralTimesAtOnceLeavesOnePendingApplication() {
        List<String> broken = new ArrayList<>();
        for (int round = 0; round < 5; round++) {
            String tag = "rush" + (char) ('a' + round);
            String citizen = p.people.citizen(tag);
            List<HttpResponse<String>> answers = atOnce("/api/open/applications", form(p.conditional, List.of(p.name), "OPEN_API").toString(),
                    citizen);
            long created = answers.stream().filter(r -> r.statusCode() == 201).count();
            long pending = answers.stream().filter(r -> r.statusCode() == 409 && r.body().contains("urn:poyang:problem:application-pending")).count();
            List<String> mine = mine(citizen);
            if (created != 1 || pending != AT_ONCE - 1 || mine.size() != 1) {
                broken.add("round " + round + ": " + created + " created, " + pending + " refused as pending, " + mine.size()
                        + " in the applicant's list; statuses " + answers.stream().map(HttpResponse::statusCode).toList());
            }
            for (String id : mine) {
                withdraw(id, citizen);
            }
        }
        assertThat(broken).isEmpty();
    }

    @Test
    void approvingSeveralTimesAtOnceIssuesOneActiveGrant() {
        String citizen = p.people.citizen("rushed");
        String id = apply(citizen, form(p.conditional, List.of(p.name, p.industry), "OPEN_API")).path("id").asText();
        List<HttpResponse<String>> answers = atOnce("/api/open/applications/" + id + "/approval", approval(null, "2027-06-30").toString(),
                p.officerA);
        assertThat(answers.stream().filter(r -> r.statusCode() == 200).count()).as(statuses(answers)).isEqualTo(1);
        assertThat(answers.stream().filter(r -> r.statusCode() == 409 && r.body().contains("urn:poyang:problem:application-state")).count())
                .as(statuses(answers)).isEqualTo(AT_ONCE - 1);
        JsonNode a = application(id, citizen);
        assertThat(a.path("state").asText()).isEqualTo("APPROVED");
        List<String> active = new ArrayList<>();
        for (JsonNode g : Http.json(http.get("/api/open/grants", citizen), 200)) {
            if (g.path("origin").asText().equals(id) && g.path("status").asText().equals("ACTIVE")) {
                active.add(g.path("id").asText());
            }
        }
        assertThat(active).containsExactly(a.path("grant").asText());
        assertThat(OverdueApplicationTest.kinds(history(id, citizen))).containsExactly("OPENED", "MOVED");
    }

    private List<HttpResponse<String>> atOnce(String path, String json, String token) {
        URI uri = URI.create("http://127.0.0.1:" + context.getProperty("org.osgi.service.http.port") + path);
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < AT_ONCE; i++) {
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build();
            calls.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)));
        }
        return calls.stream().map(CompletableFuture::join).toList();
    }

    private static String statuses(List<HttpResponse<String>> answers) {
        return answers.stream().map(r -> r.statusCode() + " " + r.body().substring(0, Math.min(120, r.body().length()))).toList().toString();
    }
}
