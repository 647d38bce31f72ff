package io.backupscheduler.execution;

import io.backupscheduler.lib.archive.ManifestEntry;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * Reads the lines {@code restic backup --json} prints: progress ({@code status}) and the end ({@code summary});
 * anything else (a warning, an error line that is not JSON) is left to the log. And the files of
 * {@code restic ls --json}, one node per line.
 */
public final class ResticMessages {
    /** Files and bytes done of the totals restic has found so far, and its estimate of the seconds left. */
    public record Status(long filesDone, long totalFiles, long bytesDone, long totalBytes, Long secondsRemaining) {
    }

    /** What a finished backup did: the snapshot it made and what it found new, changed and unmodified. */
    public record Summary(String snapshotId, long filesNew, long filesChanged, long filesUnmodified, long dataAdded,
                          long totalFilesProcessed, long totalBytesProcessed) {
    }

    private ResticMessages() {
    }

    public static Optional<Status> status(String line) {
        return object(line, "status").map(o -> new Status(number(o, "files_done"), number(o, "total_files"),
                number(o, "bytes_done"), number(o, "total_bytes"),
                o.containsKey("seconds_remaining") ? Long.valueOf(number(o, "seconds_remaining")) : null));
    }

    public static Optional<Summary> summary(String line) {
        return object(line, "summary").filter(o -> o.containsKey("snapshot_id")).map(o -> new Summary(o.getString("snapshot_id"),
                number(o, "files_new"), number(o, "files_changed"), number(o, "files_unmodified"), number(o, "data_added"),
                number(o, "total_files_processed"), number(o, "total_bytes_processed")));
    }

    /**
     * A regular file of {@code restic ls --json} as the catalogue holds it: its path without the leading slash, size,
     * modification time and permission bits; no hash (restic lists none). Directories, links and the snapshot line
     * are left out (a directory is where files lie below it).
     */
    public static Optional<ManifestEntry> file(String line, long pointId) {
        String text = line == null ? "" : line.strip();
        if (!text.startsWith("{") || !text.contains("\"struct_type\":\"node\"") || !text.contains("\"type\":\"file\"")) {
            return Optional.empty();
        }
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            JsonObject node = reader.readObject();
            String path = node.getString("path", "");
            while (path.startsWith("/")) {
                path = path.substring(1);
            }
            if (path.isEmpty() || !"file".equals(node.getString("type", ""))) {
                return Optional.empty();
            }
            long modified = node.containsKey("mtime") ? OffsetDateTime.parse(node.getString("mtime")).toInstant().toEpochMilli() : 0;
            return Optional.of(new ManifestEntry(path, number(node, "size"), modified, (int) (number(node, "mode") & 0777), null, pointId));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<JsonObject> object(String line, String type) {
        String text = line == null ? "" : line.strip();
        if (!text.startsWith("{") || !text.contains("\"message_type\"")) {
            return Optional.empty();
        }
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            JsonObject object = reader.readObject();
            return type.equals(object.getString("message_type", "")) ? Optional.of(object) : Optional.empty();
        } catch (RuntimeException e) { // a line cut by the log cap, or not restic's
            return Optional.empty();
        }
    }

    private static long number(JsonObject object, String key) {
        JsonValue value = object.get(key);
        return value instanceof jakarta.json.JsonNumber n ? (long) n.doubleValue() : 0;
    }
}
