package io.backupscheduler.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The catalogue on the real server. A COMMAND job copies a generated tree of 100,000 files into its target, so its
 * point holds them all: browsed a directory at a time and searched. A DIRECTORY job over a small tree, backed up
 * FULL and then INCREMENTAL after changes: a file's versions across the two points, and their difference. Bad
 * requests are refused naming what is wrong.
 */
class BackupCatalogueIT {
    private static final Path WORK = Path.of(System.getProperty("java.io.tmpdir"), "backup-scheduler-it", "catalogue-" + UUID.randomUUID());
    private static final int DIRECTORIES = 100;
    private static final int FILES_PER_DIRECTORY = 1000;

    private static Path large;
    private static long largePoint;
    private static Path source;
    private static long job;
    private static long full;
    private static long incremental;

    @BeforeAll
    static void writeTheBackups() throws IOException {
        ItEnvironment.awaitReady(Duration.ofMinutes(3));
        assertThat(ApiClient.admin().delete("/queue?force=true").status()).isEqualTo(200);
        assertThat(TestUsers.operator().put("/executor", "{\"paused\":false}").status()).isEqualTo(200);

        large = Files.createDirectories(WORK.resolve("large"));
        for (int d = 0; d < DIRECTORIES; d++) {
            Path directory = Files.createDirectories(large.resolve(String.format("part-%03d", d)));
            for (int f = 0; f < FILES_PER_DIRECTORY; f++) {
                Files.writeString(directory.resolve(String.format("item-%04d.txt", f)), "file " + d + "/" + f + "\n");
            }
        }
        Files.createDirectories(large.resolve("etc"));
        Files.writeString(large.resolve("etc/hosts"), "127.0.0.1 localhost\n");
        long copy = createJob("{\"kind\":\"COMMAND\",\"command\":[\"cp\",\"-a\",\"" + large + "/.\",\"{target}\"],\"targetPath\":\""
                + WORK.resolve("copy") + "\"");
        largePoint = runAndWait(copy, "");

        source = Files.createDirectories(WORK.resolve("source"));
        Files.createDirectories(source.resolve("etc/nginx"));
        Files.createDirectories(source.resolve("data"));
        Files.writeString(source.resolve("etc/nginx/nginx.conf"), "worker_processes 1;\n");
        for (int i = 0; i < 6; i++) {
            Files.writeString(source.resolve("data/item-" + i + ".txt"), "item " + i + "\n");
        }
        job = createJob("{\"kind\":\"DIRECTORY\",\"sourcePath\":\"" + source + "\",\"targetPath\":\"" + WORK.resolve("repository") + "\"");
        full = runAndWait(job, "");
        Files.writeString(source.resolve("etc/nginx/nginx.conf"), "worker_processes 4;\n");
        Files.setLastModifiedTime(source.resolve("etc/nginx/nginx.conf"), FileTime.fromMillis(1_760_000_000_000L));
        Files.writeString(source.resolve("data/item-1.txt"), "changed\n");
        Files.setLastModifiedTime(source.resolve("data/item-1.txt"), FileTime.fromMillis(1_760_000_000_000L));
        Files.writeString(source.resolve("etc/nginx/added.conf"), "new\n");
        Files.delete(source.resolve("data/item-5.txt"));
        incremental = runAndWait(job, "\"backupKind\":\"INCREMENTAL\"");
    }

    private static long createJob(String fields) {
        String name = "catalogue-" + UUID.randomUUID().toString().substring(0, 8);
        ApiClient.Reply reply = ApiClient.admin().post("/jobs", "{\"name\":\"" + name + "\",\"maxRetries\":0," + fields.substring(1) + "}");
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply.json().getJsonNumber("id").longValue();
    }

    @AfterAll
    static void pauseTheExecutorAgain() {
        ApiClient.admin().put("/executor", "{\"paused\":true}");
    }

