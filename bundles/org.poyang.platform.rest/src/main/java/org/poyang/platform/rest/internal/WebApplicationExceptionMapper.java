package org.poyang.platform.rest.internal;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/** Takes precedence over CXF's default mapper so that 404, 405, 406 and 415 are problems too. */
final class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    private final ProblemExceptionMapper delegate = new ProblemExceptionMapper();

    @Override
    public Response toResponse(WebApplicationException failure) {
        return delegate.toResponse(failure);
    }
}
