package org.poyang.catalog.impl.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.function.Function;
import org.poyang.catalog.api.CatalogEntry;
import org.poyang.catalog.api.ClassificationCode;
import org.poyang.catalog.api.CreditCode;
import org.poyang.catalog.api.Grade;
import org.poyang.catalog.api.RegionCode;
import org.poyang.catalog.api.ResourceCode;

/**
 * The JSON form of catalog entries, used both for storage (the {@code DOC} columns) and for the REST
 * and export views: identifiers and grades as their codes, enums as constant names, times as ISO-8601.
 */
final class EntryJson {

    static final ObjectMapper MAPPER = create();

    private EntryJson() {
    }

    private static ObjectMapper create() {
        SimpleModule m = new SimpleModule("poyang-catalog");
        text(m, CreditCode.class, CreditCode::value, CreditCode::new);
        text(m, RegionCode.class, RegionCode::value, RegionCode::new);
        text(m, ClassificationCode.class, ClassificationCode::value, ClassificationCode::new);
        text(m, ResourceCode.class, ResourceCode::value, ResourceCode::new);
        text(m, Grade.class, Grade::code, Grade::parse);
        text(m, Instant.class, Instant::toString, Instant::parse);
        text(m, LocalDate.class, LocalDate::toString, LocalDate::parse);
        return new ObjectMapper().registerModule(m).disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    private static <T> void text(SimpleModule m, Class<T> type, Function<T, String> write, Function<String, T> read) {
        m.addSerializer(type, new JsonSerializer<T>() {
            @Override
            public void serialize(T value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
                gen.writeString(write.apply(value));
            }
        });
        m.addDeserializer(type, new JsonDeserializer<T>() {
            @Override
            public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                return read.apply(p.getValueAsString());
            }
        });
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write catalog JSON", e);
        }
    }

    static JsonNode tree(Object value) {
        return MAPPER.valueToTree(value);
    }

    static CatalogEntry entry(String json) {
        try {
            return MAPPER.readValue(json, CatalogEntry.class);
        } catch (IOException e) {
            throw new IllegalStateException("stored catalog entry is unreadable", e);
        }
    }
}
