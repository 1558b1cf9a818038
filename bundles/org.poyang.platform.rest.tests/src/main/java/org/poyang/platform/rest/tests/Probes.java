package org.poyang.platform.rest.tests;

import jakarta.jws.WebMethod;
import jakarta.jws.WebParam;
import jakarta.jws.WebService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.xml.bind.annotation.XmlType;

/** Endpoints the tests register and withdraw as plain OSGi services. */
final class Probes {

    private Probes() {
    }

    /** A REST resource that answers with its own name. */
    @Path("/")
    public static final class Named {
        private final String name;

        Named(String name) {
            this.name = name;
        }

        @GET
        @Produces(MediaType.TEXT_PLAIN)
        public String name() {
            return name;
        }

        @GET
        @Path("boom")
        @Produces(MediaType.APPLICATION_JSON)
        public String boom() {
            throw new IllegalStateException("secret internal detail: jdbc:derby:/var/lib/poyang");
        }
    }

    /** A REST resource that reads any request body and answers with its length. */
    @Path("/")
    public static final class Sink {
        @jakarta.ws.rs.POST
        @jakarta.ws.rs.Consumes(MediaType.WILDCARD)
        @Produces(MediaType.TEXT_PLAIN)
        public String count(java.io.InputStream body) throws java.io.IOException {
            long n = 0;
            byte[] buf = new byte[65536];
            for (int r; (r = body.read(buf)) >= 0;) {
                n += r;
            }
            return Long.toString(n);
        }
    }

    /** A SOAP implementor; {@code fail} throws an unexpected exception whose text must not leak. */
    @WebService(name = "ProbePort", serviceName = "ProbeService", targetNamespace = "urn:poyang:test:probe")
    public static class Soap {
        @WebMethod
        public String ping(@WebParam(name = "text") String text) {
            return "pong " + text;
        }

        @WebMethod
        public String fail(@WebParam(name = "text") String text) {
            throw new IllegalStateException("secret internal detail: password=hunter2");
        }
    }

    /** Makes the test bundle import JAXB, which CXF's generated wrapper classes need. */
    @XmlType(name = "probeMarker", namespace = "urn:poyang:test:probe")
    public static class Marker {
    }

    /** A provider the bridge adds to every REST endpoint: it marks each response. */
    @jakarta.ws.rs.ext.Provider
    public static final class MarkResponses implements jakarta.ws.rs.container.ContainerResponseFilter {
        @Override
        public void filter(jakarta.ws.rs.container.ContainerRequestContext request, jakarta.ws.rs.container.ContainerResponseContext response) {
            response.getHeaders().putSingle("X-Probe-Provider", "applied");
        }
    }
}
