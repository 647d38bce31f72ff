package io.backupscheduler.schedule;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which EVENT schedules an event concerns, and the job data their run gets: the schedule's own data with an
 * {@code event} member (type, subject, and the event's data) added.
 * <ul>
 * <li>{@code WEBHOOK}: the source is the webhook's name, the subject the name called.</li>
 * <li>{@code SYSTEM}: the source is an event such as {@code job-succeeded}, optionally {@code :job name}; the
 * subject is {@code event:job name}.</li>
 * <li>{@code FILE_CHANGE}: the source is a path glob ({@code **} crosses directories), the subject the path.</li>
 * </ul>
 */
final class EventMatcher {
    private static final int MAX_JOB_DATA = 16000;
    private static final Map<String, PathMatcher> GLOBS = new ConcurrentHashMap<>();

    private EventMatcher() {
    }

    static boolean matches(EventType type, String source, String subject) {
        if (source == null || subject == null) {
            return false;
        }
        return switch (type) {
            case WEBHOOK -> source.strip().equals(subject);
            case SYSTEM -> {
                int colon = source.indexOf(':');
                String event = SystemEvent.ofKey(ScheduleRules.systemEventName(source)).key();
                int subjectColon = subject.indexOf(':');
                String subjectEvent = subjectColon < 0 ? subject : subject.substring(0, subjectColon);
                String subjectJob = subjectColon < 0 ? null : subject.substring(subjectColon + 1);
                yield event.equals(subjectEvent)
                        && (colon < 0 || source.substring(colon + 1).strip().equals(subjectJob));
            }
            case FILE_CHANGE -> GLOBS.computeIfAbsent(source.strip(), glob -> FileSystems.getDefault().getPathMatcher("glob:" + glob))
                    .matches(Path.of(subject));
        };
    }

    /** The schedule's data (a JSON object, or none) with the event added under {@code event}. */
    static String jobData(String scheduleData, EventType type, String subject, String eventData) {
        JsonObjectBuilder data = Json.createObjectBuilder();
        if (scheduleData != null && !scheduleData.isBlank()) {
            try (var reader = Json.createReader(new StringReader(scheduleData))) {
                JsonValue value = reader.readValue();
                if (value.getValueType() == JsonValue.ValueType.OBJECT) {
                    data = Json.createObjectBuilder(value.asJsonObject());
                } else {
                    data.add("data", value);
                }
            } catch (RuntimeException e) { // not JSON (or nested past the parser's limit): kept as text
                data.add("data", scheduleData);
            }
        }
        JsonObjectBuilder event = Json.createObjectBuilder().add("type", type.name()).add("subject", subject);
        if (eventData != null && !eventData.isBlank()) {
            try (var reader = Json.createReader(new StringReader(eventData))) {
                event.add("data", reader.readValue());
            } catch (RuntimeException e) { // not JSON (or nested past the parser's limit): kept as text
                event.add("data", eventData);
            }
        }
        String json = data.add("event", event).build().toString();
        if (json.length() <= MAX_JOB_DATA) {
            return json;
        }
        // the queue keeps at most MAX_JOB_DATA characters of job data: keep the event, say what was left out
        return data.add("event", Json.createObjectBuilder().add("type", type.name()).add("subject", subject)
                .add("dataOmitted", "the event's data was " + eventData.length() + " characters")).build().toString();
    }
}
