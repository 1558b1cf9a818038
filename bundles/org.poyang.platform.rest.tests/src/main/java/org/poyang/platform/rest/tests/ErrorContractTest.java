package org.poyang.platform.rest.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Hashtable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.poyang.platform.rest.Endpoints;

/**
 * The error contract: every REST error is RFC 9457 problem+json with a stable type and a Chinese and
 * English title, every SOAP error a fault, and neither carries a stack trace or internal detail.
 */
class ErrorContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DEMO_NS = "urn:poyang:demo:1";

    @InjectBundleContext
    BundleContext context;

    Http http;

    @BeforeEach
    void ready() throws InterruptedException {
        http = new Http(context);
        http.awaitReady();
    }

    /** Asserts the problem shape and returns the parsed body. */
    private static JsonNode problem(HttpResponse<String> r, int status, String slug) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith(Endpoints.PROBLEM_JSON);
        JsonNode p = JSON.readTree(r.body());
        assertThat(p.path("type").asText()).isEqualTo("urn:poyang:problem:" + slug);
        assertThat(p.path("status").asInt()).isEqualTo(status);
        assertThat(p.path("title").asText()).as("Chinese title").containsPattern("\\p{IsHan}");
        assertThat(p.path("titleEn").asText()).as("English title").isNotBlank().matches("[\\x20-\\x7E]+");
        assertNoInternals(r.body());
        return p;
    }

    private static void assertNoInternals(String body) {
        assertThat(body).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("at org.")
                .doesNotContain("at java.").doesNotContain("secret").doesNotContain("hunter2");
    }

    @Test
    void malformedJsonIs400() throws Exception {
        JsonNode p = problem(http.post("/api/demo/echo", "application/json", "{\"message\": \"x\","), 400, "malformed-json");
        assertThat(p.path("detail").asText()).contains("line 1");
    }

    @Test
    void jsonWithUnknownFieldIs400NamingTheField() throws Exception {
        JsonNode p = problem(http.post("/api/demo/echo", "application/json", "{\"message\":\"x\",\"bogus\":1}"), 400, "malformed-json");
        assertThat(p.path("detail").asText()).contains("bogus");
    }

    @Test
    void unknownPathsAre404() throws Exception {
        problem(http.get("/api/no-such-module/x"), 404, "not-found");
        problem(http.get("/no-such-root"), 404, "not-found");
        problem(http.get("/soap/no-such-service"), 404, "not-found");
        problem(http.get("/api/demo/no-such-method"), 404, "not-found");
    }

    @Test
    void wrongMethodIs405AndWrongMediaTypesAre415And406() throws Exception {
        problem(http.send(HttpRequest.newBuilder(java.net.URI.create(base() + "/api/demo/greeting")).DELETE()), 405, "method-not-allowed");
        problem(http.post("/api/demo/echo", "text/plain", "hello"), 415, "unsupported-media-type");
        problem(http.get("/api/demo/greeting", "application/xml"), 406, "not-acceptable");
    }

    @Test
    void businessRuleViolationListsEveryViolation() throws Exception {
        JsonNode p = problem(http.get("/api/demo/rows?count=5000"), 422, "validation-failed");
        assertThat(p.path("violations")).hasSize(1);
        assertThat(p.path("violations").get(0).path("field").asText()).isEqualTo("count");
        assertThat(p.path("violations").get(0).path("message").asText()).containsPattern("\\p{IsHan}");
        assertThat(p.path("violations").get(0).path("messageEn").asText()).isNotBlank();
    }

    @Test
    void declaredBodyOverTheLimitIs413BeforeItIsRead() throws Exception {
        byte[] big = new byte[10 * 1024 * 1024 + 1];
        java.util.Arrays.fill(big, (byte) ' ');
        problem(http.post("/api/demo/echo", "application/json", HttpRequest.BodyPublishers.ofByteArray(big)), 413, "payload-too-large");
    }

    @Test
    void chunkedBodyOverTheLimitIs413() throws Exception {
        String json = "{\"message\":\"" + "a".repeat(11 * 1024 * 1024) + "\"}";
        byte[] bytes = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        // A publisher of unknown length makes the client send chunked, without Content-Length.
        HttpRequest.BodyPublisher chunked = HttpRequest.BodyPublishers.fromPublisher(
                HttpRequest.BodyPublishers.ofByteArray(bytes));
        problem(http.post("/api/demo/echo", "application/json", chunked), 413, "payload-too-large");
    }

    /**
     * A new limit applies to the next request without republishing anything: the profile's
     * configuration often arrives after the bridge started, and must not withdraw the endpoints.
     */
    @Test
    void aNewDefaultLimitAppliesWithoutRepublishing() throws Exception {
        java.util.List<Object> withdrawn = new java.util.concurrent.CopyOnWriteArrayList<>();
        org.osgi.framework.ServiceListener listener = e -> {
            if (e.getType() == org.osgi.framework.ServiceEvent.UNREGISTERING) {
                withdrawn.add(e.getServiceReference().getProperty("objectClass"));
            }
        };
        context.addServiceListener(listener, "(|(objectClass=jakarta.servlet.Servlet)(objectClass="
                + org.poyang.platform.rest.PublishedEndpoints.class.getName() + "))");
        org.osgi.service.cm.ConfigurationAdmin cm = context.getService(context.getServiceReference(org.osgi.service.cm.ConfigurationAdmin.class));
        org.osgi.service.cm.Configuration c = cm.getConfiguration("org.poyang.platform.rest", "?");
        String body = "{\"message\":\"" + "a".repeat(8 * 1024) + "\"}";
        try {
            Hashtable<String, Object> props = new Hashtable<>();
            props.put("maxRequestBytes", 4096L);
            c.update(props);
            long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
            HttpResponse<String> r = http.post("/api/demo/echo", "application/json", body);
            while (r.statusCode() != 413 && System.nanoTime() < deadline) {
                Thread.sleep(50);
                r = http.post("/api/demo/echo", "application/json", body);
            }
            problem(r, 413, "payload-too-large");
        } finally {
            c.delete();
        }
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
        HttpResponse<String> r = http.post("/api/demo/echo", "application/json", body);
        while (r.statusCode() == 413 && System.nanoTime() < deadline) {
            Thread.sleep(50);
            r = http.post("/api/demo/echo", "application/json", body);
        }
        context.removeServiceListener(listener);
        assertThat(r.statusCode()).as("the default limit is back after the configuration is deleted").isEqualTo(200);
        assertThat(withdrawn).as("services the bridge withdrew while its limits changed").isEmpty();
    }

    @Test
    void anEndpointMayHaveItsOwnBodyLimitAboveOrBelowTheDefault() throws Exception {
        Hashtable<String, Object> small = new Hashtable<>();
        small.put(Endpoints.REST_ADDRESS, "/probe-small");
        small.put(Endpoints.MAX_REQUEST_BYTES, 1024L);
        Hashtable<String, Object> large = new Hashtable<>();
        large.put(Endpoints.REST_ADDRESS, "/probe-large");
        large.put(Endpoints.MAX_REQUEST_BYTES, "16777216");
        Hashtable<String, Object> plain = new Hashtable<>();
        plain.put(Endpoints.REST_ADDRESS, "/probe-large-not");
        ServiceRegistration<Object> s = context.registerService(Object.class, new Probes.Sink(), small);
        ServiceRegistration<Object> l = context.registerService(Object.class, new Probes.Sink(), large);
        ServiceRegistration<Object> p = context.registerService(Object.class, new Probes.Sink(), plain);
        try {
            assertThat(http.post("/api/probe-small", "text/plain", "x".repeat(1024)).body()).isEqualTo("1024");
            problem(http.post("/api/probe-small", "text/plain", "x".repeat(1025)), 413, "payload-too-large");
            byte[] eleven = new byte[11 * 1024 * 1024];
            HttpResponse<String> ok = http.post("/api/probe-large", "application/octet-stream", HttpRequest.BodyPublishers.ofByteArray(eleven));
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.body()).isEqualTo(Integer.toString(eleven.length));
            // the same body chunked, and a sibling whose address merely starts with the same letters: default limit
            HttpResponse<String> chunked = http.post("/api/probe-large", "application/octet-stream",
                    HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofByteArray(eleven)));
            assertThat(chunked.body()).isEqualTo(Integer.toString(eleven.length));
            problem(http.postOversized("/api/probe-large-not", "application/octet-stream", eleven), 413, "payload-too-large");
        } finally {
            s.unregister();
            l.unregister();
            p.unregister();
        }
        // withdrawn with its endpoint: a new endpoint at the same address has the default again
        ServiceRegistration<Object> again = context.registerService(Object.class, new Probes.Sink(),
                new Hashtable<>(java.util.Map.of(Endpoints.REST_ADDRESS, "/probe-large")));
        try {
            problem(http.postOversized("/api/probe-large", "application/octet-stream", new byte[11 * 1024 * 1024]), 413,
                    "payload-too-large");
        } finally {
            again.unregister();
        }
    }

    @Test
    void unexpectedFailureIs500WithIncidentIdAndNoInternals() throws Exception {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(Endpoints.REST_ADDRESS, "/probe-boom");
        ServiceRegistration<Object> reg = context.registerService(Object.class, new Probes.Named("boom"), props);
        try {
            JsonNode p = problem(http.get("/api/probe-boom/boom"), 500, "internal-error");
            assertThat(p.path("incident").asText()).matches("[0-9a-f-]{36}");
        } finally {
            reg.unregister();
        }
    }

    @Test
    void soapProblemIsAClientFaultWithTheProblemType() {
        HttpResponse<String> r = http.soap("/soap/demo", Soap.envelope(DEMO_NS, "<p:greet><name></name></p:greet>"));
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.body()).contains("<faultcode>soap:Client</faultcode>").contains("urn:poyang:problem:validation-failed")
                .contains("请求内容未通过校验").contains("Request failed validation");
        assertNoInternals(r.body());
    }

    @Test
    void soapImplementationFailureIsMaskedBehindAnIncident() {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(Endpoints.SOAP_ADDRESS, "/probe-fail");
        ServiceRegistration<Object> reg = context.registerService(Object.class, new Probes.Soap(), props);
        try {
            HttpResponse<String> r = http.soap("/soap/probe-fail", Soap.envelope("urn:poyang:test:probe", "<p:fail><text>x</text></p:fail>"));
            assertThat(r.body()).contains("<faultcode>soap:Server</faultcode>").contains("urn:poyang:problem:internal-error")
                    .contains("<incident>");
            assertNoInternals(r.body());
        } finally {
            reg.unregister();
        }
    }

    @Test
    void xmlWithDtdIsRejected() {
        String doc = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ELEMENT x ANY>]>" + Soap.envelope(DEMO_NS, "<p:greet><name>a</name></p:greet>");
        assertFault(http.soap("/soap/demo", doc));
    }

    @Test
    void externalEntityIsRejectedAndNotExpanded() {
        String doc = "<?xml version=\"1.0\"?><!DOCTYPE foo [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
                + Soap.envelope(DEMO_NS, "<p:greet><name>&xxe;</name></p:greet>");
        HttpResponse<String> r = http.soap("/soap/demo", doc);
        assertFault(r);
        assertThat(r.body()).doesNotContain("root:");
    }

    @Test
    void billionLaughsIsRejected() {
        StringBuilder dtd = new StringBuilder("<!DOCTYPE lolz [<!ENTITY lol0 \"lol\">");
        for (int i = 1; i < 10; i++) {
            dtd.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i - 1) + ";").repeat(10)).append("\">");
        }
        dtd.append("]>");
        String doc = "<?xml version=\"1.0\"?>" + dtd + Soap.envelope(DEMO_NS, "<p:greet><name>&lol9;</name></p:greet>");
        HttpResponse<String> r = http.soap("/soap/demo", doc);
        assertFault(r);
        assertThat(r.body()).doesNotContain("lollollol");
    }

    /*
     * The stax limits below are exceeded by amounts that CXF's own defaults (500 attributes, depth 100,
     * 128 MiB text) would accept, so these tests fail unless the bridge's configured limits apply.
     */
    @Test
    void moreAttributesThanConfiguredIsRejected() {
        StringBuilder attrs = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            attrs.append(" a").append(i).append("=\"v\"");
        }
        HttpResponse<String> r = http.soap("/soap/demo", Soap.envelope(DEMO_NS, "<p:greet" + attrs + "><name>a</name></p:greet>"));
        assertFault(r);
        assertThat(r.body()).contains("Attribute limit (64)");
    }

    @Test
    void longerTextThanConfiguredIsRejected() {
        HttpResponse<String> r = http.soap("/soap/demo",
                Soap.envelope(DEMO_NS, "<p:greet><name>" + "x".repeat(1024 * 1024 + 10) + "</name></p:greet>"));
        assertFault(r);
        assertThat(r.body()).contains("(1048576)");
    }

    @Test
    void deeperNestingThanConfiguredIsRejected() {
        HttpResponse<String> r = http.soap("/soap/demo", greetWithHeader(nested(80)));
        assertFault(r);
        assertThat(r.body()).containsIgnoringCase("depth");
    }

    @Test
    void shallowHeaderWithinTheLimitsIsAccepted() {
        HttpResponse<String> r = http.soap("/soap/demo", greetWithHeader(nested(10)));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    /** {@code depth} nested header elements, which CXF parses whole before it reads the body. */
    private static String nested(int depth) {
        return "<h:x xmlns:h=\"urn:h\">".repeat(depth) + "</h:x>".repeat(depth);
    }

    private static String greetWithHeader(String header) {
        return "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:p=\"" + DEMO_NS
                + "\"><soapenv:Header>" + header + "</soapenv:Header><soapenv:Body><p:greet><name>a</name></p:greet>"
                + "</soapenv:Body></soapenv:Envelope>";
    }

    private static void assertFault(HttpResponse<String> r) {
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.body()).contains("<faultcode>soap:Client</faultcode>").contains("urn:poyang:problem:");
        assertThat(r.body()).doesNotContain("\tat ").doesNotContain("at org.");
    }

    private String base() {
        return "http://127.0.0.1:" + context.getProperty("org.osgi.service.http.port");
    }

}
