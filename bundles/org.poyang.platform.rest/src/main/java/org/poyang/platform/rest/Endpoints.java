package org.poyang.platform.rest;

/**
 * Service properties that ask the endpoint bridge to publish a service.
 * <p>
 * Example: {@code @Component(service = CatalogResource.class, property = Endpoints.REST_ADDRESS + "=/catalog")}
 * publishes the resource at {@code /api/catalog}; its class-level {@code @Path} is relative to that.
 */
public final class Endpoints {

    /** Address of a JAX-RS resource below {@link #API_ROOT}, starting with '/', e.g. {@code /catalog}. */
    public static final String REST_ADDRESS = "poyang.rest.address";

    /** Address of a JAX-WS implementor below {@link #SOAP_ROOT}, starting with '/', e.g. {@code /catalog}. */
    public static final String SOAP_ADDRESS = "poyang.soap.address";

    /**
     * Marks a JAX-RS provider (filter, message body reader/writer, exception mapper) that the bridge
     * adds to every REST endpoint. Value {@code true}.
     */
    public static final String REST_PROVIDER = "poyang.rest.provider";

    /**
     * Marks a CXF {@code Interceptor} (an inbound one, e.g. WS-Security) that the bridge adds to
     * every SOAP endpoint. Value {@code true}. The endpoints are rebuilt when one comes or goes.
     *
     * @since 1.3
     */
    public static final String SOAP_INTERCEPTOR = "poyang.soap.interceptor";

    /**
     * Largest request body, in bytes, a REST endpoint accepts when it needs another limit than the
     * bridge's {@code maxRequestBytes} (e.g. a bulk import). A {@code Long} or a decimal string; applies
     * to every path under the endpoint's address. Larger bodies get 413 before they are read.
     */
    public static final String MAX_REQUEST_BYTES = "poyang.rest.maxRequestBytes";

    /** Path prefix of every REST endpoint. */
    public static final String API_ROOT = "/api";

    /** Path prefix of every SOAP endpoint. */
    public static final String SOAP_ROOT = "/soap";

    /** Media type of RFC 9457 problem details. */
    public static final String PROBLEM_JSON = "application/problem+json";

    private Endpoints() {
    }
}
