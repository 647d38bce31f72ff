package io.backupscheduler.api;

import io.backupscheduler.backup.BackupKind;
import io.backupscheduler.errors.FieldError;
import io.backupscheduler.errors.InvalidInputException;
import io.backupscheduler.job.Priority;
import io.backupscheduler.job.ResourceLimits;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/**
 * The optional body of POST /jobs/{id}/run: {"priority": "HIGH", "data": {…}, "limits": {"maxExecutionSeconds": 60}};
 * empty means the job's own settings. Limits given here override the job's for this run only.
 */
record RunOptions(Priority priority, String data) {
    /** The body as a JSON object, null when empty; 400 naming "body" when it is not an object. */
    static JsonObject object(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            return reader.readObject();
        } catch (RuntimeException e) { // JsonException, and the plain RuntimeException Parsson throws past 1000 levels
            throw InvalidInputException.of("body", "is not a JSON object such as {\"priority\": \"HIGH\"}");
        }
    }

    static RunOptions parse(String body) {
        JsonObject json = object(body);
        if (json == null) {
            return new RunOptions(null, null);
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
        JsonObject limits = limits(json.get("limits"));
        String backupKind = backupKind(json.get("backupKind"));
        if (limits == null && backupKind == null) {
            return new RunOptions(priority, data == null || data.getValueType() == JsonValue.ValueType.NULL ? null : data.toString());
        }
        // the executor reads a run's limit overrides and a directory backup's kind from its data
        var merged = Json.createObjectBuilder(data instanceof JsonObject object ? object : JsonValue.EMPTY_JSON_OBJECT);
        if (limits != null) {
            merged.add("limits", limits);
        }
        if (backupKind != null) {
            merged.add("backupKind", backupKind);
        }
        return new RunOptions(priority, merged.build().toString());
    }

    /** "FULL" or "INCREMENTAL" for a DIRECTORY job's run; null when not given. */
    private static String backupKind(JsonValue value) {
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (!(value instanceof JsonString text)) {
            throw InvalidInputException.of("backupKind", "must be FULL or INCREMENTAL");
        }
        String kind = text.getString().strip().toUpperCase(java.util.Locale.ROOT);
        if (!kind.equals(BackupKind.FULL.name()) && !kind.equals(BackupKind.INCREMENTAL.name())) {
            throw InvalidInputException.of("backupKind", "'" + text.getString() + "' must be FULL or INCREMENTAL");
        }
        return kind;
    }

    /** {"maxCpuPercent", "maxMemoryMb", "maxExecutionSeconds", "ioPriority", "maxIoBytesPerSecond"}, each optional, in the job's ranges. */
    private static JsonObject limits(JsonValue value) {
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (!(value instanceof JsonObject object)) {
            throw InvalidInputException.of("limits", "must be a JSON object such as {\"maxExecutionSeconds\": 600}");
        }
        List<FieldError> errors = new ArrayList<>();
        var builder = Json.createObjectBuilder();
        for (String name : object.keySet()) {
            long[] range = switch (name) {
                case "maxCpuPercent" -> new long[] {1, 100};
                case "maxMemoryMb" -> new long[] {16, 4_194_304};
                case "maxExecutionSeconds" -> new long[] {1, ResourceLimits.MAX_EXECUTION_SECONDS};
                case "ioPriority" -> new long[] {0, 7};
                case "maxIoBytesPerSecond" -> new long[] {ResourceLimits.MIN_IO_BYTES_PER_SECOND, ResourceLimits.MAX_IO_BYTES_PER_SECOND};
                default -> null;
            };
            if (range == null) {
                errors.add(new FieldError("limits." + name, "is not a limit; use maxCpuPercent, maxMemoryMb, maxExecutionSeconds,"
                        + " ioPriority or maxIoBytesPerSecond"));
                continue;
            }
            JsonValue limit = object.get(name);
            if (limit.getValueType() == JsonValue.ValueType.NULL) {
                continue;
            }
            if (!(limit instanceof JsonNumber number) || !number.isIntegral() || number.bigIntegerValue().bitLength() > 62
                    || number.longValue() < range[0] || number.longValue() > range[1]) {
                errors.add(new FieldError("limits." + name, "must be a whole number from " + range[0] + " to " + range[1]));
                continue;
            }
            builder.add(name, number.longValue());
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return builder.build();
    }
}
