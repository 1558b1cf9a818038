package org.poyang.platform.rest;

import java.util.List;
import java.util.Objects;

/**
 * Thrown by module code to refuse a request with a stable problem type. The bridge renders it
 * as {@code application/problem+json} on REST and as a SOAP fault on SOAP; the message never
 * carries a stack trace to the client.
 */
public class ProblemException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ProblemType type;
    private final String detail;
    private final List<Violation> violations;
    private final java.util.Map<String, String> headers = new java.util.LinkedHashMap<>();

    /**
     * @param type   the problem type
     * @param detail human explanation of this occurrence (Chinese first, English may follow);
     *               must not contain internal details such as SQL or class names
     */
    public ProblemException(ProblemType type, String detail) {
        this(type, detail, List.of());
    }

    /**
     * @param type       the problem type
     * @param detail     human explanation of this occurrence
     * @param violations every rule the request broke
     */
    public ProblemException(ProblemType type, String detail, List<Violation> violations) {
        super(type.slug() + ": " + detail, null, false, false);
        this.type = Objects.requireNonNull(type, "type");
        this.detail = detail;
        this.violations = List.copyOf(violations);
    }

    public ProblemType type() {
        return type;
    }

    public String detail() {
        return detail;
    }

    public List<Violation> violations() {
        return violations;
    }

    /**
     * Adds a response header the REST rendering carries, such as {@code WWW-Authenticate} on 401
     * or {@code Retry-After} on 429 and 503. SOAP faults have no headers and ignore it.
     *
     * @return this exception
     * @since 1.3
     */
    public ProblemException withHeader(String name, String value) {
        headers.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
        return this;
    }

    /** The response headers to send, in the order added. @since 1.3 */
    public java.util.Map<String, String> headers() {
        return java.util.Collections.unmodifiableMap(headers);
    }
}
