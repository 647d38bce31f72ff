package io.backupscheduler.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Restores and drills as runs on the real server: progress that moves and a cancel midway, restores in place under
 * each policy for existing files, drills that prove a job restorable on demand and on their cadence, and a damaged
 * archive that fails the drill and opens the alert.
 */
class RestoreRunIT {
    private static final Path WORK = Path.of(System.getProperty("java.io.tmpdir"), "backup-scheduler-it", "restores-" + UUID.randomUUID());

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

    private static long createJob(String definition) {
        ApiClient.Reply created = ApiClient.admin().post("/jobs", definition);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().getJsonNumber("id").longValue();
    }

    private static JsonObject backUp(long job) {
        ApiClient.Reply reply = TestUsers.operator().post("/executor/runs", "{\"jobIds\":[" + job + "],\"wait\":25}");
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        JsonObject run = reply.json().getJsonArray("runs").getJsonObject(0).getJsonObject("execution");
        assertThat(run.getString("status")).as(run.toString()).isEqualTo("SUCCEEDED");
        return ApiClient.admin().get("/backups?jobId=" + job).json().getJsonArray("items").getJsonObject(0);
    }

    /** Whether a restore proof names a successful drill (an absent lastProvenAt is null: never). */
    private static boolean proven(JsonObject proof) {
        return proof.containsKey("lastProvenAt") && !proof.isNull("lastProvenAt");
    }

    private static long id(JsonObject object) {
        return object.getJsonNumber("id").longValue();
    }

    @Test
    void aRestoreShowsItsProgressMovingAndACancelMidwayLeavesOnlyWholeFiles() throws IOException {
        String name = "slow-restore-" + UUID.randomUUID().toString().substring(0, 8);
        Path target = WORK.resolve("slow-target");
        String definition = "{\"name\":\"" + name + "\",\"kind\":\"COMMAND\",\"command\":[\"sh\",\"-c\",\"for i in $(seq 1 24); do head -c"
                + " 1048576 /dev/urandom > {target}/part-$i.bin; done\"],\"targetPath\":\"" + target + "\",\"maxRetries\":0";
        long job = createJob(definition + "}");
        JsonObject point = backUp(job);
        // the restore runs under the job's limits: 2 MB/s makes 24 MB take about 12 s
        long version = ApiClient.admin().get("/jobs/" + job).json().getJsonNumber("version").longValue();
        assertThat(ApiClient.admin().put("/jobs/" + job, definition + ",\"limits\":{\"maxIoBytesPerSecond\":2097152},\"version\":"
                + version + "}").status()).isEqualTo(200);

        Path destination = WORK.resolve("slow-restored");
        long entry = Restores.queue(id(point), "{\"destination\":\"" + destination + "\"}");
        JsonObject first = awaitProgress(entry, 3);
        JsonObject later = awaitProgress(entry, first.getJsonObject("progress").getJsonNumber("filesDone").longValue() + 3);
        assertThat(later.getJsonObject("progress").getJsonNumber("filesTotal").longValue()).isEqualTo(24);
        assertThat(later.getJsonObject("progress").getJsonNumber("bytesTotal").longValue()).isEqualTo(24L << 20);
        assertThat(later.getJsonObject("progress").getJsonNumber("bytesDone").longValue())
                .isGreaterThan(first.getJsonObject("progress").getJsonNumber("bytesDone").longValue());
        assertThat(later.getString("step")).isEqualTo("restore-files");

        assertThat(TestUsers.operator().post("/executions/" + id(later) + "/cancel", "").status()).isEqualTo(200);
        JsonObject cancelled = Restores.awaitEnd(entry, Duration.ofSeconds(30));
        assertThat(cancelled.getString("status")).isEqualTo("CANCELLED");
        assertThat(cancelled.getJsonNumber("restoredFiles").longValue()).isBetween(6L, 23L);
        assertThat(ApiClient.admin().get("/queue/" + entry).json().getString("status")).isEqualTo("CANCELLED");
        try (Stream<Path> files = Files.list(destination)) {
            List<Path> restored = files.toList();
            assertThat(restored).isNotEmpty().hasSizeLessThan(24);
            for (Path file : restored) { // every file there is whole: the one in progress was removed
                assertThat(file.getFileName().toString()).matches("part-\\d+\\.bin");
                assertThat(Files.size(file)).isEqualTo(1 << 20);
                assertThat(Files.readAllBytes(file)).isEqualTo(Files.readAllBytes(target.resolve(file.getFileName())));
            }
        }
        assertThat(TestUsers.viewer().getText("/executions/" + id(cancelled) + "/log").body()).contains("[restore] stopped");
    }

