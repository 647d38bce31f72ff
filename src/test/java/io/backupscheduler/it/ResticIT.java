package io.backupscheduler.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * RESTIC jobs on a real restic (Debian's package): the repository created on first use, progress while restic runs,
 * each snapshot a verified backup point, incremental runs, retention as restic forget, and the failures operators
 * meet (a wrong password, no repository, a cancel, a repository locked by another restic).
 */
class ResticIT {
    private static final Path WORK = Path.of(System.getProperty("java.io.tmpdir"), "backup-scheduler-it", "restic-" + UUID.randomUUID());
    private static final String PASSWORD = "restic-it-" + UUID.randomUUID();
    private static String secret;

    @BeforeAll
    static void runTheExecutor() {
        ItEnvironment.awaitReady(Duration.ofMinutes(3));
        assertThat(ApiClient.admin().delete("/queue?force=true").status()).isEqualTo(200);
        assertThat(TestUsers.operator().put("/executor", "{\"paused\":false}").status()).isEqualTo(200);
        secret = "restic-it-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(ApiClient.admin().put("/secrets/" + secret, "{\"value\":\"" + PASSWORD + "\"}").status()).isEqualTo(201);
    }

    @AfterAll
    static void pauseTheExecutorAgain() {
        ApiClient.admin().put("/executor", "{\"paused\":true}");
    }

    private static long job(String name, Path source, Path repository, String extra) {
        ApiClient.Reply created = ApiClient.admin().post("/jobs", "{\"name\":\"" + name + "\",\"kind\":\"RESTIC\",\"sourcePath\":\"" + source
                + "\",\"maxRetries\":0,\"restic\":{\"repository\":\"" + repository + "\",\"passwordSecret\":\"" + secret + "\""
                + extra + "}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().getJsonNumber("id").longValue();
    }

    private static JsonObject run(long job) {
        ApiClient.Reply reply = TestUsers.operator().post("/executor/runs", "{\"jobIds\":[" + job + "],\"wait\":60}");
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        JsonObject run = reply.json().getJsonArray("runs").getJsonObject(0);
        assertThat(run.getBoolean("finished")).as(reply.toString()).isTrue();
        return run.getJsonObject("execution");
    }

    private static List<JsonObject> points(long job) {
        return ApiClient.admin().get("/backups?jobId=" + job).json().getJsonArray("items").getValuesAs(JsonObject.class);
    }

    private static String log(JsonObject execution) {
        return TestUsers.viewer().getText("/executions/" + execution.getJsonNumber("id") + "/log").body();
    }

    /** restic run by the test itself, on the same repository, with the same password. */
    private static String restic(Path repository, String... arguments) throws Exception {
        Path password = Files.createDirectories(WORK).resolve("password");
        Files.writeString(password, PASSWORD);
        List<String> command = new ArrayList<>(List.of("restic"));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(Map.of("RESTIC_REPOSITORY", repository.toString(), "RESTIC_PASSWORD_FILE", password.toString(),
                "RESTIC_CACHE_DIR", WORK.resolve("cache").toString()));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return output;
    }

    private static void files(Path directory, int count, int size, long seed) throws IOException {
        Files.createDirectories(directory);
        Random random = new Random(seed);
        for (int i = 0; i < count; i++) {
            byte[] bytes = new byte[size];
            random.nextBytes(bytes);
            Files.write(directory.resolve("file-" + seed + "-" + i + ".bin"), bytes);
        }
    }

    @Test
    void aResticJobCreatesItsRepositoryRecordsEachSnapshotAsAVerifiedPointAndForgetsByItsRetention() throws Exception {
        Path source = WORK.resolve("source");
        files(source, 20, 50_000, 1);
        Path repository = WORK.resolve("repository");
        String name = "restic-" + UUID.randomUUID().toString().substring(0, 8);
        long job = job(name, source, repository, ",\"initialize\":true,\"options\":[\"--tag=it\"],\"checkSubset\":\"1/2\"}"
                + ",\"retention\":{\"keepLast\":2}");

        JsonObject first = run(job);
        assertThat(first.getString("status")).as(first.toString()).isEqualTo("SUCCEEDED");
        assertThat(first.getString("jobKind")).isEqualTo("RESTIC");
        assertThat(log(first)).contains("[restic] created repository", "20 files new", "[verify] restic check found no errors (data read: 1/2)");
        JsonObject point = points(job).get(0);
        assertThat(point.getString("kind")).isEqualTo("RESTIC");
        assertThat(point.getString("status")).isEqualTo("VERIFIED");
        assertThat(point.getJsonNumber("fileCount").longValue()).isEqualTo(20);
        String snapshot = point.getString("snapshotId");
        JsonArray snapshots = Json.createReader(new StringReader(restic(repository, "snapshots", "--json"))).readArray();
        assertThat(snapshots).hasSize(1);
        assertThat(snapshots.getJsonObject(0).getString("id")).startsWith(snapshot);
        assertThat(snapshots.getJsonObject(0).getJsonArray("tags").getString(0)).isEqualTo("it");

        // the second run stores only what changed; the third makes the retention (keep the last 2) forget the first
        files(source, 1, 50_000, 2);
        JsonObject second = run(job);
        assertThat(second.getString("status")).as(second.toString()).isEqualTo("SUCCEEDED");
        assertThat(log(second)).contains("1 files new, 0 changed, 20 unmodified");
        assertThat(points(job)).hasSize(2);
        JsonObject third = run(job);
        assertThat(third.getString("status")).as(third.toString()).isEqualTo("SUCCEEDED");
        assertThat(log(third)).contains("[retention] removed backup point " + point.getJsonNumber("id"), "restic forget removed 1 snapshot");
        assertThat(points(job)).hasSize(2).noneMatch(p -> p.getString("snapshotId").equals(snapshot));
        assertThat(Json.createReader(new StringReader(restic(repository, "snapshots", "--json"))).readArray()).hasSize(2);
        assertThat(restic(repository, "check")).contains("no errors were found");

        // a secret a job uses cannot be deleted
        ApiClient.Reply inUse = ApiClient.admin().delete("/secrets/" + secret);
        assertThat(inUse.status()).as(inUse.toString()).isEqualTo(409);
        assertThat(inUse.body()).contains(name);
    }

    @Test
    void progressMovesWhileResticRunsAndACancelStopsIt() throws Exception {
        Path source = WORK.resolve("slow-source");
        files(source, 40, 2_000_000, 3);
        String name = "restic-slow-" + UUID.randomUUID().toString().substring(0, 8);
        long job = job(name, source, WORK.resolve("slow-repository"), ",\"initialize\":true}"
                + ",\"limits\":{\"maxCpuPercent\":10}");
        long entry = TestUsers.operator().post("/jobs/" + job + "/run", "").json().getJsonNumber("id").longValue();
        List<Long> bytesSeen = new ArrayList<>();
        JsonObject running = null;
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline) && bytesSeen.stream().distinct().count() < 2) {
            running = Restores.run(entry);
            if (running != null && running.containsKey("progress") && !running.isNull("progress")) {
                long bytes = running.getJsonObject("progress").getJsonNumber("bytesDone").longValue();
                if (bytes > 0) {
                    bytesSeen.add(bytes);
                }
            }
            Restores.pause(200);
        }
        assertThat(bytesSeen.stream().distinct().count()).as("progress seen moving: " + bytesSeen).isGreaterThanOrEqualTo(2);
        assertThat(running.getJsonObject("progress").getJsonNumber("bytesTotal").longValue()).isEqualTo(80_000_000L);
        assertThat(TestUsers.operator().post("/executions/" + running.getJsonNumber("id") + "/cancel", "").status()).isEqualTo(200);
        JsonObject cancelled = Restores.awaitEnd(entry, Duration.ofSeconds(30));
        assertThat(cancelled.getString("status")).isEqualTo("CANCELLED");
        assertThat(cancelled.getString("error")).contains("cancelled by " + TestUsers.OPERATOR);
        assertThat(log(cancelled)).contains("[restic] stopped", "restic was killed");
        assertThat(points(job)).isEmpty();
    }

    @Test
    void aWrongPasswordAMissingRepositoryAndALockedOneFailWithClearReasonsAndRecordNoPoint() throws Exception {
        Path source = WORK.resolve("failing-source");
        files(source, 3, 10_000, 4);
        Path repository = WORK.resolve("failing-repository");
        String name = "restic-failing-" + UUID.randomUUID().toString().substring(0, 8);

        long missing = job(name + "-missing", source, repository, "}");
        JsonObject noRepository = run(missing);
        assertThat(noRepository.getString("status")).isEqualTo("FAILED");
        assertThat(noRepository.getString("error")).contains("there is no restic repository at " + repository, "restic.initialize");

        restic(repository, "init");
        String wrong = secret + "-wrong";
        assertThat(ApiClient.admin().put("/secrets/" + wrong, "{\"value\":\"not the password\"}").status()).isEqualTo(201);
        long wrongJob = ApiClient.admin().post("/jobs", "{\"name\":\"" + name + "-wrong\",\"kind\":\"RESTIC\",\"sourcePath\":\"" + source
                + "\",\"maxRetries\":0,\"restic\":{\"repository\":\"" + repository + "\",\"passwordSecret\":\"" + wrong + "\"}}")
                .json().getJsonNumber("id").longValue();
        JsonObject wrongPassword = run(wrongJob);
        assertThat(wrongPassword.getString("status")).isEqualTo("FAILED");
        assertThat(wrongPassword.getString("error")).contains("the password in secret '" + wrong + "' does not open repository");
        assertThat(log(wrongPassword)).doesNotContain("not the password").doesNotContain(PASSWORD);
        assertThat(points(wrongJob)).isEmpty();

        // another restic holds an exclusive lock (a check, stopped in its tracks): the backup says so and waits for nobody
        Path password = WORK.resolve("password");
        Files.writeString(password, PASSWORD);
        ProcessBuilder checkBuilder = new ProcessBuilder("restic", "check", "--read-data").redirectErrorStream(true)
                .redirectOutput(WORK.resolve("check.log").toFile());
        checkBuilder.environment().putAll(Map.of("RESTIC_REPOSITORY", repository.toString(), "RESTIC_PASSWORD_FILE", password.toString(),
                "RESTIC_CACHE_DIR", WORK.resolve("cache").toString()));
        Process check = checkBuilder.start();
        try {
            Instant deadline = Instant.now().plusSeconds(20);
            while (Instant.now().isBefore(deadline) && (!Files.isDirectory(repository.resolve("locks"))
                    || Files.list(repository.resolve("locks")).findAny().isEmpty())) {
                Thread.sleep(20);
            }
            new ProcessBuilder("kill", "-STOP", Long.toString(check.pid())).start().waitFor();
            long lockedJob = job(name + "-locked", source, repository, "}");
            JsonObject locked = run(lockedJob);
            assertThat(locked.getString("status")).isEqualTo("FAILED");
            assertThat(locked.getString("error")).contains("the repository is locked by another restic process", "restic unlock");
            assertThat(points(lockedJob)).isEmpty();
        } finally {
            new ProcessBuilder("kill", "-CONT", Long.toString(check.pid())).start().waitFor();
            check.destroy();
            check.waitFor(10, TimeUnit.SECONDS);
        }

        // bad definitions are refused on their fields before anything runs
        assertThat(ApiClient.admin().post("/jobs", "{\"name\":\"" + name + "-bad\",\"kind\":\"RESTIC\",\"sourcePath\":\"" + source
                + "\",\"targetPath\":\"/b\",\"restic\":{\"repository\":\"ftp://x\",\"passwordSecret\":\"no-such-secret\","
                + "\"options\":[\"--password-command=cat /etc/shadow\"],\"checkSubset\":\"all\"}}").errorFields())
                .containsExactlyInAnyOrder("targetPath", "restic.repository", "restic.options[0]", "restic.checkSubset");
        assertThat(ApiClient.admin().post("/jobs", "{\"name\":\"" + name + "-nosecret\",\"kind\":\"RESTIC\",\"sourcePath\":\"" + source
                + "\",\"restic\":{\"repository\":\"" + repository + "\",\"passwordSecret\":\"no-such-secret\"}}").errorFields())
                .containsExactly("restic.passwordSecret");
    }
}
