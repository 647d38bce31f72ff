package io.backupscheduler.execution;

import io.backupscheduler.job.Retention;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/**
 * A job's retention as {@code restic forget}: the same meaning (keep the last N, one a day, week or month for so
 * many, nothing older than the maximum age), limited to the job's own snapshots by the tag each of its backups
 * carries, so a repository that other jobs or hosts share keeps theirs; and the snapshots forget's answer removed.
 */
public final class ResticForget {
    private ResticForget() {
    }

    /** The tag every snapshot of the job carries: what forget is limited to. */
    public static String jobTag(long jobId) {
        return "backup-scheduler-job-" + jobId;
    }

    /** The whole forget command's arguments; empty when the retention keeps everything. */
    public static List<String> arguments(long jobId, Retention retention, boolean dryRun) {
        List<String> keep = keepArguments(retention);
        if (keep.isEmpty()) {
            return List.of();
        }
        List<String> arguments = new ArrayList<>(List.of("forget", "--json", "--tag", jobTag(jobId)));
        arguments.add(dryRun ? "--dry-run" : "--prune");
        arguments.addAll(keep);
        return arguments;
    }

    /** The job's retention in restic's words; empty when it keeps everything. */
    static List<String> keepArguments(Retention retention) {
        List<String> keep = new ArrayList<>();
        if (retention.getKeepLast() != null) {
            keep.add("--keep-last=" + retention.getKeepLast());
        }
        if (retention.getKeepDaily() != null) {
            keep.add("--keep-daily=" + retention.getKeepDaily());
        }
        if (retention.getKeepWeekly() != null) {
            keep.add("--keep-weekly=" + retention.getKeepWeekly());
        }
        if (retention.getKeepMonthly() != null) {
            keep.add("--keep-monthly=" + retention.getKeepMonthly());
        }
        if (retention.getMaxAgeDays() != null) {
            keep.add("--keep-within=" + retention.getMaxAgeDays() + "d");
        }
        return keep;
    }

    /** The ids of the snapshots in the "remove" lists of restic forget's JSON answer (its first JSON line). */
    public static List<String> removedSnapshots(List<String> output) {
        List<String> removed = new ArrayList<>();
        for (String line : output) {
            String text = line.strip();
            if (!text.startsWith("[")) {
                continue;
            }
            try (JsonReader reader = Json.createReader(new StringReader(text))) {
                JsonArray groups = reader.readArray();
                for (JsonValue group : groups) {
                    JsonArray remove = group.asJsonObject().getJsonArray("remove");
                    for (JsonValue snapshot : remove == null ? JsonValue.EMPTY_JSON_ARRAY : remove) {
                        JsonObject object = snapshot.asJsonObject();
                        removed.add(object.containsKey("id") ? object.getString("id") : object.getString("short_id"));
                    }
                }
                return removed;
            } catch (RuntimeException e) {
                // not the answer: restic's own text output
            }
        }
        return removed;
    }
}
