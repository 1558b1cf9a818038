package org.poyang.open.impl.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;

/**
 * Shared by the tests of algorithm model results (数据可用不可见, Art. 18): the run's {@link AnalysisData},
 * and calls of {@code POST /api/open/analyses} whose every answer is checked to hold no identity number
 * that was generated, whatever it was asked.
 */
abstract class AnalysisTestBase extends OpenTestBase {

    static final String DIGEST = "[0-9a-f]{8}(-[0-9a-f]{8}){7}";

    AnalysisData d;

    @BeforeEach
    void analysisData() {
        d = AnalysisData.get(p);
    }

    /** Sends an analysis; whatever the answer, it carries no identity number. */
    HttpResponse<String> send(Disclosure.Request request, String token) {
        HttpResponse<String> r = http.post("/api/open/analyses", request.json(), token);
        noIdentityNumberIn(r.body());
        return r;
    }

    /** Runs an analysis that must succeed. */
    JsonNode analyse(Disclosure.Request request, String token) {
        JsonNode r = Http.json(send(request, token), 200);
        assertThat(r.path("id").asText()).as(r.toString()).isNotBlank();
        // the SM3 digest: 64 hex digits in hyphen-joined groups of eight (docs/open.md)
        assertThat(r.path("digest").asText()).as(r.toString()).matches(DIGEST);
        return r;
    }

    /** Runs an analysis that must be refused 422 validation-failed; returns the problem. */
    JsonNode invalid(Disclosure.Request request, String token) {
        return Http.problem(send(request, token), 422, "validation-failed");
    }

    /** The fields a refused analysis names. */
    List<String> refusedFields(Disclosure.Request request, String token) {
        return Http.violationFields(invalid(request, token));
    }

    void noIdentityNumberIn(String body) {
        for (String id : d.identityNumbers) {
            assertThat(body).as("an identity number left the platform").doesNotContain(id);
            assertThat(body).as("an identity number left the platform").doesNotContain(id.substring(0, 17));
        }
    }

    static List<Map<String, String>> where(List<Map<String, String>> rows, Predicate<Map<String, String>> p) {
        return rows.stream().filter(p).toList();
    }

    /** An integer cell as a number, or null when empty. */
    static Long number(Map<String, String> row, String item) {
        String v = row.get(item);
        return v == null || v.isEmpty() ? null : Long.parseLong(v);
    }
}
