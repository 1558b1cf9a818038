package org.poyang.platform.rest.internal;

import com.fasterxml.jackson.jakarta.rs.json.JacksonJsonProvider;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jackson's JSON provider, with one difference: a client that closed its connection before the
 * answer was written (a health probe such as {@code curl -f} that hangs up on a 503, a browser tab
 * closed mid-download) ends the write quietly, logged at debug. Without this CXF logs an ERROR for
 * every such request, "Problem with writing the data", which an operator cannot act on. Any other
 * write failure is thrown on, to CXF and {@link ProblemExceptionMapper}, as before.
 */
final class JsonWriter extends JacksonJsonProvider {

    private static final Logger LOG = LoggerFactory.getLogger(JsonWriter.class);

    JsonWriter() {
        super(Json.MAPPER);
    }

    @Override
    public void writeTo(Object value, Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType,
            MultivaluedMap<String, Object> httpHeaders, OutputStream entityStream) throws IOException {
        try {
            super.writeTo(value, type, genericType, annotations, mediaType, httpHeaders, entityStream);
        } catch (IOException e) {
            if (!Problems.clientGone(e)) {
                throw e;
            }
            LOG.debug("Client went away before its {} answer was written: {}", type.getSimpleName(), e.toString());
        }
    }
}
