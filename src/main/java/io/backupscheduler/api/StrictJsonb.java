package io.backupscheduler.api;

import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.JsonbException;
import jakarta.json.bind.serializer.DeserializationContext;
import jakarta.json.bind.serializer.JsonbDeserializer;
import jakarta.json.stream.JsonParser;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Type;

/**
 * The JSON-B the API reads and writes with: the defaults, except that a boolean must be {@code true} or
 * {@code false} and a string a JSON string. Yasson reads any other string as false, so {@code {"enabled": "yes"}}
 * switched the scheduler off, and it turned {@code {"name": 123}} into a webhook named "123".
 */
@Provider
public class StrictJsonb implements ContextResolver<Jsonb> {
    private final Jsonb jsonb = JsonbBuilder.create(new JsonbConfig().withDeserializers(new StrictBoolean(), new StrictString()));

    @Override
    public Jsonb getContext(Class<?> type) {
        return jsonb;
    }

    /** true and false only; the property name is added by the reader ("Unable to deserialize property 'paused'"). */
    public static final class StrictBoolean implements JsonbDeserializer<Boolean> {
        @Override
        public Boolean deserialize(JsonParser parser, DeserializationContext context, Type type) {
            JsonValue value = parser.getValue();
            return switch (value.getValueType()) {
                case TRUE -> Boolean.TRUE;
                case FALSE -> Boolean.FALSE;
                case NULL -> null;
                default -> throw new JsonbException("must be true or false, not " + value);
            };
        }
    }

    /** JSON strings only (a property with its own deserializer, such as a schedule's data, keeps it). */
    public static final class StrictString implements JsonbDeserializer<String> {
        @Override
        public String deserialize(JsonParser parser, DeserializationContext context, Type type) {
            JsonValue value = parser.getValue();
            return switch (value.getValueType()) {
                case STRING -> ((jakarta.json.JsonString) value).getString();
                case NULL -> null;
                default -> throw new JsonbException("must be a string, not " + value);
            };
        }
    }
}
