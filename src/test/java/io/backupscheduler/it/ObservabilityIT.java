package io.backupscheduler.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Metrics, health, alerts and logs on the real server and database: metrics appear under their documented names and
 * move when work runs; readiness goes DOWN when a target is short of disk; an alert reaches a webhook receiver and
 * an SMTP server (GreenMail) once per incident; state changes are logged per component with their ids.
 */
class ObservabilityIT {
    private static final Path WORK = Path.of(System.getProperty("java.io.tmpdir"), "backup-scheduler-it", "obs-" + UUID.randomUUID());
    private static final int SMTP_PORT = Integer.getInteger("it.smtp.port", 9183);

    @BeforeAll
    static void runTheExecutor() throws IOException {
        ItEnvironment.awaitReady(Duration.ofMinutes(3));
        Files.createDirectories(WORK);
        ItEnvironment.runTheExecutor();
    }

    @AfterAll
    static void pauseTheExecutorAgain() {
        ItEnvironment.pauseTheExecutor();
    }

    private static long job(String json) {
        ApiClient.Reply reply = ApiClient.admin().post("/jobs", json);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply.json().getJsonNumber("id").longValue();
    }

    private static long commandJob(String name, String command) {
        return job("{\"name\":\"" + name + "\",\"kind\":\"COMMAND\",\"command\":" + command + ",\"targetPath\":\""
                + WORK.resolve(name) + "\",\"maxRetries\":0}");
    }

    /** Runs the job and waits for its entry to end; returns the entry's final status. */
    private static String runAndWait(long jobId) {
        ApiClient.Reply reply = TestUsers.operator().post("/executor/runs", "{\"jobIds\":[" + jobId + "],\"wait\":25}");
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        assertThat(reply.json().getBoolean("finished")).as(reply.toString()).isTrue();
        return reply.json().getJsonArray("runs").getJsonObject(0).getString("entryStatus");
    }

