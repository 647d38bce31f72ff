package io.backupscheduler.execution;

import io.backupscheduler.job.ResourceLimits;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;

/**
 * A run's limits: the job's, with any the run overrides in its data ({@code {"limits": {"maxExecutionSeconds": 60}}}).
 * The API validated the override when the run was queued; anything unreadable here falls back to the job's value.
 */
final class EffectiveLimits {
    private EffectiveLimits() {
    }

    static ResourceLimits of(ResourceLimits job, String runData) {
        ResourceLimits limits = job == null ? new ResourceLimits() : job.copy();
        if (runData == null || runData.isBlank()) {
            return limits;
        }
        JsonObject overrides;
        try (JsonReader reader = Json.createReader(new StringReader(runData))) {
            JsonValue value = reader.readObject().get("limits");
            if (!(value instanceof JsonObject object)) {
                return limits;
            }
            overrides = object;
        } catch (JsonException | IllegalStateException e) {
            return limits;
        }
        Integer cpu = number(overrides, "maxCpuPercent");
        Integer memory = number(overrides, "maxMemoryMb");
        Integer seconds = number(overrides, "maxExecutionSeconds");
        Integer io = number(overrides, "ioPriority");
        Long rate = overrides.get("maxIoBytesPerSecond") instanceof JsonNumber n && n.isIntegral() ? n.longValue() : null;
        return new ResourceLimits(cpu != null ? cpu : limits.getMaxCpuPercent(), memory != null ? memory : limits.getMaxMemoryMb(),
                seconds != null ? seconds : limits.getMaxExecutionSeconds(), io != null ? io : limits.getIoPriority(),
                rate != null ? rate : limits.getMaxIoBytesPerSecond());
    }

    private static Integer number(JsonObject object, String name) {
        return object.get(name) instanceof JsonNumber number && number.isIntegral() ? number.intValue() : null;
    }
}
