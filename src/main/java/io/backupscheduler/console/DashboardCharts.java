package io.backupscheduler.console;

import io.backupscheduler.execution.ExecutionStatus;
import io.backupscheduler.execution.ExecutionTrends;
import io.backupscheduler.job.Priority;
import io.backupscheduler.queue.QueueDepth;
import io.backupscheduler.queue.QueueStatus;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/** Chart.js configurations (what {@code p:chart} takes) for the dashboard's figures. */
final class DashboardCharts {
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);
    private static final Map<String, String> COLOURS = Map.ofEntries(
            Map.entry("SUCCEEDED", "#22a06b"), Map.entry("FAILED", "#d93f3f"), Map.entry("TIMED_OUT", "#e8871e"),
            Map.entry("REJECTED_LIMIT", "#8e44ad"), Map.entry("CANCELLED", "#9aa1a9"), Map.entry("RUNNING", "#2f7ed8"),
            Map.entry("PENDING", "#b6c2cf"), Map.entry("READY", "#2f7ed8"), Map.entry("RETRY_WAIT", "#e8871e"),
            Map.entry("BLOCKED", "#d93f3f"), Map.entry("p50", "#2f7ed8"), Map.entry("p95", "#e8871e"));

    private DashboardCharts() {
    }

    /** Stacked bars: runs started per UTC hour, one colour per final status; statuses with no runs are left out. */
    static String runsPerHour(ExecutionTrends.Hourly hourly) {
        JsonArrayBuilder labels = Json.createArrayBuilder();
        hourly.hours().forEach(hour -> labels.add(HOUR.format(hour)));
        JsonArrayBuilder datasets = Json.createArrayBuilder();
        for (ExecutionStatus status : List.of(ExecutionStatus.SUCCEEDED, ExecutionStatus.FAILED, ExecutionStatus.TIMED_OUT,
                ExecutionStatus.REJECTED_LIMIT, ExecutionStatus.CANCELLED, ExecutionStatus.RUNNING)) {
            long[] counts = hourly.counts().get(status);
            if (java.util.Arrays.stream(counts).sum() > 0) {
                datasets.add(dataset(status.name(), counts));
            }
        }
        return stackedBar(labels, datasets, "Runs started per hour (UTC), last 24 h", false).build().toString();
    }

    /** Stacked bars: open entries per priority, one colour per status. */
    static String queueDepth(QueueDepth depth) {
        JsonArrayBuilder labels = Json.createArrayBuilder();
        for (Priority priority : Priority.values()) {
            labels.add(priority.name());
        }
        JsonArrayBuilder datasets = Json.createArrayBuilder();
        for (QueueStatus status : List.of(QueueStatus.READY, QueueStatus.RUNNING, QueueStatus.PENDING, QueueStatus.RETRY_WAIT,
                QueueStatus.BLOCKED)) {
            long[] counts = java.util.Arrays.stream(Priority.values()).mapToLong(p -> depth.count(p, status)).toArray();
            datasets.add(dataset(status.name(), counts));
        }
        return stackedBar(labels, datasets, "Queue by priority", false).build().toString();
    }

    /** Horizontal bars: median and 95th percentile duration (seconds) of each busy job's successful runs. */
    static String durations(List<ExecutionTrends.JobDurations> jobs) {
        JsonArrayBuilder labels = Json.createArrayBuilder();
        JsonArrayBuilder p50 = Json.createArrayBuilder();
        JsonArrayBuilder p95 = Json.createArrayBuilder();
        for (ExecutionTrends.JobDurations job : jobs) {
            labels.add(job.jobName());
            p50.add(job.p50Millis() / 1000.0);
            p95.add(job.p95Millis() / 1000.0);
        }
        JsonArrayBuilder datasets = Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("label", "p50 (s)").add("data", p50).add("backgroundColor", COLOURS.get("p50")))
                .add(Json.createObjectBuilder().add("label", "p95 (s)").add("data", p95).add("backgroundColor", COLOURS.get("p95")));
        JsonObjectBuilder config = stackedBar(labels, datasets, "Duration of successful runs per job, last 7 days", true);
        return config.build().toString();
    }

    private static JsonObjectBuilder dataset(String label, long[] counts) {
        JsonArrayBuilder data = Json.createArrayBuilder();
        for (long count : counts) {
            data.add(count);
        }
        return Json.createObjectBuilder().add("label", label).add("data", data)
                .add("backgroundColor", COLOURS.getOrDefault(label, "#607080"));
    }

    /** A bar chart; stacked unless horizontal (the duration chart sets its two bars side by side). */
    private static JsonObjectBuilder stackedBar(JsonArrayBuilder labels, JsonArrayBuilder datasets, String title, boolean horizontal) {
        JsonObjectBuilder scales = Json.createObjectBuilder()
                .add("x", Json.createObjectBuilder().add("stacked", !horizontal).add("beginAtZero", true))
                .add("y", Json.createObjectBuilder().add("stacked", !horizontal).add("beginAtZero", true));
        JsonObjectBuilder options = Json.createObjectBuilder()
                .add("animation", false) // redrawn on every refresh: no replayed animation
                .add("maintainAspectRatio", false)
                .add("scales", scales)
                .add("plugins", Json.createObjectBuilder()
                        .add("title", Json.createObjectBuilder().add("display", true).add("text", title))
                        .add("legend", Json.createObjectBuilder().add("position", "bottom")));
        if (horizontal) {
            options.add("indexAxis", "y");
        }
        return Json.createObjectBuilder().add("type", "bar")
                .add("data", Json.createObjectBuilder().add("labels", labels).add("datasets", datasets))
                .add("options", options);
    }
}
