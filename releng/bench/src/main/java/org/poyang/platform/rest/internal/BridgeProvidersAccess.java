package org.poyang.platform.rest.internal;

/** For benchmark harnesses outside OSGi: the error mapper the endpoint bridge gives every REST server. */
public final class BridgeProvidersAccess {

    private BridgeProvidersAccess() {
    }

    /** Renders every failure as {@code application/problem+json}, as the bridge does. */
    public static Object problemMapper() {
        return new ProblemExceptionMapper();
    }
}
