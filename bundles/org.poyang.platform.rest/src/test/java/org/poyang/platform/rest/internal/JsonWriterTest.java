package org.poyang.platform.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonWriterTest {

    private final JsonWriter writer = new JsonWriter();

    private void write(Object value, OutputStream out) throws IOException {
        writer.writeTo(value, value.getClass(), value.getClass(), new Annotation[0], MediaType.APPLICATION_JSON_TYPE,
                new MultivaluedHashMap<>(), out);
    }

    /** Fails every write with the given exception, as a socket does once the client has hung up. */
    private static OutputStream failing(IOException failure) {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw failure;
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                throw failure;
            }
        };
    }

    @Test
    void writesJsonWithThePlatformMapper() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(Map.of("status", "UP", "模块", "目录"), out);
        assertThat(out.toString(StandardCharsets.UTF_8))
                .isEqualTo(Json.MAPPER.writeValueAsString(Map.of("status", "UP", "模块", "目录")));
    }

    @Test
    void aClientThatHungUpEndsTheWriteQuietly() {
        // what curl -f does on a 503 from /api/health while the instance starts: the socket's write fails
        assertThatCode(() -> write(Map.of("status", "DOWN"), failing(new IOException("Broken pipe"))))
                .doesNotThrowAnyException();
        assertThatCode(() -> write(Map.of("status", "DOWN"), failing(new IOException("Connection reset by peer"))))
                .doesNotThrowAnyException();
    }

    @Test
    void anyOtherWriteFailureIsThrownOn() {
        assertThatThrownBy(() -> write(Map.of("status", "DOWN"), failing(new IOException("No space left on device"))))
                .isInstanceOf(IOException.class).hasMessage("No space left on device");
    }
}
