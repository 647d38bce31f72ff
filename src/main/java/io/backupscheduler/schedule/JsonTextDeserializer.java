package io.backupscheduler.schedule;

import jakarta.json.bind.serializer.DeserializationContext;
import jakarta.json.bind.serializer.JsonbDeserializer;
import jakarta.json.stream.JsonParser;
import java.lang.reflect.Type;

/** Lets a JSON member hold any JSON (e.g. {@code "data": {"full": true}}) and keeps its text. */
public class JsonTextDeserializer implements JsonbDeserializer<String> {
    @Override
    public String deserialize(JsonParser parser, DeserializationContext context, Type type) {
        return parser.getValue().toString();
    }
}
