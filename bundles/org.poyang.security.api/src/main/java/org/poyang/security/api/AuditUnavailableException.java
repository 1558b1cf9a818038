package org.poyang.security.api;

/**
 * The audit trail cannot make a record durable. Callers must not serve data they could not audit
 * (Art. 30): REST answers 503, SOAP a server fault.
 */
public class AuditUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public AuditUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
