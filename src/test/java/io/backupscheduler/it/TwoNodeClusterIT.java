package io.backupscheduler.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two nodes on one PostgreSQL database (the reduced run of docs/reliability.md): a second Liberty server is made
 * from the integration-test server's configuration with its own port and node id, and both take work from the same
 * queue and fire the same schedules. Every queue entry and every fire must run exactly once, on either node.
 * Runs with the restart tests, after every other suite.
 */
class TwoNodeClusterIT {
    private static final String SERVER_SCRIPT = System.getProperty("it.liberty.server.script", "target/liberty/wlp/bin/server");
    private static final String FIRST = System.getProperty("it.liberty.server.name", "backupSchedulerIT");
    private static final String SECOND = FIRST + "Node2";
    private static final int SECOND_PORT = Integer.getInteger("it.node2.port", 9184);
    private static final int ENTRIES = Integer.getInteger("it.cluster.entries", 400);
    private static final int SCHEDULES = Integer.getInteger("it.cluster.schedules", 50);
    private static final Path WORK = Path.of(System.getProperty("java.io.tmpdir"), "backup-scheduler-it", "cluster-" + UUID.randomUUID());

    private static Path servers() {
        return Path.of(SERVER_SCRIPT).getParent().getParent().resolve("usr/servers");
    }

    @BeforeAll
    static void startTheSecondNode() throws Exception {
        ItEnvironment.awaitReady(Duration.ofMinutes(3));
        Path from = servers().resolve(FIRST);
        Path to = servers().resolve(SECOND);
        copyConfiguration(from, to);
        String bootstrap = Files.readString(to.resolve("bootstrap.properties"))
                .replaceAll("(?m)^http\\.port=.*$", "http.port=" + SECOND_PORT);
        Files.writeString(to.resolve("bootstrap.properties"), bootstrap + "\nbackup.node.id=it-node-2\n");
        liberty("start", SECOND);
        awaitReady("http://localhost:" + SECOND_PORT + "/health/ready", Duration.ofMinutes(4));
    }

    @AfterAll
    static void stopTheSecondNode() throws Exception {
        try {
            liberty("stop", SECOND);
        } finally {
            ItEnvironment.pauseTheExecutor();
        }
    }

