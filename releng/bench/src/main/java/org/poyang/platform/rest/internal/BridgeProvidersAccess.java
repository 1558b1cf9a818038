package org.poyang.platform.rest.internal;

/** For benchmark harnesses outside OSGi: the error mapper the endpoint bridge gives every REST server. */
public final class BridgeProvidersAccess {

    private BridgeProvidersAccess() {
    }

    /** Renders every failure as {@code application/problem+json}, as the bridge does. */
    public static Object problemMapper() {
        return new ProblemExceptionMapper();
    }

    /** Renders every SOAP failure as a fault carrying the problem type, as the bridge does for every SOAP endpoint. */
    public static org.apache.cxf.interceptor.Interceptor<? extends org.apache.cxf.message.Message> problemFault() {
        return new ProblemFaultInterceptor();
    }
}
