package io.backupscheduler.it;

import static io.backupscheduler.it.DirectoryRuns.points;
import static io.backupscheduler.it.DirectoryRuns.runAndWait;
import static io.backupscheduler.it.DirectoryRuns.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Directory backups on the real server: a generated tree backed up FULL, changed, backed up INCREMENTAL, both
 * points verified and restored into empty directories identical to what each saw; bad restores refused.
 */
class BackupIT {
    private static final Path WORK = Path.of(System.getProperty("java.io.tmpdir"), "backup-scheduler-it", "backups-" + UUID.randomUUID());

    @BeforeAll
    static void runTheExecutor() {
        ItEnvironment.awaitReady(Duration.ofMinutes(3));
        assertThat(ApiClient.admin().delete("/queue?force=true").status()).isEqualTo(200);
        assertThat(TestUsers.operator().put("/executor", "{\"paused\":false}").status()).isEqualTo(200);
    }

    @AfterAll
    static void pauseTheExecutorAgain() {
        ApiClient.admin().put("/executor", "{\"paused\":true}");
    }

    /** Every regular file under the root: relative path to content, modification time and mode. */
    @Test
    void aFullAndAnIncrementalBackupAreVerifiedAndRestoreByteForByte() throws IOException {
        Path source = Files.createDirectories(WORK.resolve("source"));
        Random random = new Random(1);
        for (int i = 0; i < 30; i++) {
            Path file = source.resolve("dir" + (i % 3)).resolve("file-" + i + ".dat");
            Files.createDirectories(file.getParent());
            byte[] bytes = new byte[i == 0 ? 2_000_000 : random.nextInt(50_000)];
            random.nextBytes(bytes);
            Files.write(file, bytes);
        }
        Files.writeString(source.resolve("run.sh"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(source.resolve("run.sh"), PosixFilePermissions.fromString("rwxr-x---"));
        String name = "dir-" + UUID.randomUUID().toString().substring(0, 8);
        long job = ApiClient.admin().post("/jobs", "{\"name\":\"" + name + "\",\"kind\":\"DIRECTORY\",\"sourcePath\":\"" + source
                + "\",\"targetPath\":\"" + WORK.resolve("repository") + "\",\"maxRetries\":0}").json().getJsonNumber("id").longValue();

        JsonObject first = runAndWait(job, "");
        assertThat(first.getString("status")).as(first.toString()).isEqualTo("SUCCEEDED");
        JsonObject usage = first.getJsonObject("usage");
        assertThat(usage.getJsonNumber("cpuAvgPercent").doubleValue()).as("CPU of the server threads that did the work: " + usage)
                .isPositive();
        assertThat(usage.getJsonNumber("bytesRead").longValue()).as("bytes of the files it stored").isGreaterThan(2_000_000);
        Map<String, String> atFull = snapshot(source);
        JsonObject full = points(job).get(0);
        assertThat(full.getString("kind")).isEqualTo("FULL");
        assertThat(full.getString("status")).isEqualTo("VERIFIED");
        assertThat(full.getJsonNumber("fileCount").longValue()).isEqualTo(31);
        assertThat(full.getJsonNumber("executionId").longValue()).isEqualTo(first.getJsonNumber("id").longValue());

        Files.writeString(source.resolve("dir1/file-1.dat"), "changed");
        Files.setLastModifiedTime(source.resolve("dir1/file-1.dat"), FileTime.fromMillis(1_760_000_000_000L));
        Files.writeString(source.resolve("dir2/added.txt"), "added after the full backup");
        Files.delete(source.resolve("dir2/file-2.dat"));
        JsonObject second = runAndWait(job, "\"backupKind\":\"INCREMENTAL\"");
        assertThat(second.getString("status")).as(second.toString()).isEqualTo("SUCCEEDED");
        JsonObject incremental = points(job).get(0);
        assertThat(incremental.getString("kind")).isEqualTo("INCREMENTAL");
        assertThat(incremental.getString("status")).isEqualTo("VERIFIED");
        assertThat(incremental.getJsonNumber("basePointId").longValue()).isEqualTo(full.getJsonNumber("id").longValue());
        assertThat(incremental.getJsonNumber("filesStored").longValue()).as("only what changed").isEqualTo(2);
        assertThat(incremental.getInt("deletedCount")).isEqualTo(1);
        assertThat(TestUsers.viewer().getText("/executions/" + second.getJsonNumber("id") + "/log").body())
                .contains("[backup] INCREMENTAL point", "[verify] backup point");

        Path restoredFull = WORK.resolve("restored-full");
        JsonObject restore = Restores.restore(full.getJsonNumber("id").longValue(), "{\"destination\":\"" + restoredFull + "\"}");
        assertThat(restore.getString("status")).as(restore.toString()).isEqualTo("SUCCEEDED");
        assertThat(restore.getString("purpose")).isEqualTo("RESTORE");
        assertThat(restore.getJsonNumber("jobId").longValue()).isEqualTo(job);
        assertThat(snapshot(restoredFull)).isEqualTo(atFull);
        assertThat(TestUsers.viewer().getText("/executions/" + restore.getJsonNumber("id") + "/log").body())
                .contains("[restore] restore of backup point " + full.getJsonNumber("id"), "31 files restored");
        Path restoredIncremental = WORK.resolve("restored-incremental");
        assertThat(Restores.restore(incremental.getJsonNumber("id").longValue(), "{\"destination\":\"" + restoredIncremental + "\"}")
                .getString("status")).isEqualTo("SUCCEEDED");
        assertThat(snapshot(restoredIncremental)).isEqualTo(snapshot(source));

        // many paths at once: a folder and a file of another folder; the earlier one-path form still works
        Path some = WORK.resolve("restored-some");
        assertThat(Restores.restore(incremental.getJsonNumber("id").longValue(), "{\"destination\":\"" + some
                + "\",\"paths\":[\"dir2\",\"dir0/file-3.dat\",\"run.sh\"]}").getString("status")).isEqualTo("SUCCEEDED");
        assertThat(snapshot(some).keySet()).contains("dir2/added.txt", "dir0/file-3.dat", "run.sh")
                .allMatch(path -> path.startsWith("dir2/") || path.equals("dir0/file-3.dat") || path.equals("run.sh"));
        Path onlyDir2 = WORK.resolve("restored-dir2");
        assertThat(Restores.restore(incremental.getJsonNumber("id").longValue(), "{\"destination\":\"" + onlyDir2
                + "\",\"pathPrefix\":\"dir2\"}").getString("status")).isEqualTo("SUCCEEDED");
        assertThat(snapshot(onlyDir2).keySet()).isNotEmpty().allMatch(path -> path.startsWith("dir2/")).contains("dir2/added.txt");

        // refused before anything is queued: a destination that is not empty without a policy (409), not absolute or outside
        // the restore roots (400), a path that climbs out (400) or that the point does not hold (404), a viewer, an unknown point
        String id = full.getJsonNumber("id").toString();
        long queuedBefore = ApiClient.admin().get("/queue?size=1").json().getJsonNumber("total").longValue();
        ApiClient.Reply notEmpty = TestUsers.operator().post("/backups/" + id + "/restore", "{\"destination\":\"" + restoredFull + "\"}");
        assertThat(notEmpty.status()).as(notEmpty.toString()).isEqualTo(409);
        assertThat(notEmpty.contentType()).startsWith("application/problem+json");
        assertThat(notEmpty.body()).contains("is not empty", "existingFiles");
        assertThat(TestUsers.operator().post("/backups/" + id + "/restore", "{\"destination\":\"relative/dir\"}").errorFields())
                .containsExactly("destination");
        assertThat(TestUsers.operator().post("/backups/" + id + "/restore", "{\"destination\":\"/etc/restored\"}").errorFields())
                .containsExactly("destination");
        assertThat(TestUsers.operator().post("/backups/" + id + "/restore", "{\"destination\":\"" + WORK.resolve("x")
                + "\",\"paths\":[\"dir1\",\"../etc\"]}").errorFields()).containsExactly("paths[1]");
        ApiClient.Reply unknownPath = TestUsers.operator().post("/backups/" + id + "/restore", "{\"destination\":\"" + WORK.resolve("x")
                + "\",\"paths\":[\"dir9/nothing.dat\"]}");
        assertThat(unknownPath.status()).as(unknownPath.toString()).isEqualTo(404);
        assertThat(unknownPath.body()).contains("dir9/nothing.dat");
        assertThat(TestUsers.operator().post("/backups/" + id + "/restore", "{\"destination\":\"" + WORK.resolve("x")
                + "\",\"existingFiles\":\"MERGE\"}").status()).isEqualTo(400);
        assertThat(TestUsers.viewer().post("/backups/" + id + "/restore", "{\"destination\":\"" + WORK.resolve("y") + "\"}").status())
                .isEqualTo(403);
        assertThat(TestUsers.operator().post("/backups/999999999/restore", "{\"destination\":\"" + WORK.resolve("z") + "\"}").status())
                .isEqualTo(404);
        assertThat(ApiClient.admin().get("/queue?size=1").json().getJsonNumber("total").longValue()).isEqualTo(queuedBefore);
        assertThat(WORK.resolve("x")).doesNotExist();

        // a damaged archive restores nothing silently: the run fails, naming the point and what was restored before,
        // and a RESTORE_FAILED rule opens an incident for the job
        long rule = TestUsers.operator().post("/alerts/rules", "{\"name\":\"restore failed " + name + "\",\"type\":\"RESTORE_FAILED\","
                + "\"jobId\":" + job + "}").json().getJsonNumber("id").longValue();
        Path archive = Path.of(incremental.getString("archivePath"));
        byte[] bytes = Files.readAllBytes(archive);
        for (int i = bytes.length / 3; i < bytes.length / 3 + 32; i++) {
            bytes[i] ^= 0x33;
        }
        Files.write(archive, bytes);
        JsonObject damaged = Restores.restore(incremental.getJsonNumber("id").longValue(), "{\"destination\":\""
                + WORK.resolve("restored-damaged") + "\"}");
        assertThat(damaged.getString("status")).as(damaged.toString()).isEqualTo("FAILED");
        assertThat(damaged.getString("error")).contains("restore of backup point " + incremental.getJsonNumber("id") + " failed",
                "files were restored before it");
        java.time.Instant deadline = java.time.Instant.now().plusSeconds(20);
        while (TestUsers.viewer().get("/alerts?ruleId=" + rule + "&open=true").json().getInt("total") == 0
                && java.time.Instant.now().isBefore(deadline)) {
            Restores.pause(250);
        }
        assertThat(TestUsers.viewer().get("/alerts?ruleId=" + rule + "&open=true").json().getJsonArray("items").getJsonObject(0)
                .getString("message")).contains("the latest restore of job '" + name + "'", "FAILED");
        TestUsers.operator().delete("/alerts/rules/" + rule);
    }

    @Test
    void anEncryptedJobsPointsHoldNoPlaintextRestoreWithTheirKeyAndRefuseATamperedSegmentOrAMissingKey() throws IOException {
        Path source = Files.createDirectories(WORK.resolve("encrypted-source"));
        Files.writeString(source.resolve("passwords.txt"), "db: correct horse battery staple\n".repeat(200));
        Random random = new Random(3);
        for (int i = 0; i < 4; i++) {
            byte[] bytes = new byte[600_000];
            random.nextBytes(bytes);
            Files.write(source.resolve("blob-" + i + ".bin"), bytes);
        }
        String name = "encrypted-" + UUID.randomUUID().toString().substring(0, 8);
        Path target = WORK.resolve("encrypted-repository");
        ApiClient.Reply created = ApiClient.admin().post("/jobs", "{\"name\":\"" + name + "\",\"kind\":\"DIRECTORY\",\"sourcePath\":\""
                + source + "\",\"targetPath\":\"" + target + "\",\"maxRetries\":0,\"encrypt\":true}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().getBoolean("encrypt")).isTrue();
        long job = created.json().getJsonNumber("id").longValue();

        JsonObject first = runAndWait(job, "");
        assertThat(first.getString("status")).as(first.toString()).isEqualTo("SUCCEEDED");
        assertThat(TestUsers.viewer().getText("/executions/" + first.getJsonNumber("id") + "/log").body())
                .contains("(encrypted: every segment authenticated)");
        Files.writeString(source.resolve("added.txt"), "added later");
        assertThat(runAndWait(job, "\"backupKind\":\"INCREMENTAL\"").getString("status")).isEqualTo("SUCCEEDED");
        List<JsonObject> both = points(job);
        assertThat(both).hasSize(2).allMatch(p -> p.getBoolean("encrypted") && "VERIFIED".equals(p.getString("status")));
        JsonObject full = both.get(1);
        JsonObject incremental = both.get(0);
        try (Stream<Path> files = Files.list(target)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertThat(new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1)).as(file.toString())
                        .doesNotContain("correct horse").doesNotContain("passwords.txt");
            }
        }

        // the catalogue and a restore of the incremental (which reads the full's segments too) open them with their keys
        assertThat(TestUsers.viewer().get("/backups/" + incremental.getJsonNumber("id") + "/files").json().getInt("total")).isEqualTo(6);
        Path restored = WORK.resolve("encrypted-restored");
        JsonObject restore = Restores.restore(incremental.getJsonNumber("id").longValue(), "{\"destination\":\"" + restored + "\"}");
        assertThat(restore.getString("status")).as(restore.toString()).isEqualTo("SUCCEEDED");
        assertThat(snapshot(restored)).isEqualTo(snapshot(source));

        // one flipped byte in the full's archive: the restore fails naming the segment; nothing is left half written
        Path segment = Path.of(full.getString("archivePath"));
        byte[] bytes = Files.readAllBytes(segment);
        bytes[bytes.length / 2] ^= 0x40;
        Files.write(segment, bytes);
        Path tampered = WORK.resolve("encrypted-tampered");
        JsonObject refused = Restores.restore(full.getJsonNumber("id").longValue(), "{\"destination\":\"" + tampered + "\"}");
        assertThat(refused.getString("status")).isEqualTo("FAILED");
        assertThat(refused.getString("error")).contains(segment.getFileName().toString());
        bytes[bytes.length / 2] ^= 0x40;
        Files.write(segment, bytes);

        // without its key a point says so before restoring anything
        Path key = Path.of(full.getString("archivePath") + ".key");
        Files.move(key, key.resolveSibling("moved.key"));
        Path keyless = WORK.resolve("encrypted-keyless");
        JsonObject noKey = Restores.restore(full.getJsonNumber("id").longValue(), "{\"destination\":\"" + keyless + "\"}");
        assertThat(noKey.getString("status")).isEqualTo("FAILED");
        assertThat(noKey.getString("error")).contains("is encrypted but its key file", "is missing");
        assertThat(keyless).doesNotExist();
        Files.move(key.resolveSibling("moved.key"), key);

        // a rotated point keyset wraps new points with its new key; the points before still open with the old one
        ApiClient.Reply rotated = ApiClient.admin().post("/secrets/rotate-point-key", "");
        assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);
        assertThat(rotated.json().getInt("keys")).isGreaterThanOrEqualTo(2);
        assertThat(runAndWait(job, "").getString("status")).isEqualTo("SUCCEEDED");
        Path afterRotation = WORK.resolve("encrypted-after-rotation");
        assertThat(Restores.restore(full.getJsonNumber("id").longValue(), "{\"destination\":\"" + afterRotation + "\"}")
                .getString("status")).isEqualTo("SUCCEEDED");
        assertThat(Files.readString(afterRotation.resolve("passwords.txt"))).startsWith("db: correct horse");

        assertThat(ApiClient.admin().post("/jobs", "{\"name\":\"" + name + "-cmd\",\"kind\":\"COMMAND\",\"command\":[\"true\"],"
                + "\"targetPath\":\"" + target + "\",\"encrypt\":true}").errorFields()).containsExactly("encrypt");
    }

