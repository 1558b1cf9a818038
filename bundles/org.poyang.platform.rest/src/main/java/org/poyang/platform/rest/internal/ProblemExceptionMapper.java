package org.poyang.platform.rest.internal;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.PhaseInterceptorChain;
import org.poyang.platform.rest.Endpoints;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders every failure of a REST call as {@code application/problem+json}. One instance per
 * published server: it needs no injected context, the request URI comes from the CXF message.
 */
final class ProblemExceptionMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemExceptionMapper.class);

    @Override
    public Response toResponse(Throwable failure) {
        if (Problems.clientGone(failure)) {
            LOG.debug("Client of {} went away before its answer was written: {}", currentPath(), failure.toString());
            return Response.serverError().build();
        }
        ProblemBody body = Problems.toProblem(failure, currentPath());
        Response.ResponseBuilder rb = Response.status(body.status()).type(Endpoints.PROBLEM_JSON).entity(body);
        if (failure instanceof jakarta.ws.rs.WebApplicationException wae && wae.getResponse() != null) {
            String allow = wae.getResponse().getHeaderString("Allow");
            if (allow != null && body.status() == 405) {
                rb.header("Allow", allow);
            }
            String retry = wae.getResponse().getHeaderString("Retry-After");
            if (retry != null) {
                rb.header("Retry-After", retry);
            }
        }
        org.poyang.platform.rest.ProblemException problem = Problems.find(failure, org.poyang.platform.rest.ProblemException.class);
        if (problem != null) {
            problem.headers().forEach(rb::header);
        }
        return rb.build();
    }

    static String currentPath() {
        Message m = PhaseInterceptorChain.getCurrentMessage();
        if (m == null) {
            return null;
        }
        Object uri = m.get(Message.REQUEST_URI);
        if (uri == null && m.getExchange() != null && m.getExchange().getInMessage() != null) {
            // A failure while writing the answer happens on the outbound message.
            uri = m.getExchange().getInMessage().get(Message.REQUEST_URI);
        }
        return uri == null ? null : uri.toString();
    }
}
