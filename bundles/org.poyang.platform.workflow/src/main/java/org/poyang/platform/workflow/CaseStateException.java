package org.poyang.platform.workflow;

/**
 * A step a case cannot take: it does not exist, it is in another state (perhaps because someone else
 * just moved it), or its type has no such step. The message is in Chinese and English.
 */
public class CaseStateException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final boolean notFound;

    public CaseStateException(String message, boolean notFound) {
        super(message);
        this.notFound = notFound;
    }

    /** Whether the case does not exist (rather than being in the wrong state). */
    public boolean notFound() {
        return notFound;
    }
}
