package org.poyang.collect.impl.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.time.Instant;
import java.util.function.Function;
import org.poyang.catalog.api.CreditCode;
import org.poyang.catalog.api.Grade;
import org.poyang.catalog.api.ResourceCode;

/** The JSON form of aggregation's answers: identifiers as their codes, times as ISO-8601. */
final class Json {

    static final ObjectMapper MAPPER = create();

    private Json() {
    }

    private static ObjectMapper create() {
        SimpleModule m = new SimpleModule("poyang-collect");
        text(m, ResourceCode.class, ResourceCode::value);
        text(m, CreditCode.class, CreditCode::value);
        text(m, Grade.class, Grade::code);
        text(m, Instant.class, Instant::toString);
        return new ObjectMapper().registerModule(m);
    }

    private static <T> void text(SimpleModule m, Class<T> type, Function<T, String> write) {
        m.addSerializer(type, new JsonSerializer<T>() {
            @Override
            public void serialize(T value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
                gen.writeString(write.apply(value));
            }
        });
    }

    static JsonNode tree(Object value) {
        return MAPPER.valueToTree(value);
    }
}
