package org.poyang.platform.rest.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;

/** {@code /api/health} lists every module with its state and answers 503 when a required one is down. */
class HealthTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @InjectBundleContext
    BundleContext context;

    @InjectService
    ConfigurationAdmin configAdmin;

    Http http;

    @BeforeEach
    void ready() throws InterruptedException {
        http = new Http(context);
        http.awaitReady();
    }

    private JsonNode module(JsonNode report, String name) {
        for (JsonNode m : report.path("modules")) {
            if (name.equals(m.path("name").asText())) {
                return m;
            }
        }
        throw new AssertionError("module " + name + " not listed in " + report);
    }

    private JsonNode awaitHealth(Predicate<HttpResponse<String>> until) throws Exception {
        long deadline = System.currentTimeMillis() + 15_000;
        HttpResponse<String> r;
        do {
            r = http.get("/api/health");
            if (until.test(r)) {
                return JSON.readTree(r.body());
            }
            Thread.sleep(100);
        } while (System.currentTimeMillis() < deadline);
        throw new AssertionError("health never reached the expected state; last: " + r.statusCode() + " " + r.body());
    }

    @Test
    void listsEveryPoyangModuleAsActive() throws Exception {
        HttpResponse<String> r = http.get("/api/health");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode report = JSON.readTree(r.body());
        assertThat(report.path("status").asText()).isEqualTo("UP");
        for (String name : new String[] {"org.poyang.platform.rest", "org.poyang.platform.persistence",
            "org.poyang.platform.health", "org.poyang.platform.calendar", "org.poyang.platform.demo"}) {
            assertThat(module(report, name).path("state").asText()).as(name).isEqualTo("active");
        }
        assertThat(r.body()).doesNotContain("org.poyang.platform.rest.tests");
    }

    @Test
    void missingRequiredModuleMakesItDown() throws Exception {
        Configuration c = configAdmin.getConfiguration("org.poyang.platform.health", "?");
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("requiredModules", new String[] {"org.poyang.platform.rest", "org.poyang.catalog.impl"});
        c.update(props);
        try {
            JsonNode report = awaitHealth(r -> r.statusCode() == 503 && r.body().contains("org.poyang.catalog.impl"));
            assertThat(report.path("status").asText()).isEqualTo("DOWN");
            assertThat(module(report, "org.poyang.catalog.impl").path("state").asText()).isEqualTo("missing");
            assertThat(module(report, "org.poyang.platform.demo").path("required").asBoolean()).isFalse();
        } finally {
            c.delete();
        }
        awaitHealth(r -> r.statusCode() == 200);
    }

    @Test
    void failedModuleAndUnsatisfiedReferenceAreNamed() throws Exception {
        Configuration c = configAdmin.getConfiguration("org.poyang.platform.persistence", "?");
        Dictionary<String, Object> broken = new Hashtable<>();
        broken.put("dialect", "POSTGRESQL");
        broken.put("jdbcUrl", "");
        c.update(broken);
        try {
            JsonNode report = awaitHealth(r -> r.statusCode() == 503
                    && r.body().contains("\"name\":\"org.poyang.platform.persistence\",\"version\"")
                    && r.body().contains("jdbcUrl"));
            JsonNode persistence = module(report, "org.poyang.platform.persistence");
            assertThat(persistence.path("state").asText()).isEqualTo("failed");
            assertThat(persistence.toString()).contains("POSTGRESQL needs jdbcUrl");
            JsonNode extender = null;
            for (JsonNode comp : persistence.path("components")) {
                if (comp.path("name").asText().endsWith("SchemaExtender")) {
                    extender = comp;
                }
            }
            assertThat(extender).isNotNull();
            assertThat(extender.path("state").asText()).isEqualTo("unsatisfied");
            assertThat(extender.path("missing").get(0).path("service").asText()).isEqualTo("javax.sql.DataSource");
            assertThat(report.toString()).doesNotContain("\tat ");
        } finally {
            c.delete();
        }
        awaitHealth(r -> r.statusCode() == 200);
    }

    @AfterEach
    void healthy() throws Exception {
        awaitHealth(r -> r.statusCode() == 200);
    }
}