    @Test
    void anIoRateLimitSlowsTheBackupAndItsProgressIsVisibleWhileItRuns() throws IOException {
        Path source = Files.createDirectories(WORK.resolve("slow-source"));
        byte[] block = new byte[1 << 20];
        new Random(3).nextBytes(block);
        for (int i = 0; i < 4; i++) {
            Files.write(source.resolve("part-" + i + ".bin"), block);
        }
        String name = "slow-" + UUID.randomUUID().toString().substring(0, 8);
        long job = ApiClient.admin().post("/jobs", "{\"name\":\"" + name + "\",\"kind\":\"DIRECTORY\",\"sourcePath\":\"" + source
                + "\",\"targetPath\":\"" + WORK.resolve("slow-repository") + "\",\"maxRetries\":0,"
                + "\"limits\":{\"maxIoBytesPerSecond\":1048576}}").json().getJsonNumber("id").longValue();
        assertThat(TestUsers.operator().post("/jobs/" + job + "/run", "").status()).isEqualTo(201);
        JsonObject progress = null;
        java.time.Instant deadline = java.time.Instant.now().plusSeconds(20);
        while (progress == null && java.time.Instant.now().isBefore(deadline)) {
            var items = ApiClient.admin().get("/executions?jobId=" + job).json().getJsonArray("items");
            if (!items.isEmpty() && items.getJsonObject(0).get("progress") instanceof JsonObject seen
                    && seen.getJsonNumber("bytesDone").longValue() > 0) {
                progress = seen;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        assertThat(progress).as("progress seen while it ran").isNotNull();
        assertThat(progress.getJsonNumber("filesTotal").longValue()).isEqualTo(4);
        assertThat(progress.getJsonNumber("bytesTotal").longValue()).isEqualTo(4L << 20);
        JsonObject done = runAndWaitFor(job);
        assertThat(done.getString("status")).as(done.toString()).isEqualTo("SUCCEEDED");
        // 4 MiB at 1 MiB/s after a one-second burst, written and then read back by verify
        assertThat(done.getJsonNumber("durationMs").longValue()).isGreaterThanOrEqualTo(4_000);
        assertThat(done.getJsonObject("limits").getJsonNumber("maxIoBytesPerSecond").longValue()).isEqualTo(1_048_576);
    }

    /** The job's newest execution once it finished. */
    private static JsonObject runAndWaitFor(long job) {
        java.time.Instant deadline = java.time.Instant.now().plusSeconds(60);
        while (java.time.Instant.now().isBefore(deadline)) {
            JsonObject newest = ApiClient.admin().get("/executions?jobId=" + job).json().getJsonArray("items").getJsonObject(0);
            if (!newest.getString("status").equals("RUNNING")) {
                return newest;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("job " + job + " did not finish");
    }

    @Test
    void retentionRemovesOldPointsAfterEachBackupButNeverAFullAKeptIncrementalNeeds() throws IOException {
        Path source = Files.createDirectories(WORK.resolve("kept-source"));
        Files.writeString(source.resolve("a.txt"), "a");
        Path repository = WORK.resolve("kept-repository");
        String name = "kept-" + UUID.randomUUID().toString().substring(0, 8);
        long job = ApiClient.admin().post("/jobs", "{\"name\":\"" + name + "\",\"kind\":\"DIRECTORY\",\"sourcePath\":\"" + source
                + "\",\"targetPath\":\"" + repository + "\",\"maxRetries\":0,\"retention\":{\"keepLast\":2}}").json()
                .getJsonNumber("id").longValue();
        for (int i = 0; i < 3; i++) {
            assertThat(runAndWait(job, "").getString("status")).isEqualTo("SUCCEEDED");
        }
        List<JsonObject> kept = points(job);
        assertThat(kept).hasSize(2);
        try (Stream<Path> files = Files.list(repository)) {
            assertThat(files.map(f -> f.getFileName().toString()).toList()).as("the oldest point's files are gone").hasSize(4);
        }
        assertThat(TestUsers.viewer().getText("/executions/" + ApiClient.admin().get("/executions?jobId=" + job).json()
                .getJsonArray("items").getJsonObject(0).getJsonNumber("id") + "/log").body()).contains("[retention] removed backup point");

        // keep only the last point: an incremental keeps the full it builds on
        long version = ApiClient.admin().get("/jobs/" + job).json().getJsonNumber("version").longValue();
        ApiClient.Reply edited = ApiClient.admin().put("/jobs/" + job, "{\"name\":\"" + name + "\",\"kind\":\"DIRECTORY\",\"sourcePath\":\""
                + source + "\",\"targetPath\":\"" + repository + "\",\"maxRetries\":0,\"retention\":{\"keepLast\":1},\"version\":" + version + "}");
        assertThat(edited.status()).as(edited.toString()).isEqualTo(200);
        assertThat(edited.json().getJsonObject("retention").getInt("keepLast")).isEqualTo(1);
        Files.writeString(source.resolve("b.txt"), "b");
        assertThat(runAndWait(job, "\"backupKind\":\"INCREMENTAL\"").getString("status")).isEqualTo("SUCCEEDED");
        List<JsonObject> chain = points(job);
        assertThat(chain).extracting(p -> p.getString("kind")).containsExactly("INCREMENTAL", "FULL");
        assertThat(chain.get(0).getJsonNumber("basePointId")).isEqualTo(chain.get(1).getJsonNumber("id"));
        assertThat(TestUsers.viewer().get("/backups/prune-plan?jobId=" + job).jsonArray()).isEmpty();
        assertThat(TestUsers.operator().post("/backups/prune?jobId=" + job, "").status()).isEqualTo(403);
        assertThat(ApiClient.admin().post("/backups/prune?jobId=" + job, "").jsonArray()).isEmpty();
        assertThat(ApiClient.admin().get("/backups/prune-plan").errorFields()).containsExactly("jobId");
        assertThat(ApiClient.admin().post("/jobs", "{\"name\":\"bad-" + name + "\",\"kind\":\"DIRECTORY\",\"sourcePath\":\"/a\","
                + "\"targetPath\":\"/b\",\"retention\":{\"keepLast\":0,\"maxAgeDays\":99999}}").errorFields())
                .containsExactlyInAnyOrder("retention.keepLast", "retention.maxAgeDays");
    }

    @Test
    void aDirectoryJobWhoseSourceIsMissingFailsInCheckResources() {
        String name = "nosource-" + UUID.randomUUID().toString().substring(0, 8);
        long job = ApiClient.admin().post("/jobs", "{\"name\":\"" + name + "\",\"kind\":\"DIRECTORY\",\"sourcePath\":\""
                + WORK.resolve("does-not-exist") + "\",\"targetPath\":\"" + WORK.resolve("repo2") + "\",\"maxRetries\":0}").json()
                .getJsonNumber("id").longValue();
        JsonObject execution = runAndWait(job, "");
        assertThat(execution.getString("status")).isEqualTo("FAILED");
        assertThat(execution.getString("error")).contains("is not a readable directory");
        assertThat(execution.getString("step")).isEqualTo("check-resources");
        assertThat(points(job)).isEmpty();
        assertThat(ApiClient.admin().get("/backups?jobId=abc").errorFields()).containsExactly("jobId");
        assertThat(ApiClient.admin().post("/jobs/" + job + "/run", "{\"backupKind\":\"DIFFERENTIAL\"}").errorFields())
                .containsExactly("backupKind");
    }

    @Test
    void severalSourcesWithGlobsBackUpOnlyTheSelectedFilesUnderEachSourcesName() throws IOException {
        Path www = Files.createDirectories(WORK.resolve("multi/srv/www"));
        Path conf = Files.createDirectories(WORK.resolve("multi/etc/conf"));
        for (String path : List.of("index.html", "cache/page.html", "img/a.png", "img/scratch.tmp")) {
            Files.createDirectories(www.resolve(path).getParent());
            Files.writeString(www.resolve(path), "www " + path);
        }
        for (String path : List.of("app.conf", "notes.txt", "sites/default.conf")) {
            Files.createDirectories(conf.resolve(path).getParent());
            Files.writeString(conf.resolve(path), "conf " + path);
        }
        String name = "multi-" + UUID.randomUUID().toString().substring(0, 8);
        ApiClient.Reply created = ApiClient.admin().post("/jobs", "{\"name\":\"" + name + "\",\"kind\":\"DIRECTORY\",\"sourcePath\":\"" + www
                + "\",\"additionalSources\":[\"" + conf + "\"],\"excludes\":[\"*.tmp\",\"cache\",\"conf/notes.txt\"],"
                + "\"targetPath\":\"" + WORK.resolve("multi-repository") + "\",\"maxRetries\":0}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().getJsonArray("additionalSources").getString(0)).isEqualTo(conf.toString());
        long job = created.json().getJsonNumber("id").longValue();

        JsonObject run = runAndWait(job, "");
        assertThat(run.getString("status")).as(run.toString()).isEqualTo("SUCCEEDED");
        JsonObject point = points(job).get(0);
        assertThat(point.getString("status")).isEqualTo("VERIFIED");
        Path restored = WORK.resolve("multi-restored");
        assertThat(Restores.restore(point.getJsonNumber("id").longValue(), "{\"destination\":\"" + restored + "\"}")
                .getString("status")).isEqualTo("SUCCEEDED");
        Map<String, String> expected = new TreeMap<>();
        for (String path : List.of("www/index.html", "www/img/a.png", "conf/app.conf", "conf/sites/default.conf")) {
            expected.put(path, Files.readString(WORK.resolve("multi").resolve(path.startsWith("www") ? "srv" : "etc").resolve(path)));
        }
        Map<String, String> actual = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(restored)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                actual.put(restored.relativize(file).toString(), Files.readString(file));
            }
        }
        assertThat(actual).isEqualTo(expected);

        // two sources with one name, and a glob that does not parse, are refused on their fields
        assertThat(ApiClient.admin().post("/jobs", "{\"name\":\"clash-" + name + "\",\"kind\":\"DIRECTORY\",\"sourcePath\":\"/srv/www\","
                + "\"additionalSources\":[\"/home/www\"],\"includes\":[\"*.{html\"],\"targetPath\":\"/b\"}").errorFields())
                .containsExactlyInAnyOrder("additionalSources", "includes");
    }

    @Test
    void aCommandsOutputIsABackupPointWithHashesAndAcceptedExitCodesCountAsSuccess() throws IOException {
        Path target = WORK.resolve("dumps");
        String name = "dump-" + UUID.randomUUID().toString().substring(0, 8);
        String script = "printf 'rows 1-1000' > {target}/db-{timestamp}.dump; mkdir -p {target}/wal; printf seg > {target}/wal/0001; exit 24";
        ApiClient.Reply created = ApiClient.admin().post("/jobs", "{\"name\":\"" + name + "\",\"kind\":\"COMMAND\",\"command\":[\"sh\",\"-c\",\""
                + script + "\"],\"acceptedExitCodes\":[0,24],\"targetPath\":\"" + target + "\",\"maxRetries\":0}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        long job = created.json().getJsonNumber("id").longValue();

        JsonObject run = runAndWait(job, "");
        assertThat(run.getString("status")).as(run.toString()).isEqualTo("SUCCEEDED");
        assertThat(run.getInt("exitCode")).isEqualTo(24);
        JsonObject point = points(job).get(0);
        assertThat(point.getString("kind")).isEqualTo("COMMAND");
        assertThat(point.getString("status")).isEqualTo("VERIFIED");
        assertThat(point.getJsonNumber("fileCount").longValue()).isEqualTo(2);
        assertThat(point.getJsonNumber("bytesTotal").longValue()).isEqualTo("rows 1-1000".length() + 3);
        assertThat(TestUsers.viewer().getText("/executions/" + run.getJsonNumber("id") + "/log").body())
                .contains("exit code 24 is accepted", "[backup] COMMAND point " + point.getJsonNumber("id") + ": 2 files");

        Path restored = WORK.resolve("dumps-restored");
        JsonObject restore = Restores.restore(point.getJsonNumber("id").longValue(), "{\"destination\":\"" + restored + "\"}");
        assertThat(restore.getString("status")).as(restore.toString()).isEqualTo("SUCCEEDED");
        assertThat(Files.readString(restored.resolve("wal/0001"))).isEqualTo("seg");
        try (Stream<Path> files = Files.list(restored)) {
            assertThat(files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".dump")).toList()).hasSize(1);
        }

        // the second run records only what it wrote; a changed file fails its point's verification when restored
        assertThat(runAndWait(job, "").getString("status")).isEqualTo("SUCCEEDED");
        assertThat(points(job)).hasSize(2);
        Files.writeString(target.resolve("wal/0001"), "SEG");
        JsonObject changed = Restores.restore(points(job).get(0).getJsonNumber("id").longValue(), "{\"destination\":\""
                + WORK.resolve("dumps-restored-2") + "\"}");
        assertThat(changed.getString("status")).as(changed.toString()).isEqualTo("FAILED");
        assertThat(changed.getString("error")).contains("wal/0001: copied with SHA-256");

        // an exit code the job does not accept fails the run, and no point is recorded
        String strict = "strict-" + name;
        long strictJob = ApiClient.admin().post("/jobs", "{\"name\":\"" + strict + "\",\"kind\":\"COMMAND\",\"command\":[\"sh\",\"-c\",\""
                + "printf x > {target}/x.dump; exit 24\"],\"targetPath\":\"" + WORK.resolve("strict") + "\",\"maxRetries\":0}").json()
                .getJsonNumber("id").longValue();
        JsonObject failed = runAndWait(strictJob, "");
        assertThat(failed.getString("status")).isEqualTo("FAILED");
        assertThat(failed.getString("error")).startsWith("exit code 24");
        assertThat(points(strictJob)).isEmpty();
    }

    @Test
    void sourcesTargetsAndRestoreDestinationsOutsideTheAllowedRootsAreRefused() {
        // the test server allows sources under /a, /srv, /home and the temp directory, restores under the tests' own directory
        String name = "roots-" + UUID.randomUUID().toString().substring(0, 8);
        ApiClient.Reply source = ApiClient.admin().post("/jobs", "{\"name\":\"" + name + "\",\"kind\":\"DIRECTORY\",\"sourcePath\":\"/opt/data\","
                + "\"targetPath\":\"/b\"}");
        assertThat(source.errorFields()).containsExactly("sourcePath");
        assertThat(source.body()).contains("is not under an allowed root", "backup.paths.source-roots");
        ApiClient.Reply target = ApiClient.admin().post("/jobs", "{\"name\":\"" + name + "\",\"kind\":\"COMMAND\",\"command\":[\"true\"],"
                + "\"targetPath\":\"/etc/backups\"}");
        assertThat(target.errorFields()).containsExactly("targetPath");
        assertThat(target.body()).contains("a system directory that backups never write into");
        assertThat(ApiClient.admin().get("/jobs?q=" + name).json().getJsonArray("items")).as("nothing was saved").isEmpty();

        long job = ApiClient.admin().post("/jobs", "{\"name\":\"" + name + "\",\"kind\":\"COMMAND\",\"command\":[\"sh\",\"-c\","
                + "\"printf x > {target}/x\"],\"targetPath\":\"" + WORK.resolve("roots") + "\",\"maxRetries\":0}").json()
                .getJsonNumber("id").longValue();
        assertThat(runAndWait(job, "").getString("status")).isEqualTo("SUCCEEDED");
        ApiClient.Reply restore = TestUsers.operator().post("/backups/" + points(job).get(0).getJsonNumber("id") + "/restore",
                "{\"destination\":\"/var/tmp/restore-" + name + "\"}");
        assertThat(restore.errorFields()).containsExactly("destination");
        assertThat(restore.body()).contains("backup.paths.restore-roots");
        assertThat(Path.of("/var/tmp/restore-" + name)).doesNotExist();
    }

    @Test
    void aDirectoryBackupStoppedByItsTimeLimitResumesFromItsLastCheckpointOnTheNextAttempt() throws IOException {
        Path source = Files.createDirectories(WORK.resolve("resume-source"));
        byte[] block = new byte[1 << 20];
        Random random = new Random(5);
        for (int i = 0; i < 6; i++) {
            random.nextBytes(block);
            Files.write(source.resolve("part-" + i + ".bin"), block);
        }
        String name = "resume-" + UUID.randomUUID().toString().substring(0, 8);
        String definition = "{\"name\":\"" + name + "\",\"kind\":\"DIRECTORY\",\"sourcePath\":\"" + source + "\",\"targetPath\":\""
                + WORK.resolve("resume-repository") + "\",\"maxRetries\":0";
        long job = ApiClient.admin().post("/jobs", definition + ",\"limits\":{\"maxIoBytesPerSecond\":1048576,\"maxExecutionSeconds\":3}}")
                .json().getJsonNumber("id").longValue();

        // 6 MiB at 1 MiB/s cannot finish in 3 s: the run times out part-way, after at least one checkpoint (every 2 files here)
        JsonObject first = runAndWait(job, "");
        assertThat(first.getString("status")).as(first.toString()).isEqualTo("TIMED_OUT");
        assertThat(first.getString("step")).isEqualTo("archive-directory");
        JsonObject writing = points(job).get(0);
        assertThat(writing.getString("status")).as("kept for the next attempt").isEqualTo("WRITING");

        long version = ApiClient.admin().get("/jobs/" + job).json().getJsonNumber("version").longValue();
        assertThat(ApiClient.admin().put("/jobs/" + job, definition + ",\"version\":" + version + "}").status()).isEqualTo(200);
        long entry = first.getJsonNumber("queueEntryId").longValue();
        assertThat(TestUsers.operator().post("/dead-letters/" + entry + "/retry", "").status()).isEqualTo(200);
        JsonObject second = ApiClient.admin().get("/executor/runs?entry=" + entry + "&wait=25").json().getJsonArray("runs")
                .getJsonObject(0).getJsonObject("execution");
        assertThat(second.getString("status")).as(second.toString()).isEqualTo("SUCCEEDED");
        assertThat(TestUsers.viewer().getText("/executions/" + second.getJsonNumber("id") + "/log").body())
                .containsPattern("\\[backup\\] resuming FULL point " + writing.getJsonNumber("id") + " after [2-5] files");

        List<JsonObject> all = points(job);
        assertThat(all).as("the same point, finished").hasSize(1);
        JsonObject point = all.get(0);
        assertThat(point.getJsonNumber("id")).isEqualTo(writing.getJsonNumber("id"));
        assertThat(point.getString("status")).isEqualTo("VERIFIED");
        assertThat(point.getJsonNumber("executionId")).isEqualTo(second.getJsonNumber("id"));
        assertThat(point.getInt("archiveSegments")).isEqualTo(3);
        Path restored = WORK.resolve("resume-restored");
        assertThat(Restores.restore(point.getJsonNumber("id").longValue(), "{\"destination\":\"" + restored + "\"}")
                .getString("status")).isEqualTo("SUCCEEDED");
        assertThat(snapshot(restored)).isEqualTo(snapshot(source));
    }
}