    private static JsonObject awaitProgress(long entry, long files) {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            JsonObject run = Restores.run(entry);
            if (run != null && run.containsKey("progress") && !run.isNull("progress")
                    && run.getJsonObject("progress").getJsonNumber("filesDone").longValue() >= files) {
                assertThat(run.getString("status")).isEqualTo("RUNNING");
                return run;
            }
            Restores.pause(100);
        }
        throw new AssertionError("the restore of queue entry " + entry + " did not reach " + files + " files: " + Restores.run(entry));
    }

    @Test
    void aRestoreInPlaceSkipsOverwritesOrKeepsBothAsAsked() throws IOException {
        Path source = Files.createDirectories(WORK.resolve("site"));
        Files.writeString(source.resolve("nginx.conf"), "listen 80;\n");
        Files.createDirectories(source.resolve("html"));
        Files.writeString(source.resolve("html/index.html"), "<h1>hello</h1>\n");
        String name = "in-place-" + UUID.randomUUID().toString().substring(0, 8);
        long job = createJob("{\"name\":\"" + name + "\",\"kind\":\"DIRECTORY\",\"sourcePath\":\"" + source + "\",\"targetPath\":\""
                + WORK.resolve("site-repository") + "\",\"maxRetries\":0}");
        long point = id(backUp(job));
        Files.writeString(source.resolve("nginx.conf"), "listen 8080; # edited by hand\n");
        Files.delete(source.resolve("html/index.html"));
        String inPlace = "{\"destination\":\"" + source + "\",\"paths\":[\"nginx.conf\",\"html\"]";

        ApiClient.Reply noPolicy = TestUsers.operator().post("/backups/" + point + "/restore", inPlace + "}");
        assertThat(noPolicy.status()).as(noPolicy.toString()).isEqualTo(409);
        assertThat(noPolicy.errorFields()).containsExactly("existingFiles");

        assertThat(Restores.restore(point, inPlace + ",\"existingFiles\":\"SKIP\"}").getString("status")).isEqualTo("SUCCEEDED");
        assertThat(Files.readString(source.resolve("nginx.conf"))).contains("edited by hand");
        assertThat(Files.readString(source.resolve("html/index.html"))).isEqualTo("<h1>hello</h1>\n");

        assertThat(Restores.restore(point, inPlace + ",\"existingFiles\":\"KEEP_BOTH\"}").getString("status")).isEqualTo("SUCCEEDED");
        assertThat(Files.readString(source.resolve("nginx.conf"))).contains("edited by hand");
        assertThat(Files.readString(source.resolve("nginx.conf.restored"))).isEqualTo("listen 80;\n");

        assertThat(Restores.restore(point, inPlace + ",\"existingFiles\":\"OVERWRITE\"}").getString("status")).isEqualTo("SUCCEEDED");
        assertThat(Files.readString(source.resolve("nginx.conf"))).isEqualTo("listen 80;\n");
        try (Stream<Path> left = Files.list(source)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("nginx.conf", "nginx.conf.restored", "html");
        }
        JsonObject audit = ApiClient.admin().get("/audit?action=backup.restore&targetId=" + point).json();
        assertThat(audit.getInt("total")).isEqualTo(3);
    }

    @Test
    void aDrillProvesAJobRestorableAndADamagedArchiveFailsItAndOpensTheAlert() throws IOException {
        Path source = Files.createDirectories(WORK.resolve("drilled"));
        Random random = new Random(5);
        for (int i = 0; i < 12; i++) {
            byte[] bytes = new byte[20_000 + random.nextInt(20_000)];
            random.nextBytes(bytes);
            Files.write(source.resolve("file-" + i + ".dat"), bytes);
        }
        String name = "drilled-" + UUID.randomUUID().toString().substring(0, 8);
        long job = createJob("{\"name\":\"" + name + "\",\"kind\":\"DIRECTORY\",\"sourcePath\":\"" + source + "\",\"targetPath\":\""
                + WORK.resolve("drilled-repository") + "\",\"maxRetries\":0}");
        assertThat(proven(TestUsers.viewer().get("/jobs/" + job + "/restorable").json())).isFalse();
        ApiClient.Reply none = TestUsers.operator().post("/jobs/" + job + "/drill", "");
        assertThat(none.status()).as("no point yet: " + none).isEqualTo(409);
        JsonObject point = backUp(job);
        long rule = id(TestUsers.operator().post("/alerts/rules", "{\"name\":\"unproven " + name + "\",\"type\":\"RESTORE_UNPROVEN\","
                + "\"jobId\":" + job + ",\"threshold\":1}").json());

        ApiClient.Reply queued = TestUsers.operator().post("/jobs/" + job + "/drill", "");
        assertThat(queued.status()).as(queued.toString()).isEqualTo(202);
        assertThat(queued.json().getString("purpose")).isEqualTo("DRILL");
        JsonObject drill = Restores.awaitEnd(id(queued.json()), Duration.ofSeconds(60));
        assertThat(drill.getString("status")).as(drill.toString()).isEqualTo("SUCCEEDED");
        assertThat(drill.getString("purpose")).isEqualTo("DRILL");
        assertThat(TestUsers.viewer().getText("/executions/" + id(drill) + "/log").body())
                .contains("12 files restored", "[drill] backup point " + id(point) + " is restorable");
        JsonObject proof = TestUsers.viewer().get("/jobs/" + job + "/restorable").json();
        assertThat(proof.getString("lastProvenAt")).isNotBlank();
        assertThat(proof.getString("latestStatus")).isEqualTo("SUCCEEDED");
        Restores.pause(2500);
        assertThat(TestUsers.viewer().get("/alerts?ruleId=" + rule + "&open=true").json().getInt("total")).isZero();

        // damage every archive segment: the next drill fails, naming the point, and the rule opens an incident
        try (Stream<Path> segments = Files.list(WORK.resolve("drilled-repository"))) {
            for (Path segment : segments.filter(p -> p.getFileName().toString().contains(".tar.zst")).toList()) {
                byte[] bytes = Files.readAllBytes(segment);
                for (int i = bytes.length / 2; i < Math.min(bytes.length, bytes.length / 2 + 64); i++) {
                    bytes[i] ^= 0x5a;
                }
                Files.write(segment, bytes);
            }
        }
        JsonObject failed = Restores.awaitEnd(id(TestUsers.operator().post("/jobs/" + job + "/drill", "").json()), Duration.ofSeconds(60));
        assertThat(failed.getString("status")).as(failed.toString()).isEqualTo("FAILED");
        assertThat(failed.getString("error")).contains("drill of backup point " + id(point) + " failed");
        assertThat(TestUsers.viewer().get("/jobs/" + job + "/restorable").json().getString("latestStatus")).isEqualTo("FAILED");
        Instant deadline = Instant.now().plusSeconds(20);
        while (TestUsers.viewer().get("/alerts?ruleId=" + rule + "&open=true").json().getInt("total") == 0 && Instant.now().isBefore(deadline)) {
            Restores.pause(250);
        }
        JsonObject incident = TestUsers.viewer().get("/alerts?ruleId=" + rule + "&open=true").json().getJsonArray("items").getJsonObject(0);
        assertThat(incident.getString("message")).contains("latest restore drill of job '" + name + "'", "FAILED");
        TestUsers.operator().delete("/alerts/rules/" + rule);
    }

    @Test
    void aJobWithADrillCadenceIsDrilledWithoutBeingAsked() throws IOException {
        Path source = Files.createDirectories(WORK.resolve("cadence"));
        for (String file : List.of("a.txt", "b.txt", "c.txt")) {
            Files.writeString(source.resolve(file), file);
        }
        String name = "cadence-" + UUID.randomUUID().toString().substring(0, 8);
        // a job due a drill that has no point yet comes first (a lower id): it must not hold up the others' drills
        createJob("{\"name\":\"pointless-" + name + "\",\"kind\":\"DIRECTORY\",\"sourcePath\":\"" + source + "\",\"targetPath\":\""
                + WORK.resolve("pointless-repository") + "\",\"maxRetries\":0,\"drill\":{\"everyDays\":1}}");
        long job = createJob("{\"name\":\"" + name + "\",\"kind\":\"DIRECTORY\",\"sourcePath\":\"" + source + "\",\"targetPath\":\""
                + WORK.resolve("cadence-repository") + "\",\"maxRetries\":0,\"drill\":{\"everyDays\":7,\"sampleFiles\":1}}");
        assertThat(ApiClient.admin().get("/jobs/" + job).json().getJsonObject("drill").getInt("everyDays")).isEqualTo(7);
        backUp(job);
        Instant deadline = Instant.now().plusSeconds(30);
        JsonObject proof = TestUsers.viewer().get("/jobs/" + job + "/restorable").json();
        while (!proven(proof) && Instant.now().isBefore(deadline)) {
            Restores.pause(500);
            proof = TestUsers.viewer().get("/jobs/" + job + "/restorable").json();
        }
        assertThat(proven(proof)).as(proof.toString()).isTrue();
        // once drilled, the next is due in seven days: no second drill is queued meanwhile
        Restores.pause(5000);
        JsonObject drills = TestUsers.viewer().get("/executions?jobId=" + job + "&purpose=DRILL").json();
        assertThat(drills.getInt("total")).isEqualTo(1);
        assertThat(TestUsers.viewer().getText("/executions/" + id(drills.getJsonArray("items").getJsonObject(0)) + "/log").body())
                .as("a sample of one file of three").contains("1 files restored");

        // a schedule can fire drills instead of backups: its drill takes the latest point when it runs
        ApiClient.Reply schedule = ApiClient.admin().post("/schedules", "{\"name\":\"monthly drill " + name + "\",\"jobId\":" + job
                + ",\"type\":\"CRON\",\"expression\":\"0 3 1 * *\",\"purpose\":\"DRILL\"}");
        assertThat(schedule.status()).as(schedule.toString()).isEqualTo(201);
        assertThat(schedule.json().getString("purpose")).isEqualTo("DRILL");
        ApiClient.Reply fired = TestUsers.operator().post("/schedules/" + id(schedule.json()) + "/run", "");
        assertThat(fired.status()).as(fired.toString()).isEqualTo(201);
        long firedEntry = id(fired.json());
        assertThat(ApiClient.admin().get("/queue/" + firedEntry).json().getString("purpose")).isEqualTo("DRILL");
        JsonObject scheduled = Restores.awaitEnd(firedEntry, Duration.ofSeconds(60));
        assertThat(scheduled.getString("status")).as(scheduled.toString()).isEqualTo("SUCCEEDED");
        assertThat(scheduled.getString("purpose")).isEqualTo("DRILL");
        assertThat(ApiClient.admin().post("/schedules", "{\"name\":\"restore " + name + "\",\"jobId\":" + job
                + ",\"type\":\"CRON\",\"expression\":\"0 3 1 * *\",\"purpose\":\"RESTORE\"}").errorFields()).containsExactly("purpose");
        ApiClient.admin().delete("/schedules/" + id(schedule.json()));

        assertThat(ApiClient.admin().post("/jobs", "{\"name\":\"bad-drill-" + name + "\",\"kind\":\"DIRECTORY\",\"sourcePath\":\"" + source
                + "\",\"targetPath\":\"/b\",\"drill\":{\"everyDays\":0,\"sampleFiles\":-1}}").errorFields())
                .containsExactlyInAnyOrder("drill.everyDays", "drill.sampleFiles");
    }
}
