package io.backupscheduler.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** What the directory backup suites share: a run started and awaited, a job's points, a tree's contents for comparison. */
final class DirectoryRuns {
    private DirectoryRuns() {
    }

    /** Runs the job now (with extra run options, JSON members or "") and returns its finished execution. */
    static JsonObject runAndWait(long job, String options) {
        return runAndWait(job, options, 25);
    }

    static JsonObject runAndWait(long job, String options, int waitSeconds) {
        String extra = options.isEmpty() ? "" : "," + options;
        ApiClient.Reply reply = TestUsers.operator().post("/executor/runs", "{\"jobIds\":[" + job + "],\"wait\":" + waitSeconds + extra + "}");
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        JsonObject run = reply.json().getJsonArray("runs").getJsonObject(0);
        assertThat(run.getBoolean("finished")).as(reply.toString()).isTrue();
        return run.getJsonObject("execution");
    }

    /** The job's backup points, newest first. */
    static List<JsonObject> points(long job) {
        return ApiClient.admin().get("/backups?jobId=" + job).json().getJsonArray("items").getValuesAs(JsonObject.class);
    }

    /** Every regular file under the root by relative path: its bytes, modification time and permissions. */
    static Map<String, String> snapshot(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(file).toString(), HexFormat.of().formatHex(Files.readAllBytes(file)) + " "
                        + Files.getLastModifiedTime(file).toMillis() + " " + PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            }
        }
        return files;
    }

    /** The first file under the source whose bytes differ from (or are missing in) the copy, or null when all match. */
    static String firstDifference(Path source, Path copy) throws IOException {
        try (Stream<Path> walk = Files.walk(source)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                Path other = copy.resolve(source.relativize(file).toString());
                if (!Files.isRegularFile(other) || Files.mismatch(file, other) != -1L) {
                    return source.relativize(file).toString();
                }
            }
        }
        return null;
    }
}
