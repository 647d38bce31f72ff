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
        assertThat(snapshots.getJsonObject(0).getJsonArray("tags").getValuesAs(jakarta.json.JsonString.class))
                .extracting(jakarta.json.JsonString::getString).containsExactlyInAnyOrder("it", "backup-scheduler-job-" + job);

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
    void aSnapshotIsBrowsedRestoredByteForByteWithAPathFilterDrilledAndPrunedByTheJobsRetention() throws Exception {
        Path source = WORK.resolve("restore-source");
        files(source, 5, 30_000, 5);
        Path odd = source.resolve("sub dir");
        files(odd, 2, 10_000, 6);
        Files.writeString(odd.resolve("b [1]*.txt"), "a name restic would read as a pattern");
        String name = "restic-restore-" + UUID.randomUUID().toString().substring(0, 8);
        String definition = "{\"name\":\"" + name + "\",\"kind\":\"RESTIC\",\"sourcePath\":\"" + source + "\",\"maxRetries\":0,"
                + "\"restic\":{\"repository\":\"" + WORK.resolve("restore-repository") + "\",\"passwordSecret\":\"" + secret + "\","
                + "\"initialize\":true}";
        ApiClient.Reply created = ApiClient.admin().post("/jobs", definition + "}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        long job = created.json().getJsonNumber("id").longValue();
        assertThat(run(job).getString("status")).isEqualTo("SUCCEEDED");
        long point = points(job).get(0).getJsonNumber("id").longValue();

        // the catalogue reads the snapshot with restic ls: the source's own path, without the leading slash
        String inside = source.toString().substring(1);
        JsonObject listing = TestUsers.viewer().get("/backups/" + point + "/files?path=" + inside.replace(" ", "%20")).json();
        assertThat(listing.getInt("total")).as(listing.toString()).isEqualTo(6);
        JsonObject subdirectory = listing.getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .filter(item -> item.getString("name").equals("sub dir")).findFirst().orElseThrow();
        assertThat(subdirectory.getString("type")).isEqualTo("DIRECTORY");
        JsonObject listed = listing.getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .filter(item -> item.getString("name").equals("file-5-0.bin")).findFirst().orElseThrow();
        assertThat(listed.getJsonNumber("size").longValue()).isEqualTo(30_000);
        assertThat(!listed.containsKey("sha256") || listed.isNull("sha256")).as("restic lists no hashes: " + listed).isTrue();
        assertThat(subdirectory.getJsonNumber("files").longValue()).isEqualTo(3);

        // everything, byte for byte, under the destination as restic lays it out (the absolute path below it)
        Path everything = WORK.resolve("restored-all");
        JsonObject restored = Restores.restore(point, "{\"destination\":\"" + everything + "\"}");
        assertThat(restored.getString("status")).as(restored.toString()).isEqualTo("SUCCEEDED");
        assertThat(restored.getJsonNumber("restoredFiles").longValue()).isEqualTo(8);
        assertThat(restored.getJsonNumber("restoredBytes").longValue()).isEqualTo(5 * 30_000 + 2 * 10_000 + 37);
        assertThat(log(restored)).contains("8 files restored", "restic restore --verify from snapshot");
        try (var walk = Files.walk(source)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readAllBytes(everything.resolve(inside).resolve(source.relativize(file)))).as(file.toString())
                        .isEqualTo(Files.readAllBytes(file));
            }
        }

        // one folder, whose file names hold restic's pattern characters, and nothing else
        Path oneFolder = WORK.resolve("restored-sub");
        String subPath = inside + "/sub dir";
        JsonObject partial = Restores.restore(point, "{\"destination\":\"" + oneFolder + "\",\"paths\":[\"" + subPath + "\"]}");
        assertThat(partial.getString("status")).as(partial.toString()).isEqualTo("SUCCEEDED");
        try (var walk = Files.walk(oneFolder)) {
            assertThat(walk.filter(Files::isRegularFile).map(f -> oneFolder.resolve(subPath).relativize(f).toString()).sorted())
                    .containsExactly("b [1]*.txt", "file-6-0.bin", "file-6-1.bin");
        }
        assertThat(Files.readString(oneFolder.resolve(subPath).resolve("b [1]*.txt"))).isEqualTo("a name restic would read as a pattern");

        // restic restore overwrites: keeping both is refused on its field; a path the snapshot lacks is a 404
        ApiClient.Reply keepBoth = TestUsers.operator().post("/backups/" + point + "/restore", "{\"destination\":\"" + oneFolder
                + "\",\"existingFiles\":\"KEEP_BOTH\"}");
        assertThat(keepBoth.status()).as(keepBoth.toString()).isEqualTo(400);
        assertThat(keepBoth.errorFields()).containsExactly("existingFiles");
        assertThat(TestUsers.operator().post("/backups/" + point + "/restore", "{\"destination\":\"" + WORK.resolve("restored-none")
                + "\",\"paths\":[\"" + inside + "/no-such-file\"]}").status()).isEqualTo(404);

        // a drill restores into scratch space and proves the job restorable
        ApiClient.Reply drill = TestUsers.operator().post("/jobs/" + job + "/drill", "");
        assertThat(drill.status()).as(drill.toString()).isEqualTo(202);
        JsonObject drilled = Restores.awaitEnd(drill.json().getJsonNumber("id").longValue(), Duration.ofSeconds(60));
        assertThat(drilled.getString("status")).as(drilled.toString()).isEqualTo("SUCCEEDED");
        assertThat(log(drilled)).contains("backup point " + point + " is restorable");
        assertThat(TestUsers.viewer().get("/jobs/" + job + "/restorable").json().isNull("lastProvenAt")).isFalse();

        // retention set later: the prune plan is restic forget's dry run (nothing goes), the prune forgets for real
        files(source, 1, 1_000, 7);
        assertThat(run(job).getString("status")).isEqualTo("SUCCEEDED");
        long version = ApiClient.admin().get("/jobs/" + job).json().getJsonNumber("version").longValue();
        ApiClient.Reply edited = ApiClient.admin().put("/jobs/" + job, definition + ",\"retention\":{\"keepLast\":1},\"version\":"
                + version + "}");
        assertThat(edited.status()).as(edited.toString()).isEqualTo(200);
        JsonArray plan = TestUsers.viewer().get("/backups/prune-plan?jobId=" + job).jsonArray();
        assertThat(plan).hasSize(1);
        assertThat(plan.getJsonObject(0).getJsonNumber("id").longValue()).isEqualTo(point);
        assertThat(Json.createReader(new StringReader(restic(WORK.resolve("restore-repository"), "snapshots", "--json"))).readArray())
                .as("a dry run removes nothing").hasSize(2);
        JsonArray pruned = ApiClient.admin().post("/backups/prune?jobId=" + job, "").jsonArray();
        assertThat(pruned).hasSize(1);
        assertThat(points(job)).hasSize(1).noneMatch(p -> p.getJsonNumber("id").longValue() == point);
        assertThat(Json.createReader(new StringReader(restic(WORK.resolve("restore-repository"), "snapshots", "--json"))).readArray())
                .hasSize(1);
    }

    @Test
    void progressMovesWhileResticRunsAndACancelStopsIt() throws Exception {
        Path source = WORK.resolve("slow-source");
        // 160 MB: restic needs several seconds even on a fast host, so the cancel lands while it backs up, not in its check
        files(source, 80, 2_000_000, 3);
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
        assertThat(running.getJsonObject("progress").getJsonNumber("bytesTotal").longValue()).isEqualTo(160_000_000L);
        assertThat(TestUsers.operator().post("/executions/" + running.getJsonNumber("id") + "/cancel", "").status()).isEqualTo(200);
        JsonObject cancelled = Restores.awaitEnd(entry, Duration.ofSeconds(30));
        assertThat(cancelled.getString("status")).isEqualTo("CANCELLED");
        assertThat(cancelled.getString("error")).contains("cancelled by " + TestUsers.OPERATOR);
        assertThat(log(cancelled)).contains("[restic] stopped", "restic was killed").containsPattern("locks left in the repository|no locks left");
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

            // the lock is listed; unlocking leaves a live process's lock alone, and once that process has crashed removes it
            List<String> locks = TestUsers.operator().get("/jobs/" + lockedJob + "/restic/locks").json().getJsonArray("locks")
                    .getValuesAs(jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString).toList();
            assertThat(locks).hasSize(1);
            JsonObject kept = TestUsers.operator().post("/jobs/" + lockedJob + "/restic/unlock", "").json();
            assertThat(kept.getJsonArray("after")).as(kept.toString()).hasSize(1);
            new ProcessBuilder("kill", "-KILL", Long.toString(check.pid())).start().waitFor();
            check.waitFor(10, TimeUnit.SECONDS);
            JsonObject unlocked = TestUsers.operator().post("/jobs/" + lockedJob + "/restic/unlock", "").json();
            assertThat(unlocked.getJsonArray("before")).as(unlocked.toString()).hasSize(1);
            assertThat(unlocked.getJsonArray("after")).as(unlocked.toString()).isEmpty();
            assertThat(unlocked.getInt("removed")).isEqualTo(1);
            assertThat(ApiClient.admin().get("/audit?action=restic.unlock&targetId=" + lockedJob).json().getInt("total")).isEqualTo(2);
            assertThat(run(lockedJob).getString("status")).as("unlocked, the backup runs").isEqualTo("SUCCEEDED");
            assertThat(TestUsers.operator().post("/jobs/" + missing + "/restic/unlock?all=maybe", "").errorFields())
                    .containsExactly("all");
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
