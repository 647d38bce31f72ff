package io.backupscheduler.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The execution engine on the real server: COMMAND jobs run as batch jobs in isolation, under limits, with
 * timeouts, cancel, admission, retries and the record of every run. The build gives the server short retry,
 * recheck and kill-grace times (see the pom's it-server-start).
 */
class ExecutionIT {
    private static final Path WORK = Path.of(System.getProperty("java.io.tmpdir"), "backup-scheduler-it", UUID.randomUUID().toString());

    @BeforeAll
    static void runTheExecutor() throws IOException {
        ItEnvironment.awaitReady(Duration.ofMinutes(3));
        Files.createDirectories(WORK);
        // what earlier suites queued (jobs with made-up paths) would only occupy the worker slots
        assertThat(ApiClient.admin().delete("/queue?force=true").status()).isEqualTo(200);
        assertThat(ApiClient.admin().put("/executor/admission", "{}").status()).isEqualTo(200);
        assertThat(TestUsers.operator().put("/executor", "{\"paused\":false}").status()).isEqualTo(200);
    }

    @AfterAll
    static void pauseTheExecutorAgain() {
        ApiClient.admin().put("/executor/admission", "{}");
        ApiClient.admin().put("/executor", "{\"paused\":true}");
    }

    /** Creates a COMMAND job writing into its own target; returns its id. */
    private static long commandJob(List<String> command, String limits, int maxRetries) {
        JsonArrayBuilder args = Json.createArrayBuilder();
        command.forEach(args::add);
        String name = "exec-" + UUID.randomUUID().toString().substring(0, 8);
        String body = "{\"name\":\"" + name + "\",\"kind\":\"COMMAND\",\"command\":" + args.build() + ",\"targetPath\":\""
                + WORK.resolve(name) + "\",\"maxRetries\":" + maxRetries + (limits == null ? "" : ",\"limits\":" + limits) + "}";
        ApiClient.Reply reply = ApiClient.admin().post("/jobs", body);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply.json().getJsonNumber("id").longValue();
    }

    private static long run(long jobId, String options) {
        ApiClient.Reply reply = TestUsers.operator().post("/jobs/" + jobId + "/run", options);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply.json().getJsonNumber("id").longValue();
    }

    private static List<JsonObject> executionsOf(long jobId) {
        return ApiClient.admin().get("/executions?jobId=" + jobId + "&size=50").json().getJsonArray("items")
                .getValuesAs(JsonObject.class);
    }

    /** Polls the job's executions (newest first) until the condition holds; fails with what was seen. */
    private static List<JsonObject> awaitExecutions(long jobId, Duration timeout, Predicate<List<JsonObject>> done) {
        Instant deadline = Instant.now().plus(timeout);
        List<JsonObject> seen = List.of();
        while (Instant.now().isBefore(deadline)) {
            seen = executionsOf(jobId);
            if (done.test(seen)) {
                return seen;
            }
            sleep(300);
        }
        throw new AssertionError("executions of job " + jobId + " did not get there within " + timeout + ": " + seen
                + "\nqueue: " + ApiClient.admin().get("/queue?size=50").body());
    }

    private static JsonObject awaitFinished(long jobId) {
        return awaitExecutions(jobId, Duration.ofSeconds(60), list -> !list.isEmpty()
                && !list.get(0).getString("status").equals("RUNNING")).get(0);
    }

    private static JsonObject entry(long id) {
        return ApiClient.admin().get("/queue/" + id).json();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Test
    void aCommandRunsAsABatchJobAndItsRunIsRecordedWithUsageAndLog() {
        String busy = "my $e = time + 2; my $n = 0; while (time < $e) { $n++ }"
                + " open(my $f, '>', $ARGV[0]) or die; print $f ('x' x (4 * 1024 * 1024)); close $f; print \"busy done\\n\";"
                + " select(undef, undef, undef, 0.6);";
        long job = commandJob(List.of("perl", "-e", busy, "{target}/dump-{timestamp}.bin"), null, 0);
        long entry = run(job, "");
        JsonObject execution = awaitFinished(job);
        assertThat(execution.getString("status")).as(execution.toString()).isEqualTo("SUCCEEDED");
        assertThat(execution.getInt("exitCode")).isZero();
        assertThat(execution.getJsonNumber("queueEntryId").longValue()).isEqualTo(entry);
        assertThat(execution.getJsonNumber("durationMs").longValue()).isGreaterThanOrEqualTo(1500);
        assertThat(execution.getString("step")).isEqualTo("verify");
        assertThat(execution.getJsonNumber("batchExecutionId").longValue()).isPositive();
        assertThat(execution.getJsonNumber("batchInstanceId").longValue()).isPositive();
        JsonObject usage = execution.getJsonObject("usage");
        assertThat(usage.getJsonNumber("cpuAvgPercent").doubleValue()).as(usage.toString()).isGreaterThan(20);
        assertThat(usage.getJsonNumber("cpuPeakPercent").doubleValue()).isGreaterThan(50);
        assertThat(usage.getJsonNumber("peakRssMb").doubleValue()).isGreaterThan(1);
        assertThat(usage.getJsonNumber("bytesWritten").longValue()).isGreaterThan(4 * 1024 * 1024);
        assertThat(entry(entry).getString("status")).isEqualTo("SUCCEEDED");

        ApiClient.Reply log = TestUsers.viewer().getText("/executions/" + execution.getJsonNumber("id") + "/log?lines=5");
        assertThat(log.status()).isEqualTo(200);
        assertThat(log.contentType()).startsWith("text/plain");
        assertThat(log.body()).contains("busy done", "1 files, 4194304 bytes written under", "every file read back matches its manifest");
        assertThat(TestUsers.viewer().getText("/executions/" + execution.getJsonNumber("id") + "/log?lines=1").body().strip())
                .startsWith("[verify]");
    }

    @Test
    void aCommandPastItsTimeLimitEndsTimedOutWithItsProcessTreeGone() throws IOException {
        long job = commandJob(List.of("/bin/sh", "-c", "sleep 300 & echo $! > {target}/child.pid; trap '' TERM; wait"),
                "{\"maxExecutionSeconds\":2}", 0);
        long entry = run(job, "");
        JsonObject execution = awaitFinished(job);
        assertThat(execution.getString("status")).as(execution.toString()).isEqualTo("TIMED_OUT");
        assertThat(execution.getString("error")).contains("time limit of 2 s");
        assertThat(execution.getString("enforcement")).contains("SIGTERM", "SIGKILL");
        long child = Long.parseLong(Files.readString(WORK.resolve(execution.getString("jobName")).resolve("child.pid")).strip());
        assertThat(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false)).as("the background sleep is gone").isFalse();
        assertThat(entry(entry).getString("status")).as("no retries left").isEqualTo("DEAD");
    }

    @Test
    void aCommandThatAllocatesPastItsMemoryLimitIsRejectedNamingTheMechanism() {
        long job = commandJob(List.of("perl", "-e", "my $x = 'a' x (400 * 1024 * 1024); sleep 20"), "{\"maxMemoryMb\":64}", 0);
        run(job, "");
        JsonObject execution = awaitFinished(job);
        assertThat(execution.getString("status")).as(execution.toString()).isEqualTo("REJECTED_LIMIT");
        assertThat(execution.getString("error")).contains("64 MiB");
        assertThat(execution.getString("enforcement")).containsAnyOf("prlimit", "RSS watchdog", "cgroup v2 memory.max");
        assertThat(execution.getJsonObject("limits").getInt("maxMemoryMb")).isEqualTo(64);
    }

    @Test
    void aRunningCommandIsCancelledByAnOperatorAndNotRetried() {
        long job = commandJob(List.of("sleep", "120"), null, 3);
        long entry = run(job, "");
        JsonObject running = awaitExecutions(job, Duration.ofSeconds(30), list -> !list.isEmpty()
                && "run-command".equals(list.get(0).getString("step", ""))).get(0);
        String id = running.getJsonNumber("id").toString();
        assertThat(running.getBoolean("live")).isTrue();
        assertThat(TestUsers.viewer().post("/executions/" + id + "/cancel", "").status()).isEqualTo(403);
        ApiClient.Reply cancel = TestUsers.operator().post("/executions/" + id + "/cancel", "");
        assertThat(cancel.status()).as(cancel.toString()).isEqualTo(200);
        assertThat(cancel.json().getString("cancelRequestedBy")).isEqualTo(TestUsers.OPERATOR);
        JsonObject execution = awaitFinished(job);
        assertThat(execution.getString("status")).isEqualTo("CANCELLED");
        assertThat(execution.getString("error")).contains("cancelled by " + TestUsers.OPERATOR);
        assertThat(entry(entry).getString("status")).isEqualTo("CANCELLED");
        sleep(1500);
        assertThat(executionsOf(job)).as("not retried").hasSize(1);
        ApiClient.Reply again = TestUsers.operator().post("/executions/" + id + "/cancel", "");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body()).contains("already ended CANCELLED");
    }

    @Test
    void workWaitsWhileResourcesAreShortAndRunsWhenTheThresholdIsLowered() {
        long job = commandJob(List.of("/bin/true"), null, 0);
        long entry;
        try {
            ApiClient.Reply strict = ApiClient.admin().put("/executor/admission", "{\"minFreeMemoryMb\":900000000}");
            assertThat(strict.status()).as(strict.toString()).isEqualTo(200);
            assertThat(strict.json().getJsonObject("thresholds").getJsonNumber("minFreeMemoryMb").longValue()).isEqualTo(900000000L);
            entry = run(job, "");
            Instant deadline = Instant.now().plusSeconds(20);
            JsonObject waiting = entry(entry);
            while (Instant.now().isBefore(deadline) && waiting.getString("statusReason", "").isEmpty()) {
                sleep(300);
                waiting = entry(entry);
            }
            assertThat(waiting.getString("status")).as(waiting.toString()).isEqualTo("READY");
            assertThat(waiting.getString("statusReason")).startsWith("waiting for resources: ")
                    .containsPattern("available memory \\d+ MB is below 900000000 MB");
            assertThat(waiting.getInt("attempts")).as("waiting is not a failed attempt").isZero();
            assertThat(executionsOf(job)).isEmpty();
            assertThat(ApiClient.admin().get("/executor/stats").json().getJsonNumber("admissionWaits").longValue()).isPositive();
        } finally {
            // other tests' runs must not wait behind an impossible threshold, whatever happened above
            assertThat(ApiClient.admin().put("/executor/admission", "{}").status()).isEqualTo(200);
        }
        JsonObject execution = awaitFinished(job);
        assertThat(execution.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(entry(entry).getInt("attempts")).isEqualTo(1);
    }

    @Test
    void aCommandWhoseProgramIsMissingFailsInCheckResourcesWithoutRunning() {
        Path missing = WORK.resolve("no-such-program-" + UUID.randomUUID());
        long job = commandJob(List.of(missing.toString()), null, 0);
        run(job, "");
        JsonObject execution = awaitFinished(job);
        assertThat(execution.getString("status")).isEqualTo("FAILED");
        assertThat(execution.getString("error")).isEqualTo("program " + missing + " does not exist or is not executable");
        assertThat(execution.getString("step")).isEqualTo("check-resources");
        assertThat(execution.get("exitCode")).as("no process ran, so no exit code").isIn(null, JsonValue.NULL);
    }

    @Test
    void aFailingCommandIsRetriedWithBackoffThenDeadLettered() {
        long job = commandJob(List.of("/bin/sh", "-c", "echo boom >&2; exit 3"), null, 2);
        long entry = run(job, "");
        List<JsonObject> runs = awaitExecutions(job, Duration.ofSeconds(60),
                list -> list.size() == 3 && list.stream().noneMatch(e -> e.getString("status").equals("RUNNING")));
        assertThat(runs).extracting(e -> e.getString("status")).containsOnly("FAILED");
        assertThat(runs).extracting(e -> e.getInt("exitCode")).containsOnly(3);
        assertThat(runs.get(0).getString("error")).isEqualTo("exit code 3: boom");
        assertThat(runs).extracting(e -> e.getString("step")).as("a failed command never reaches verify").containsOnly("run-command");
        assertThat(runs).extracting(e -> e.getInt("attempt")).containsExactly(3, 2, 1);
        for (int i = 0; i < 2; i++) { // newest first: each retry starts after the backoff following the run before
            Instant previousEnd = Instant.parse(runs.get(i + 1).getString("finishedAt"));
            Instant next = Instant.parse(runs.get(i).getString("startedAt"));
            assertThat(Duration.between(previousEnd, next)).isGreaterThanOrEqualTo(Duration.ofMillis(500));
        }
        JsonObject dead = entry(entry);
        assertThat(dead.getString("status")).isEqualTo("DEAD");
        assertThat(dead.getString("lastError")).contains("exit code 3: boom");
        assertThat(ApiClient.admin().get("/dead-letters").body()).contains("\"id\":" + entry);
    }

    @Test
    void aRunOverridesTheJobsLimitsForItselfOnly() {
        long job = commandJob(List.of("sleep", "30"), "{\"maxExecutionSeconds\":600}", 0);
        run(job, "{\"limits\":{\"maxExecutionSeconds\":1}}");
        JsonObject execution = awaitFinished(job);
        assertThat(execution.getString("status")).isEqualTo("TIMED_OUT");
        assertThat(execution.getJsonObject("limits").getInt("maxExecutionSeconds")).isEqualTo(1);
        assertThat(ApiClient.admin().get("/jobs/" + job).json().getJsonObject("limits").getInt("maxExecutionSeconds"))
                .isEqualTo(600);
    }

    @Test
    void aBatchOfJobsRunsTogetherAndTheCallerWaitsForAllOfThemOrLooksLater() {
        long slow = commandJob(List.of("/bin/sh", "-c", "sleep 1; echo slow"), null, 0);
        long quick = commandJob(List.of("/bin/true"), null, 0);
        ApiClient.Reply waited = TestUsers.operator().post("/executor/runs", "{\"jobIds\":[" + slow + "," + quick + "],\"wait\":25}");
        assertThat(waited.status()).as(waited.toString()).isEqualTo(201);
        assertThat(waited.json().getBoolean("finished")).isTrue();
        List<JsonObject> runs = waited.json().getJsonArray("runs").getValuesAs(JsonObject.class);
        assertThat(runs).extracting(r -> r.getJsonNumber("jobId").longValue()).containsExactly(slow, quick);
        assertThat(runs).extracting(r -> r.getString("entryStatus")).containsOnly("SUCCEEDED");
        assertThat(runs).extracting(r -> r.getJsonObject("execution").getString("status")).containsOnly("SUCCEEDED");

        long sleeper = commandJob(List.of("sleep", "3"), null, 0);
        ApiClient.Reply queued = TestUsers.operator().post("/executor/runs", "{\"jobIds\":[" + sleeper + "]}");
        assertThat(queued.status()).isEqualTo(201);
        assertThat(queued.json().getBoolean("finished")).as("no wait asked").isFalse();
        long entry = queued.json().getJsonArray("runs").getJsonObject(0).getJsonNumber("entryId").longValue();
        awaitExecutions(sleeper, Duration.ofSeconds(30), list -> !list.isEmpty());
        assertThat(TestUsers.viewer().get("/executor/running").body()).contains("\"jobId\":" + sleeper);
        JsonObject later = TestUsers.viewer().get("/executor/runs?entry=" + entry + "&wait=25").json();
        assertThat(later.getBoolean("finished")).isTrue();
        assertThat(later.getJsonArray("runs").getJsonObject(0).getJsonObject("execution").getString("status")).isEqualTo("SUCCEEDED");
    }

    @Test
    void aBatchWithAnUnknownJobQueuesNothing() {
        long job = commandJob(List.of("/bin/true"), null, 0);
        ApiClient.Reply refused = TestUsers.operator().post("/executor/runs", "{\"jobIds\":[" + job + ",999999999]}");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.errorFields()).containsExactly("jobIds");
        assertThat(refused.body()).contains("job 999999999 does not exist");
        sleep(1500);
        assertThat(executionsOf(job)).as("the known job was not queued either").isEmpty();
        assertThat(ApiClient.admin().get("/queue?size=500").body()).doesNotContain("\"jobId\":" + job + ",");
        ApiClient operator = TestUsers.operator();
        assertThat(operator.post("/executor/runs", "{}").errorFields()).containsExactly("jobIds");
        assertThat(operator.post("/executor/runs", "{\"jobIds\":[\"x\"]}").errorFields()).containsExactly("jobIds");
        assertThat(operator.post("/executor/runs", "{\"jobIds\":[" + job + "],\"wait\":1000}").errorFields()).containsExactly("wait");
        assertThat(operator.post("/executor/runs", "not json").errorFields()).containsExactly("body");
        assertThat(operator.get("/executor/runs").errorFields()).containsExactly("entry");
        assertThat(operator.get("/executor/runs?entry=999999999").status()).isEqualTo(404);
        assertThat(TestUsers.viewer().post("/executor/runs", "{\"jobIds\":[" + job + "]}").status()).isEqualTo(403);
    }

    @Test
    void badInputIsNamedAndUnknownExecutionsAre404() {
        ApiClient admin = ApiClient.admin();
        assertThat(admin.get("/executions?status=LOST").errorFields()).containsExactly("status");
        assertThat(admin.get("/executions?jobId=abc").errorFields()).containsExactly("jobId");
        assertThat(admin.get("/executions?from=yesterday").errorFields()).containsExactly("from");
        assertThat(admin.get("/executions?from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z").errorFields()).containsExactly("to");
        assertThat(admin.get("/executions?size=100000").errorFields()).containsExactly("size");
        assertThat(admin.get("/executions/999999999").status()).isEqualTo(404);
        assertThat(admin.getText("/executions/abc/log").status()).isEqualTo(404);
        assertThat(admin.post("/executions/999999999/cancel", "").status()).isEqualTo(404);
        long job = commandJob(List.of("/bin/true"), null, 0);
        run(job, "");
        String id = awaitFinished(job).getJsonNumber("id").toString();
        ApiClient.Reply badLines = admin.getText("/executions/" + id + "/log?lines=0");
        assertThat(badLines.status()).isEqualTo(400);
        assertThat(badLines.errorFields()).containsExactly("lines");
        assertThat(admin.getText("/executions/" + id + "/log?lines=x").errorFields()).containsExactly("lines");
        ApiClient.Reply badLimits = TestUsers.operator().post("/jobs/" + job + "/run",
                "{\"limits\":{\"maxCpuPercent\":500,\"maxDisk\":1}}");
        assertThat(badLimits.status()).isEqualTo(400);
        assertThat(badLimits.errorFields()).containsExactlyInAnyOrder("limits.maxCpuPercent", "limits.maxDisk");
        assertThat(admin.put("/executor/admission", "{\"maxCpuPercent\":500,\"minFreeDiskMb\":-1}").errorFields())
                .containsExactlyInAnyOrder("maxCpuPercent", "minFreeDiskMb");
        assertThat(admin.put("/executor", "{}").errorFields()).containsExactly("paused");
        assertThat(TestUsers.viewer().put("/executor", "{\"paused\":true}").status()).isEqualTo(403);
        assertThat(TestUsers.operator().put("/executor/admission", "{}").status()).isEqualTo(403);
        assertThat(ApiClient.anonymous().get("/executions").status()).isEqualTo(401);
    }

    @Test
    void aCommandThatWritesNothingSucceedsWithoutABackupPoint() {
        long job = commandJob(List.of("/bin/true"), null, 0);
        run(job, "");
        JsonObject execution = awaitFinished(job);
        assertThat(execution.getString("status")).as(execution.toString()).isEqualTo("SUCCEEDED");
        assertThat(ApiClient.admin().get("/backups?jobId=" + job).json().getJsonArray("items")).as("no point of nothing").isEmpty();
        assertThat(TestUsers.viewer().getText("/executions/" + execution.getJsonNumber("id") + "/log").body())
                .contains("the command wrote no files under", "no backup point was recorded");
    }

    @Test
    void statisticsCountWorkerSlotsAndFinishedRuns() {
        long job = commandJob(List.of("/bin/true"), null, 0);
        run(job, "");
        awaitFinished(job);
        JsonObject stats = TestUsers.viewer().get("/executor/stats").json();
        assertThat(stats.getInt("maxWorkers")).isEqualTo(4);
        assertThat(stats.getBoolean("paused")).isFalse();
        assertThat(stats.getJsonObject("finishedLast24Hours").getJsonNumber("SUCCEEDED").longValue()).isPositive();
        assertThat(stats.getJsonObject("host").getJsonNumber("availableMemoryMb").longValue()).isPositive();
        assertThat(stats.getString("node")).isNotBlank();
    }
}