    /** Runs the job and returns the id of the point it wrote, verified. */
    private static long runAndWait(long job, String options) {
        String extra = options.isEmpty() ? "" : "," + options;
        ApiClient.Reply reply = TestUsers.operator().post("/executor/runs", "{\"jobIds\":[" + job + "],\"wait\":240" + extra + "}");
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        JsonObject run = reply.json().getJsonArray("runs").getJsonObject(0);
        assertThat(run.getBoolean("finished")).as(reply.toString()).isTrue();
        assertThat(run.getJsonObject("execution").getString("status")).as(reply.toString()).isEqualTo("SUCCEEDED");
        JsonObject point = ApiClient.admin().get("/backups?jobId=" + job).json().getJsonArray("items").getJsonObject(0);
        assertThat(point.getString("status")).isEqualTo("VERIFIED");
        return point.getJsonNumber("id").longValue();
    }

    private static List<JsonObject> items(ApiClient.Reply reply) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json().getJsonArray("items").getValuesAs(JsonObject.class);
    }

    private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    @Test
    void theRootOfAHundredThousandFilesListsItsDirectoriesWithTheirFileCounts() {
        ApiClient.Reply reply = TestUsers.viewer().get("/backups/" + largePoint + "/files?size=500");
        List<JsonObject> root = items(reply);
        assertThat(reply.json().getJsonNumber("total").longValue()).isEqualTo(DIRECTORIES + 1);
        assertThat(root.get(0).getString("name")).isEqualTo("etc");
        assertThat(root.get(0).getString("type")).isEqualTo("DIRECTORY");
        assertThat(root.get(1).getString("path")).isEqualTo("part-000");
        assertThat(root.get(1).getJsonNumber("files").longValue()).isEqualTo(FILES_PER_DIRECTORY);
        long files = root.stream().mapToLong(item -> item.getJsonNumber("files").longValue()).sum();
        assertThat(files).isEqualTo((long) DIRECTORIES * FILES_PER_DIRECTORY + 1);
    }

    @Test
    void aDirectoryPagesThroughItsFilesWithTheirDetails() throws Exception {
        ApiClient.Reply second = TestUsers.viewer().get("/backups/" + largePoint + "/files?path=/part-042/&page=1&size=400");
        List<JsonObject> page = items(second);
        assertThat(second.json().getJsonNumber("total").longValue()).isEqualTo(FILES_PER_DIRECTORY);
        assertThat(second.json().getInt("totalPages")).isEqualTo(3);
        assertThat(page).hasSize(400);
        JsonObject first = page.get(0);
        assertThat(first.getString("path")).isEqualTo("part-042/item-0400.txt");
        assertThat(first.getString("type")).isEqualTo("FILE");
        assertThat(first.getJsonNumber("size").longValue()).isEqualTo(Files.size(large.resolve("part-042/item-0400.txt")));
        assertThat(first.getString("sha256")).isEqualTo(sha256(large.resolve("part-042/item-0400.txt")));
        assertThat(first.getString("mode")).matches("[0-7]{3,4}");
        assertThat(first.getString("modifiedAt")).isNotBlank();
    }

    @Test
    void aSearchFindsNamesAtAnyDepthUnderThePath() {
        ApiClient.Reply reply = TestUsers.viewer().get("/backups/" + incremental + "/files?q=.CONF");
        assertThat(items(reply)).extracting(item -> item.getString("path"))
                .containsExactly("etc/nginx/added.conf", "etc/nginx/nginx.conf");
        ApiClient.Reply many = TestUsers.viewer().get("/backups/" + largePoint + "/files?q=item-0999&size=5");
        assertThat(many.json().getJsonNumber("total").longValue()).isEqualTo(DIRECTORIES);
        assertThat(items(many)).hasSize(5);
    }

    @Test
    void aFileHasOneVersionPerPointThatHoldsItNewestFirst() throws Exception {
        ApiClient.Reply reply = TestUsers.viewer().get("/jobs/" + job + "/files/versions?path=etc/nginx/nginx.conf");
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        List<JsonObject> versions = reply.jsonArray().getValuesAs(JsonObject.class);
        assertThat(versions).extracting(v -> v.getJsonNumber("pointId").longValue()).containsExactly(incremental, full);
        assertThat(versions.get(0).getString("pointKind")).isEqualTo("INCREMENTAL");
        assertThat(versions.get(0).getString("sha256")).isEqualTo(sha256(source.resolve("etc/nginx/nginx.conf")));
        assertThat(versions.get(1).getString("sha256")).isNotEqualTo(versions.get(0).getString("sha256"));

        List<JsonObject> deleted = TestUsers.viewer().get("/jobs/" + job + "/files/versions?path=data/item-5.txt").jsonArray()
                .getValuesAs(JsonObject.class);
        assertThat(deleted).extracting(v -> v.getJsonNumber("pointId").longValue()).containsExactly(full);
    }

    @Test
    void theDifferenceBetweenTwoPointsNamesWhatWasAddedChangedAndDeleted() {
        ApiClient.Reply reply = TestUsers.viewer().get("/backups/" + incremental + "/diff?against=" + full);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        JsonObject diff = reply.json();
        assertThat(diff.getJsonArray("added").getValuesAs(JsonObject.class)).extracting(f -> f.getString("path"))
                .containsExactly("etc/nginx/added.conf");
        assertThat(diff.getJsonArray("changed").getValuesAs(JsonObject.class)).extracting(f -> f.getString("path"))
                .containsExactly("data/item-1.txt", "etc/nginx/nginx.conf");
        assertThat(diff.getJsonArray("deleted").getValuesAs(JsonObject.class)).extracting(f -> f.getString("path"))
                .containsExactly("data/item-5.txt");
        assertThat(diff.getJsonNumber("changedTotal").longValue()).isEqualTo(2);
        JsonObject backwards = TestUsers.viewer().get("/backups/" + full + "/diff?against=" + incremental + "&limit=1").json();
        assertThat(backwards.getJsonNumber("addedTotal").longValue()).isEqualTo(1);
        assertThat(backwards.getJsonNumber("deletedTotal").longValue()).isEqualTo(1);
    }

    @Test
    void badRequestsAreRefusedNamingWhatIsWrong() {
        ApiClient viewer = TestUsers.viewer();
        assertProblem(viewer.get("/backups/" + full + "/files?path=data/../../etc"), 400, "path");
        assertProblem(viewer.get("/backups/" + full + "/files?path=./data"), 400, "path");
        assertProblem(viewer.get("/backups/" + full + "/diff?against=" + largePoint), 400, "against");
        assertProblem(viewer.get("/backups/" + full + "/files?path=no-such-dir"), 404, null);
        assertProblem(viewer.get("/backups/" + full + "/files?path=etc/nginx/nginx.conf"), 404, null);
        assertProblem(viewer.get("/backups/999999999/files"), 404, null);
        assertProblem(viewer.get("/backups/" + full + "/files?size=0"), 400, "size");
        assertProblem(viewer.get("/backups/" + full + "/diff"), 400, "against");
        assertProblem(viewer.get("/backups/" + full + "/diff?against=" + incremental + "&limit=100000"), 400, "limit");
        assertProblem(viewer.get("/jobs/" + job + "/files/versions"), 400, "path");
        assertProblem(viewer.get("/jobs/" + job + "/files/versions?path=nope.txt"), 404, null);
        assertProblem(viewer.get("/jobs/999999999/files/versions?path=etc/hosts"), 404, null);
    }

    private static void assertProblem(ApiClient.Reply reply, int status, String field) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        assertThat(reply.body()).doesNotContain("Exception");
        if (field != null) {
            assertThat(reply.json().getJsonArray("errors").getJsonObject(0).getString("field")).as(reply.toString()).isEqualTo(field);
        }
    }
}
