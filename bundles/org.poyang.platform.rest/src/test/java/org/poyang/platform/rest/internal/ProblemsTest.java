package org.poyang.platform.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.poyang.platform.rest.ProblemException;
import org.poyang.platform.rest.ProblemType;
import org.poyang.platform.rest.Violation;

class ProblemsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void problemExceptionKeepsItsTypeDetailAndViolations() throws Exception {
        ProblemException e = new ProblemException(ProblemType.VALIDATION_FAILED, "无效 (invalid)",
                List.of(new Violation("code", "校验位错误", "wrong check character")));
        JsonNode body = JSON.readTree(Json.MAPPER.writeValueAsString(Problems.toProblem(new RuntimeException(e), "/api/x")));
        assertThat(body.path("type").asText()).isEqualTo("urn:poyang:problem:validation-failed");
        assertThat(body.path("status").asInt()).isEqualTo(422);
        assertThat(body.path("title").asText()).isEqualTo("请求内容未通过校验");
        assertThat(body.path("titleEn").asText()).isEqualTo("Request failed validation");
        assertThat(body.path("instance").asText()).isEqualTo("/api/x");
        assertThat(body.path("violations").get(0).path("messageEn").asText()).isEqualTo("wrong check character");
        assertThat(body.has("incident")).isFalse();
    }

    @Test
    void malformedJsonNamesLineAndColumnButNoJavaTypes() {
        IOException parse = assertThrowsIo(() -> JSON.readTree("{\"a\": }"));
        ProblemBody p = Problems.toProblem(parse, null);
        assertThat(p.type()).isEqualTo(ProblemType.MALFORMED_JSON.uri());
        assertThat(p.detail()).contains("line 1").doesNotContain("com.fasterxml").doesNotContain("Exception");
    }

    /** A name outside an enumeration is named with the names accepted, without Java types. */
    enum Colour { RED, GREEN }

    record Paint(Colour colour) {
    }

    @Test
    void aWrongEnumerationNameIsNamedWithTheNamesAccepted() {
        IOException wrong = assertThrowsIo(() -> Json.MAPPER.readValue("{\"colour\": \"BLUE\"}", Paint.class));
        ProblemBody p = Problems.toProblem(wrong, null);
        assertThat(p.type()).isEqualTo(ProblemType.MALFORMED_JSON.uri());
        assertThat(p.detail()).contains("colour").doesNotContain("com.fasterxml").doesNotContain("Colour");
        assertThat(p.violations()).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("colour");
            assertThat(v.messageEn()).isEqualTo("must be one of RED, GREEN");
        });
    }

    @Test
    void jaxRsStatusesMapToStableTypes() {
        assertThat(Problems.toProblem(new NotFoundException(), null).type()).isEqualTo("urn:poyang:problem:not-found");
        assertThat(Problems.toProblem(new NotAllowedException("GET"), null).status()).isEqualTo(405);
        assertThat(Problems.typeFor(415)).isEqualTo(ProblemType.UNSUPPORTED_MEDIA_TYPE);
        assertThat(Problems.typeFor(418)).isEqualTo(ProblemType.BAD_REQUEST);
    }

    @Test
    void aClientThatWentAwayIsNotAnIncident() {
        assertThat(Problems.clientGone(new RuntimeException(new IOException("Broken pipe")))).isTrue();
        assertThat(Problems.clientGone(new IOException("write failed", new IOException("Connection reset by peer")))).isTrue();
        assertThat(Problems.clientGone(new IOException("disk full"))).isFalse();
        assertThat(Problems.clientGone(new IllegalStateException("Broken pipe"))).isFalse();
    }

    @Test
    void unexpectedFailureIsMaskedBehindAnIncident() {
        ProblemBody p = Problems.toProblem(new IllegalStateException("password=hunter2 at jdbc:derby:/secret"), "/api/y");
        assertThat(p.status()).isEqualTo(500);
        assertThat(p.incident()).matches("[0-9a-f-]{36}");
        assertThat(p.detail()).doesNotContain("hunter2").doesNotContain("derby");
    }

    /**
     * Art. 35: the log masks runs of digits shaped like mobile or identity numbers; an incident id never
     * holds one, so the id in the log line is the one the client quotes.
     */
    @Test
    void incidentIdsHoldNoRunOfElevenDigits() {
        java.util.regex.Pattern run = java.util.regex.Pattern.compile("\\d{11}");
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            String id = Problems.newIncident();
            assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
            assertThat(run.matcher(id).find()).as(id).isFalse();
            assertThat(seen.add(id)).isTrue();
        }
    }

    @Test
    void payloadTooLargeFoundAnywhereInTheCauseChain() {
        ProblemBody p = Problems.toProblem(new RuntimeException(new IOException(new PayloadTooLargeException(100))), null);
        assertThat(p.status()).isEqualTo(413);
        assertThat(p.detail()).contains("100");
    }

    @Test
    void problemTypesRefuseUnstableSlugsAndNonErrorStatuses() {
        assertThatThrownBy(() -> new ProblemType("Bad Slug", 400, "坏", "bad")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ProblemType("ok", 200, "好", "ok")).isInstanceOf(IllegalArgumentException.class);
        assertThat(new ProblemType("catalog-invalid-credit-code", 422, "统一社会信用代码无效", "Invalid credit code").uri())
                .isEqualTo("urn:poyang:problem:catalog-invalid-credit-code");
    }

    @Test
    void openApiPathsJoinTheirServerAddress() {
        assertThat(OpenApiDocument.join("/api/demo", "/greeting")).isEqualTo("/api/demo/greeting");
        assertThat(OpenApiDocument.join("/api/health", "/")).isEqualTo("/api/health");
        assertThat(OpenApiDocument.join("/api/health", "")).isEqualTo("/api/health");
        assertThat(OpenApiDocument.join("/api/x", "y")).isEqualTo("/api/x/y");
    }

    private interface IoAction {
        void run() throws IOException;
    }

    private static IOException assertThrowsIo(IoAction action) {
        try {
            action.run();
        } catch (IOException e) {
            return e;
        }
        throw new AssertionError("expected an IOException");
    }
}
