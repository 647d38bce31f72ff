package io.backupscheduler.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What docs/servers.md promises on every server the WAR deploys to (Open Liberty, WildFly, Payara): the readiness checks
 * and the application's metrics under the same names, wherever the server serves them (it.health-root,
 * it.metrics-url: WildFly moves both to its management port and has Micrometer in place of MicroProfile Metrics).
 */
class PortabilityIT {
    /** Every application series (docs/operations.md, "Metrics"), as Prometheus names them. */
    private static final List<String> METRIC_NAMES = List.of("scheduler_fires_total",
            "scheduler_fire_lateness_seconds_count", "queue_depth", "deadletters_size", "executions_running",
            "executions_finished_total", "execution_duration_seconds_count", "backup_bytes_total",
            "resource_admission_waits_total");

    @BeforeAll
    static void serverIsUp() {
        ItEnvironment.awaitReady(Duration.ofMinutes(3));
    }

    @AfterAll
    static void pauseTheExecutorAgain() {
        ItEnvironment.pauseTheExecutor();
    }

    @Test
    void readinessReportsTheApplicationsOwnChecks() throws IOException, InterruptedException {
        HttpResponse<String> ready = HttpClient.newHttpClient().send(HttpRequest.newBuilder(ItEnvironment.health("/ready"))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
        assertThat(ready.body()).contains("\"database\"", "\"batch\"", "\"target-disk\"");
    }

    @Test
    void everyApplicationMetricIsScrapeableUnderItsDocumentedName() {
        PrometheusText scrape = PrometheusText.scrape();
        assertThat(METRIC_NAMES).allSatisfy(name -> assertThat(scrape.hasName(name)).as(name).isTrue());
        assertThat(scrape.value("queue_depth", "priority", "CRITICAL", "status", "PENDING")).isNotNegative();
    }

    @Test
    void aFinishedRunCountsInTheMetrics() {
        double before = PrometheusText.scrape().value("executions_finished_total", "status", "SUCCEEDED");
        ItEnvironment.runTheExecutor();
        String name = "portable-" + UUID.randomUUID().toString().substring(0, 8);
        Path target = Path.of(System.getProperty("java.io.tmpdir"), "backup-scheduler-it", name);
        ApiClient.Reply job = ApiClient.admin().post("/jobs", "{\"name\":\"" + name + "\",\"kind\":\"COMMAND\","
                + "\"command\":[\"true\"],\"targetPath\":\"" + target + "\",\"maxRetries\":0}");
        assertThat(job.status()).as(job.toString()).isEqualTo(201);
        long jobId = job.json().getJsonNumber("id").longValue();
        ApiClient.Reply run = ApiClient.admin().post("/jobs/" + jobId + "/run", "");
        assertThat(run.status()).as(run.toString()).isEqualTo(201);

        JsonObject execution = awaitFinished(jobId);
        assertThat(execution.getString("status")).as(execution.toString()).isEqualTo("SUCCEEDED");
        // the counters move just after the run's record is final (RunCompletion announces the end last)
        PrometheusText after = PrometheusText.scrape();
        Instant deadline = Instant.now().plusSeconds(15);
        while (after.value("executions_finished_total", "status", "SUCCEEDED") < before + 1 && Instant.now().isBefore(deadline)) {
            pause(200);
            after = PrometheusText.scrape();
        }
        assertThat(after.value("executions_finished_total", "status", "SUCCEEDED")).isGreaterThanOrEqualTo(before + 1);
        assertThat(after.value("execution_duration_seconds_count", "kind", "COMMAND")).isPositive();
    }

    private static JsonObject awaitFinished(long jobId) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        List<JsonObject> seen = List.of();
        while (Instant.now().isBefore(deadline)) {
            seen = ApiClient.admin().get("/executions?jobId=" + jobId).json().getJsonArray("items")
                    .getValuesAs(JsonObject.class);
            if (!seen.isEmpty() && !seen.get(0).getString("status").equals("RUNNING")) {
                return seen.get(0);
            }
            pause(300);
        }
        throw new AssertionError("no finished run of job " + jobId + " within a minute: " + seen);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