    /** The server's configuration and libraries, not its logs, state or data. */
    private static void copyConfiguration(Path from, Path to) throws IOException {
        List<String> skipped = List.of("logs", "workarea", "tranlog", "data");
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path relative = from.relativize(file);
                if (relative.getNameCount() > 0 && skipped.contains(relative.getName(0).toString())) {
                    continue;
                }
                Path target = to.resolve(relative.toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void liberty(String action, String server) throws Exception {
        Process process = new ProcessBuilder(SERVER_SCRIPT, action, server).redirectErrorStream(true)
                .redirectOutput(new File("target/liberty-" + server + "-" + action + ".log")).start();
        assertThat(process.waitFor(3, TimeUnit.MINUTES)).as("server %s %s finished in time", action, server).isTrue();
        assertThat(process.exitValue()).as("server %s %s exit code", action, server).isZero();
    }

    private static void awaitReady(String url, Duration timeout) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(timeout);
        String last = "no answer";
        while (Instant.now().isBefore(deadline)) {
            try {
                HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return;
                }
                last = health.statusCode() + " " + health.body();
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(1000);
        }
        throw new AssertionError(url + " did not become ready: " + last);
    }

    private static long count(String sql) {
        return Long.parseLong(ItDatabase.queryString(sql));
    }

    @Test
    void everyEntryAndEveryFireRunsExactlyOnceOnOneOfTwoNodes() throws Exception {
        assertThat(ApiClient.admin().delete("/queue?force=true").status()).isEqualTo(200);
        assertThat(ApiClient.admin().put("/executor", "{\"paused\":true}").status()).isEqualTo(200);
        String name = "cluster-" + UUID.randomUUID().toString().substring(0, 8);
        long job = ApiClient.admin().post("/jobs", "{\"name\":\"" + name + "\",\"kind\":\"COMMAND\",\"command\":[\"true\"],"
                + "\"targetPath\":\"" + WORK.resolve(name) + "\",\"maxRetries\":0}").json().getJsonNumber("id").longValue();
        for (int i = 0; i < ENTRIES; i++) {
            ApiClient.Reply queued = ApiClient.admin().post("/queue", "{\"jobId\":" + job + "}");
            assertThat(queued.status()).as(queued.toString()).isEqualTo(201);
        }
        // schedules firing every minute, on the same job: both nodes look for due schedules
        List<Long> schedules = new ArrayList<>();
        for (int i = 0; i < SCHEDULES; i++) {
            ApiClient.Reply created = ApiClient.admin().post("/schedules", "{\"name\":\"" + name + "-" + i + "\",\"jobId\":" + job
                    + ",\"type\":\"CRON\",\"expression\":\"* * * * *\",\"overlapPolicy\":\"ALLOW\"}");
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            schedules.add(created.json().getJsonNumber("id").longValue());
        }
        String scheduleIds = schedules.stream().map(String::valueOf).collect(Collectors.joining(","));
        Instant started = Instant.now();
        assertThat(ApiClient.admin().put("/executor", "{\"paused\":false}").status()).isEqualTo(200);

        // two whole minutes of fires, then the schedules stop and the queue drains
        Instant firstMinute = started.truncatedTo(java.time.temporal.ChronoUnit.MINUTES).plusSeconds(60);
        Instant lastMinute = firstMinute.plusSeconds(60);
        while (Instant.now().isBefore(lastMinute.plusSeconds(5))) {
            Thread.sleep(1000);
        }
        for (long schedule : schedules) {
            assertThat(ApiClient.admin().post("/schedules/" + schedule + "/pause", "").status()).isEqualTo(200);
        }
        Instant deadline = Instant.now().plus(Duration.ofMinutes(4));
        long open = -1;
        while (Instant.now().isBefore(deadline)) {
            open = count("select count(*) from queue_entry where job_id = " + job + " and status not in ('SUCCEEDED', 'DEAD', 'CANCELLED')");
            if (open == 0) {
                break;
            }
            Thread.sleep(1000);
        }
        assertThat(open).as("entries still open").isZero();
        String seconds = Duration.between(started, Instant.now()).toSeconds() + " s";

        long entries = count("select count(*) from queue_entry where job_id = " + job);
        long succeeded = count("select count(*) from queue_entry where job_id = " + job + " and status = 'SUCCEEDED'");
        long executions = count("select count(*) from execution where job_id = " + job);
        long twice = count("select count(*) from (select queue_entry_id from execution where job_id = " + job
                + " group by queue_entry_id having count(*) > 1) t");
        long nodes = count("select count(distinct node) from execution where job_id = " + job);
        long onSecond = count("select count(*) from execution where job_id = " + job + " and node = 'it-node-2'");
        long duplicateFires = count("select count(*) from (select schedule_id, due_at from schedule_fire where schedule_id in ("
                + scheduleIds + ") group by schedule_id, due_at having count(*) > 1) t");
        long firesInWholeMinutes = count("select count(*) from schedule_fire where schedule_id in (" + scheduleIds
                + ") and outcome = 'QUEUED' and due_at in ('" + firstMinute + "', '" + lastMinute + "')");
        long firesPerSecondNode = count("select count(*) from schedule_fire where schedule_id in (" + scheduleIds + ") and node = 'it-node-2'");
        System.out.printf("cluster: %d entries (%d queued by hand, %d by fires), %d executions, %d on it-node-2, %d fires by"
                + " it-node-2, drained in %s%n", entries, ENTRIES, entries - ENTRIES, executions, onSecond, firesPerSecondNode, seconds);

        assertThat(ApiClient.admin().get("/nodes").jsonArray().getValuesAs(jakarta.json.JsonObject.class))
                .as("both nodes report heartbeats").filteredOn(n -> n.getString("state").equals("ALIVE"))
                .extracting(n -> n.getString("id")).contains("it-node-2").hasSizeGreaterThanOrEqualTo(2);
        assertThat(succeeded).as("every entry succeeded").isEqualTo(entries);
        assertThat(executions).as("one execution per entry").isEqualTo(entries);
        assertThat(twice).as("entries run twice").isZero();
        assertThat(nodes).as("both nodes ran work").isEqualTo(2);
        assertThat(duplicateFires).as("fires recorded twice").isZero();
        assertThat(firesInWholeMinutes).as("each schedule fired once in each whole minute").isEqualTo(2L * SCHEDULES);
        assertThat(entries).as("hand-queued entries plus one per fire")
                .isEqualTo(ENTRIES + count("select count(*) from schedule_fire where schedule_id in (" + scheduleIds
                        + ") and outcome = 'QUEUED'"));
    }
}