    private static void await(String what, Duration timeout, BooleanSupplier done) {
        Instant deadline = Instant.now().plus(timeout);
        while (!done.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(what + " did not happen within " + timeout);
            }
            sleep(250);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static HttpResponse<String> ready() {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(ItEnvironment.health("/ready"))
                    .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static JsonObject check(HttpResponse<String> health, String name) {
        return Json.createReader(new StringReader(health.body())).readObject().getJsonArray("checks").getValuesAs(JsonObject.class)
                .stream().filter(c -> c.getString("name").equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no check " + name + " in " + health.body()));
    }

    @Test
    void everyDocumentedMetricIsThereAndMovesWhenWorkRuns() throws IOException {
        PrometheusText before = PrometheusText.scrape();
        for (String name : List.of("scheduler_fires_total", "scheduler_fire_lateness_seconds_count", "queue_depth",
                "executions_running", "executions_finished_total", "execution_duration_seconds_count", "deadletters_size",
                "backup_bytes_total", "resource_admission_waits_total")) {
            assertThat(before.hasName(name)).as(name).isTrue();
        }
        assertThat(before.value("queue_depth", "priority", "CRITICAL", "status", "READY")).isZero();
        // buckets (microprofile-config.properties), so that Prometheus can aggregate the distributions across nodes
        assertThat(before.value("scheduler_fire_lateness_seconds_bucket", "type", "CRON", "le", "+Inf")).isNotNegative();
        assertThat(before.value("execution_duration_seconds_bucket", "kind", "DIRECTORY", "le", "+Inf")).isNotNegative();

        Path source = Files.createDirectories(WORK.resolve("metrics-source"));
        Files.write(source.resolve("data.bin"), new byte[300_000]);
        long directory = job("{\"name\":\"obs-dir-" + UUID.randomUUID().toString().substring(0, 8) + "\",\"kind\":\"DIRECTORY\","
                + "\"sourcePath\":\"" + source + "\",\"targetPath\":\"" + WORK.resolve("metrics-target") + "\",\"maxRetries\":0}");
        assertThat(runAndWait(directory)).isEqualTo("SUCCEEDED");
        long failing = commandJob("obs-fail-" + UUID.randomUUID().toString().substring(0, 8), "[\"false\"]");
        assertThat(runAndWait(failing)).isEqualTo("DEAD");
        long schedule = ApiClient.admin().post("/schedules", "{\"name\":\"obs-" + System.nanoTime() + "\",\"jobId\":" + directory
                + ",\"type\":\"CRON\",\"expression\":\"0 3 * * *\"}").json().getJsonNumber("id").longValue();
        assertThat(TestUsers.operator().post("/schedules/" + schedule + "/run", "").status()).isEqualTo(201);

        PrometheusText after = PrometheusText.scrape();
        assertThat(after.value("executions_finished_total", "status", "SUCCEEDED"))
                .isGreaterThanOrEqualTo(before.value("executions_finished_total", "status", "SUCCEEDED") + 1);
        assertThat(after.value("executions_finished_total", "status", "FAILED"))
                .isGreaterThanOrEqualTo(before.value("executions_finished_total", "status", "FAILED") + 1);
        assertThat(after.value("execution_duration_seconds_count", "kind", "DIRECTORY"))
                .isGreaterThanOrEqualTo(before.value("execution_duration_seconds_count", "kind", "DIRECTORY") + 1);
        assertThat(after.value("execution_duration_seconds_sum", "kind", "DIRECTORY"))
                .isGreaterThan(before.value("execution_duration_seconds_sum", "kind", "DIRECTORY"));
        assertThat(after.value("backup_bytes_total", "direction", "read"))
                .isGreaterThanOrEqualTo(before.value("backup_bytes_total", "direction", "read") + 300_000);
        assertThat(after.value("backup_bytes_total", "direction", "written"))
                .isGreaterThan(before.value("backup_bytes_total", "direction", "written"));
        assertThat(after.value("scheduler_fires_total", "type", "CRON", "outcome", "QUEUED"))
                .isEqualTo(before.value("scheduler_fires_total", "type", "CRON", "outcome", "QUEUED") + 1);
        assertThat(after.value("scheduler_fire_lateness_seconds_count", "type", "CRON"))
                .isEqualTo(before.value("scheduler_fire_lateness_seconds_count", "type", "CRON") + 1);
        await("deadletters_size to count the dead entry", Duration.ofSeconds(10),
                () -> PrometheusText.scrape().value("deadletters_size") >= 1);

        // the queue gauges: a CRITICAL entry held back by an admission threshold nobody meets waits READY
        double waits = after.value("resource_admission_waits_total");
        assertThat(ApiClient.admin().put("/executor/admission", "{\"minFreeMemoryMb\":100000000}").status()).isEqualTo(200);
        try {
            long held = commandJob("obs-held-" + UUID.randomUUID().toString().substring(0, 8), "[\"true\"]");
            assertThat(TestUsers.operator().post("/jobs/" + held + "/run", "{\"priority\":\"CRITICAL\"}").status()).isEqualTo(201);
            await("the held entry to show in queue_depth and resource_admission_waits_total", Duration.ofSeconds(20), () -> {
                PrometheusText now = PrometheusText.scrape();
                return now.value("queue_depth", "priority", "CRITICAL", "status", "READY") >= 1
                        && now.value("resource_admission_waits_total") > waits;
            });
        } finally {
            assertThat(ApiClient.admin().put("/executor/admission", "{}").status()).isEqualTo(200);
        }
        await("the held entry to run once admitted", Duration.ofSeconds(30),
                () -> PrometheusText.scrape().value("queue_depth", "priority", "CRITICAL", "status", "READY") == 0);
    }

    @Test
    void readinessReportsTargetsShortOfDiskAndTheLivenessCheckStaysUp() throws IOException {
        Path target = Files.createDirectories(WORK.resolve("disk-target"));
        commandJob("obs-disk-" + UUID.randomUUID().toString().substring(0, 8), "[\"true\"]");
        HttpResponse<String> up = ready();
        assertThat(up.statusCode()).as(up.body()).isEqualTo(200);
        assertThat(check(up, "batch").getString("status")).isEqualTo("UP");
        assertThat(check(up, "database").getString("status")).isEqualTo("UP");
        assertThat(check(up, "target-disk").getString("status")).isEqualTo("UP");

        // no file system has 100 TB free: every enabled job's target is now short
        assertThat(ApiClient.admin().put("/executor/admission", "{\"minFreeDiskMb\":100000000}").status()).isEqualTo(200);
        try {
            HttpResponse<String> down = ready();
            assertThat(down.statusCode()).as(down.body()).isEqualTo(503);
            JsonObject disk = check(down, "target-disk");
            assertThat(disk.getString("status")).isEqualTo("DOWN");
            assertThat(disk.getJsonObject("data").toString()).contains("MB free").contains("minFreeMb");
            assertThat(check(down, "database").getString("status")).isEqualTo("UP");
        } finally {
            assertThat(ApiClient.admin().put("/executor/admission", "{}").status()).isEqualTo(200);
        }
        assertThat(ready().statusCode()).isEqualTo(200);
        assertThat(Files.isDirectory(target)).isTrue();
    }

    @Test
    void anAlertReachesItsWebhookAndMailboxOncePerIncident() throws Exception {
        GreenMail mail = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        try (WebhookReceiver hook = new WebhookReceiver(1)) { // the first call is refused: it must be retried
            String jobName = "obs-alert-" + UUID.randomUUID().toString().substring(0, 8);
            long job = commandJob(jobName, "[\"sh\",\"-c\",\"echo disk on fire >&2; exit 3\"]");
            String ruleName = "dead " + jobName;
            ApiClient.Reply created = TestUsers.operator().post("/alerts/rules", "{\"name\":\"" + ruleName + "\",\"type\":\"DEAD_LETTERED\","
                    + "\"jobId\":" + job + ",\"webhookUrl\":\"" + hook.url() + "\",\"emailTo\":[\"ops@example.com\"],\"notifyResolved\":true}");
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            long rule = created.json().getJsonNumber("id").longValue();
            // history-only rules of the other types on the same job: each must evaluate on PostgreSQL
            List<Long> others = new java.util.ArrayList<>();
            for (String type : List.of("CONSECUTIVE_FAILURES", "SLOW_RUN", "MISSED_FIRE", "LOW_DISK")) {
                ApiClient.Reply other = TestUsers.operator().post("/alerts/rules", "{\"name\":\"" + type + " " + jobName
                        + "\",\"type\":\"" + type + "\",\"jobId\":" + job
                        + (type.equals("CONSECUTIVE_FAILURES") ? ",\"threshold\":1" : "") + "}");
                assertThat(other.status()).as(other.toString()).isEqualTo(201);
                others.add(other.json().getJsonNumber("id").longValue());
            }

            assertThat(runAndWait(job)).isEqualTo("DEAD");
            await("the one-failure rule to open its incident", Duration.ofSeconds(20),
                    () -> TestUsers.viewer().get("/alerts?ruleId=" + others.get(0) + "&open=true").json().getInt("total") == 1);
            List<WebhookReceiver.Call> delivered = hook.awaitDelivered(1, Duration.ofSeconds(30));
            assertThat(mail.waitForIncomingEmail(30_000, 1)).isTrue();
            JsonObject firing = Json.createReader(new StringReader(delivered.get(0).body())).readObject();
            assertThat(firing.getString("state")).isEqualTo("FIRING");
            assertThat(firing.getJsonObject("rule").getString("name")).isEqualTo(ruleName);
            assertThat(firing.getString("subject")).isEqualTo("job:" + job);
            assertThat(firing.getString("message")).contains("'" + jobName + "' has 1 entry in the dead-letter queue");
            assertThat(hook.calls()).as("refused once, then delivered").hasSize(2)
                    .extracting(WebhookReceiver.Call::alertHeader).containsOnly(firing.getJsonNumber("alertId") + "-FIRING");

            // the condition stays true (a second dead letter): nothing more is sent
            assertThat(runAndWait(job)).isEqualTo("DEAD");
            sleep(4000); // four evaluation passes
            assertThat(hook.delivered()).hasSize(1);
            assertThat(mail.getReceivedMessages()).hasSize(1);
            MimeMessage message = mail.getReceivedMessages()[0];
            assertThat(message.getSubject()).contains("ALERT").contains(ruleName);
            assertThat(message.getAllRecipients()[0].toString()).isEqualTo("ops@example.com");
            assertThat((String) message.getContent()).as("written when the incident opened")
                    .contains("has 1 entry in the dead-letter queue").doesNotContain("Resolved");

            JsonObject incidents = TestUsers.viewer().get("/alerts?ruleId=" + rule).json();
            assertThat(incidents.getInt("total")).isEqualTo(1);
            JsonObject incident = incidents.getJsonArray("items").getJsonObject(0);
            assertThat(incident.getBoolean("open")).isTrue();
            assertThat(incident.getJsonArray("deliveries").getValuesAs(JsonObject.class))
                    .extracting(d -> d.getString("channel") + " " + d.getString("status") + " " + d.getInt("attempts"))
                    .containsExactlyInAnyOrder("WEBHOOK SENT 2", "EMAIL SENT 1");

            // the dead letters go: the incident is resolved, and that is said once
            for (JsonObject dead : ApiClient.admin().get("/dead-letters?size=100").json().getJsonArray("items")
                    .getValuesAs(JsonObject.class)) {
                if (dead.getJsonNumber("jobId").longValue() == job) {
                    assertThat(TestUsers.operator().delete("/dead-letters/" + dead.getJsonNumber("id")).status()).isEqualTo(204);
                }
            }
            hook.awaitDelivered(2, Duration.ofSeconds(30));
            assertThat(mail.waitForIncomingEmail(30_000, 2)).isTrue();
            JsonObject resolved = Json.createReader(new StringReader(hook.delivered().get(1).body())).readObject();
            assertThat(resolved.getString("state")).isEqualTo("RESOLVED");
            assertThat(resolved.getString("resolvedAt")).isNotBlank();

            // a new dead letter is a new incident
            assertThat(runAndWait(job)).isEqualTo("DEAD");
            hook.awaitDelivered(3, Duration.ofSeconds(30));
            assertThat(mail.waitForIncomingEmail(30_000, 3)).isTrue();
            JsonObject second = Json.createReader(new StringReader(hook.delivered().get(2).body())).readObject();
            assertThat(second.getString("state")).isEqualTo("FIRING");
            assertThat(second.getJsonNumber("alertId").longValue()).isNotEqualTo(firing.getJsonNumber("alertId").longValue());
            sleep(3000);
            assertThat(hook.delivered()).hasSize(3);
            assertThat(mail.getReceivedMessages()).hasSize(3);
            assertThat(TestUsers.viewer().get("/alerts?ruleId=" + rule + "&open=true").json().getInt("total")).isEqualTo(1);

            // the run, its retry decision and the alert are logged by component, with their ids
            String log = Files.readString(Path.of(System.getProperty("it.liberty.logs"), "messages.log"));
            assertThat(log).containsPattern("io\\.backupscheduler\\.queue\\.JobQueue +E queue entry \\d+ \\(job " + job + "\\) DEAD");
            assertThat(log).containsPattern("io\\.backupscheduler\\.execution\\.RunCompletion +E execution \\d+ of job " + job
                    + " '" + jobName + "' \\(queue entry \\d+\\) ended FAILED");
            assertThat(log).containsPattern("io\\.backupscheduler\\.execution\\.Dispatcher +I execution \\d+ of job " + job
                    + " '" + jobName + "' \\(queue entry \\d+, attempt 1\\) starting");
            assertThat(log).containsPattern("io\\.backupscheduler\\.alert\\.AlertNotifier +W alert \\d+ FIRING by WEBHOOK failed"
                    + " \\(attempt 1 of 5\\)");
            for (long other : others) {
                assertThat(log).doesNotContain("alert rule " + other + " could not be evaluated");
                assertThat(TestUsers.operator().delete("/alerts/rules/" + other).status()).isEqualTo(204);
            }
        } finally {
            mail.stop();
        }
    }

    @Test
    void badAlertRulesAreRefusedFieldByFieldAndViewersOnlyRead() {
        ApiClient.Reply bad = TestUsers.operator().post("/alerts/rules", "{\"name\":\"\",\"type\":\"SLOW_RUN\",\"threshold\":0.5,"
                + "\"webhookUrl\":\"file:///etc/passwd\",\"emailTo\":[\"not an address\"],\"jobId\":999999999}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("\"field\":\"name\"").contains("\"field\":\"threshold\"").contains("\"field\":\"webhookUrl\"")
                .contains("\"field\":\"emailTo[0]\"").contains("\"field\":\"jobId\"");
        assertThat(TestUsers.operator().post("/alerts/rules", "{\"name\":\"t\",\"type\":\"SOMETIMES\"}").body())
                .contains("\"field\":\"type\"");
        assertThat(TestUsers.operator().post("/alerts/rules", "{\"name\":\"t\",\"type\":\"MISSED_FIRE\",\"threshold\":3}").body())
                .contains("MISSED_FIRE takes no threshold");
        assertThat(TestUsers.viewer().post("/alerts/rules", "{\"name\":\"v\",\"type\":\"MISSED_FIRE\"}").status()).isEqualTo(403);
        assertThat(TestUsers.viewer().get("/alerts/rules").status()).isEqualTo(200);
        assertThat(TestUsers.viewer().get("/alerts/rules/999999999").status()).isEqualTo(404);

        String name = "disk " + UUID.randomUUID().toString().substring(0, 8);
        JsonObject rule = TestUsers.operator().post("/alerts/rules", "{\"name\":\"" + name + "\",\"type\":\"LOW_DISK\"}").json();
        assertThat(rule.getJsonNumber("threshold").doubleValue()).as("the default").isEqualTo(10.0);
        long id = rule.getJsonNumber("id").longValue();
        assertThat(TestUsers.operator().post("/alerts/rules", "{\"name\":\"" + name.toUpperCase() + "\",\"type\":\"LOW_DISK\"}").status())
                .as("names are unique regardless of case").isEqualTo(409);
        assertThat(TestUsers.operator().put("/alerts/rules/" + id, "{\"name\":\"" + name + "\",\"type\":\"LOW_DISK\",\"threshold\":5,"
                + "\"version\":" + (rule.getJsonNumber("version").longValue() + 1) + "}").status()).as("stale version").isEqualTo(409);
        JsonObject updated = TestUsers.operator().put("/alerts/rules/" + id, "{\"name\":\"" + name + "\",\"type\":\"LOW_DISK\","
                + "\"threshold\":5,\"enabled\":false,\"version\":" + rule.getJsonNumber("version") + "}").json();
        assertThat(updated.getJsonNumber("threshold").doubleValue()).isEqualTo(5.0);
        assertThat(updated.getBoolean("enabled")).isFalse();
        assertThat(TestUsers.operator().delete("/alerts/rules/" + id).status()).isEqualTo(204);
        assertThat(TestUsers.viewer().get("/alerts/rules/" + id).status()).isEqualTo(404);
    }
}
