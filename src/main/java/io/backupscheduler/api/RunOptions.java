package io.backupscheduler.api;

import io.backupscheduler.errors.InvalidInputException;
import io.backupscheduler.job.Priority;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;

/** The optional body of POST /jobs/{id}/run: {"priority": "HIGH", "data": {…}}; empty means the job's own settings. */
record RunOptions(Priority priority, String data) {
    static RunOptions parse(String body) {
        if (body == null || body.isBlank()) {
            return new RunOptions(null, null);
        }
        JsonObject json;
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            json = reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw InvalidInputException.of("body", "is not a JSON object such as {\"priority\": \"HIGH\"}");
        }
        Priority priority = null;
        JsonValue priorityValue = json.get("priority");
        if (priorityValue != null && priorityValue.getValueType() != JsonValue.ValueType.NULL) {
            if (!(priorityValue instanceof JsonString text)) {
                throw InvalidInputException.of("priority", "must be a string such as HIGH");
            }
            priority = QueryParameters.enumValue("priority", text.getString(), Priority.class);
        }
        JsonValue data = json.get("data");
        if (data != null && data.getValueType() != JsonValue.ValueType.NULL && data.getValueType() != JsonValue.ValueType.OBJECT) {
            throw InvalidInputException.of("data", "must be a JSON object");
        }
        return new RunOptions(priority, data == null || data.getValueType() == JsonValue.ValueType.NULL ? null : data.toString());
    }
}
