package org.poyang.platform.rest.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.poyang.platform.rest.Endpoints;

/** The bridge publishes endpoint services live and withdraws them without disturbing the others. */
class EndpointBridgeTest {

    @InjectBundleContext
    BundleContext context;

    Http http;

    @BeforeEach
    void ready() throws InterruptedException {
        http = new Http(context);
        http.awaitReady();
    }

    private ServiceRegistration<Object> rest(String address, Object resource) {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(Endpoints.REST_ADDRESS, address);
        return context.registerService(Object.class, resource, props);
    }

    @Test
    void restResourceIsPublishedWhileRegisteredAndWithdrawnWhenUnregistered() {
        ServiceRegistration<Object> a = rest("/probe-a", new Probes.Named("a"));
        ServiceRegistration<Object> b = rest("/probe-b", new Probes.Named("b"));
        try {
            assertThat(http.get("/api/probe-a").body()).isEqualTo("a");
            assertThat(http.get("/api/probe-b").body()).isEqualTo("b");

            a.unregister();
            a = null;

            HttpResponse<String> gone = http.get("/api/probe-a");
            assertThat(gone.statusCode()).isEqualTo(404);
            assertThat(gone.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith(Endpoints.PROBLEM_JSON));
            HttpResponse<String> still = http.get("/api/probe-b");
            assertThat(still.statusCode()).isEqualTo(200);
            assertThat(still.body()).isEqualTo("b");
            assertThat(http.get("/api/demo/greeting").statusCode()).isEqualTo(200);
        } finally {
            if (a != null) {
                a.unregister();
            }
            b.unregister();
        }
    }

    @Test
    void otherEndpointsAnswerEveryRequestWhileAnEndpointComesAndGoesRepeatedly() throws Exception {
        ServiceRegistration<Object> stable = rest("/probe-stable", new Probes.Named("stable"));
        ExecutorService pool = Executors.newSingleThreadExecutor();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger bad = new AtomicInteger();
        try {
            Future<?> caller = pool.submit(() -> {
                while (running.get()) {
                    HttpResponse<String> r = http.get("/api/probe-stable");
                    if (r.statusCode() == 200 && "stable".equals(r.body())) {
                        ok.incrementAndGet();
                    } else {
                        bad.incrementAndGet();
                    }
                }
            });
            for (int i = 0; i < 30; i++) {
                ServiceRegistration<Object> flapping = rest("/probe-flap", new Probes.Named("flap"));
                assertThat(http.get("/api/probe-flap").statusCode()).isEqualTo(200);
                flapping.unregister();
                assertThat(http.get("/api/probe-flap").statusCode()).isEqualTo(404);
            }
            running.set(false);
            caller.get();
        } finally {
            running.set(false);
            pool.shutdownNow();
            stable.unregister();
        }
        assertThat(ok.get()).as("requests to the stable endpoint").isGreaterThan(30);
        assertThat(bad.get()).as("failed requests to the stable endpoint").isZero();
    }

    /**
     * A provider applies to every REST endpoint, so its coming and going rebuilds them all; requests
     * meanwhile wait for the rebuild instead of meeting a server half torn down.
     */
    @Test
    void everyRequestIsAnsweredWhileAProviderComesAndGoesRepeatedly() throws Exception {
        ServiceRegistration<Object> stable = rest("/probe-steady", new Probes.Named("steady"));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger ok = new AtomicInteger();
        java.util.List<String> bad = new java.util.concurrent.CopyOnWriteArrayList<>();
        try {
            List<Future<?>> callers = new java.util.ArrayList<>();
            for (int t = 0; t < 2; t++) {
                callers.add(pool.submit(() -> {
                    while (running.get()) {
                        HttpResponse<String> r = http.get("/api/probe-steady");
                        if (r.statusCode() == 200 && "steady".equals(r.body())) {
                            ok.incrementAndGet();
                        } else {
                            bad.add(r.statusCode() + " '" + r.body() + "'");
                        }
                    }
                    return null;
                }));
            }
            for (int i = 0; i < 15; i++) {
                Hashtable<String, Object> props = new Hashtable<>();
                props.put(Endpoints.REST_PROVIDER, Boolean.TRUE);
                ServiceRegistration<Object> provider = context.registerService(Object.class, new Probes.MarkResponses(), props);
                assertThat(http.get("/api/probe-steady").headers().firstValue("X-Probe-Provider")).contains("applied");
                provider.unregister();
                assertThat(http.get("/api/probe-steady").headers().firstValue("X-Probe-Provider")).isEmpty();
            }
            running.set(false);
            for (Future<?> f : callers) {
                f.get();
            }
        } finally {
            running.set(false);
            pool.shutdownNow();
            stable.unregister();
        }
        assertThat(ok.get()).as("answered requests").isGreaterThan(30);
        assertThat(bad).as("requests that met a rebuild").isEmpty();
    }

    @Test
    void soapImplementorIsPublishedWithWsdlAndWithdrawn() {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(Endpoints.SOAP_ADDRESS, "/probe");
        ServiceRegistration<Object> reg = context.registerService(Object.class, new Probes.Soap(), props);
        try {
            HttpResponse<String> wsdl = http.get("/soap/probe?wsdl");
            assertThat(wsdl.statusCode()).isEqualTo(200);
            assertThat(wsdl.body()).contains("wsdl:definitions").contains("urn:poyang:test:probe").contains("ping");
            HttpResponse<String> call = http.soap("/soap/probe", Soap.envelope("urn:poyang:test:probe",
                    "<p:ping><text>鄱阳</text></p:ping>"));
            assertThat(call.statusCode()).isEqualTo(200);
            assertThat(call.body()).contains("pong 鄱阳");
            assertThat(http.get("/soap/demo?wsdl").statusCode()).isEqualTo(200);
        } finally {
            reg.unregister();
        }
        assertThat(http.get("/soap/probe?wsdl").statusCode()).isEqualTo(404);
        assertThat(http.get("/soap/demo?wsdl").statusCode()).isEqualTo(200);
    }

    @Test
    void secondServiceOnATakenAddressIsRefusedAndTheFirstKeepsServing() {
        ServiceRegistration<Object> first = rest("/probe-dup", new Probes.Named("first"));
        ServiceRegistration<Object> second = rest("/probe-dup", new Probes.Named("second"));
        try {
            assertThat(http.get("/api/probe-dup").body()).isEqualTo("first");
        } finally {
            second.unregister();
            first.unregister();
        }
        assertThat(http.get("/api/probe-dup").statusCode()).isEqualTo(404);
    }

    @Test
    void invalidAddressIsNotPublished() {
        ServiceRegistration<Object> reg = rest("../escape", new Probes.Named("x"));
        try {
            assertThat(http.get("/api/escape").statusCode()).isEqualTo(404);
            assertThat(http.get("/escape").statusCode()).isEqualTo(404);
        } finally {
            reg.unregister();
        }
    }

    @Test
    void openApiDocumentListsPublishedEndpointsOnly() {
        assertThat(http.get("/api/openapi.json").body()).contains("\"openapi\"").contains("/api/demo/greeting")
                .contains("/api/health").doesNotContain("/api/probe-doc");
        ServiceRegistration<Object> reg = rest("/probe-doc", new Probes.Named("doc"));
        try {
            assertThat(http.get("/api/openapi.json").body()).contains("/api/probe-doc").contains("/api/probe-doc/boom");
        } finally {
            reg.unregister();
        }
        assertThat(http.get("/api/openapi.json").body()).doesNotContain("/api/probe-doc");
    }
}
