package io.backupscheduler.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
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
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two nodes on one PostgreSQL database (the reduced runs of docs/reliability.md): a second Liberty server is made
 * from the integration-test server's configuration with its own port, node id and a short lease, and both take work
 * from the same queue and fire the same schedules. Every queue entry and every fire must run exactly once, on either
 * node; when the second node is killed ({@code kill -9}) the first takes its work over within the lease, and nothing
 * runs twice at once. Runs with the restart tests, after every other suite.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoNodeClusterIT {
    private static final String SERVER_SCRIPT = System.getProperty("it.liberty.server.script", "target/liberty/wlp/bin/server");
    private static final String FIRST = System.getProperty("it.liberty.server.name", "backupSchedulerIT");
    private static final String SECOND = FIRST + "Node2";
    private static final int SECOND_PORT = Integer.getInteger("it.node2.port", 9184);
    private static final int ENTRIES = Integer.getInteger("it.cluster.entries", 400);
    private static final int SCHEDULES = Integer.getInteger("it.cluster.schedules", 50);
    private static final int MINUTES = Integer.getInteger("it.cluster.minutes", 2);
    /** The second node's lease: how long its work waits for another node once it dies. */
    private static final int SECOND_LEASE_SECONDS = 20;
    /** A tree to measure the resume after a kill with (docs/reliability.md); unset, the test makes small throttled ones. */
    private static final String RESUME_SOURCE = System.getProperty("it.resume.source");
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
        // a cluster's nodes share the keysets that open secrets and points: node 2 reads the first node's files
        Path data = from.resolve("data").toAbsolutePath();
        Files.writeString(to.resolve("bootstrap.properties"), bootstrap + "\nbackup.node.id=it-node-2\nbackup.node.labels=host=b\n"
                + "backup.executor.lease-seconds=" + SECOND_LEASE_SECONDS + "\n"
                // every disk is low for it-node-2 alone: its own minute heartbeat says so with a low-disk event
                + "backup.events.low-disk-percent=100\n"
                + "backup.secrets.keyset-file=" + data.resolve("secrets-keyset.json") + "\n"
                + "backup.encryption.keyset-file=" + data.resolve("point-keyset.json") + "\n");
        liberty("start", SECOND);
        awaitReady("http://localhost:" + SECOND_PORT + "/health/ready", Duration.ofMinutes(4));
    }

    @AfterAll
    static void stopTheSecondNode() throws Exception {
        try {
            // after a failed crash test the node may be dead already: stopping it then fails, which is no news
            new ProcessBuilder(SERVER_SCRIPT, "stop", SECOND).redirectErrorStream(true)
                    .redirectOutput(new File("target/liberty-" + SECOND + "-stop.log")).start().waitFor(3, TimeUnit.MINUTES);
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

    private static boolean answers(String url) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A reply must have this status; when it has not, the failure shows what the server said. */
    private static void expect(int status, ApiClient.Reply reply) {
        assertThat(reply.status()).as("%s", reply).isEqualTo(status);
    }

    private static long count(String sql) {
        return Long.parseLong(ItDatabase.queryString(sql));
    }

    /** Polls a count every half second until it is zero or the time is up; returns the last count. */
    private static long countWhenZeroOrAfter(Duration within, String sql) throws InterruptedException {
        Instant deadline = Instant.now().plus(within);
        long last = count(sql);
        while (last > 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
            last = count(sql);
        }
        return last;
    }

    @Test
    @Order(1)
    void everyEntryAndEveryFireRunsExactlyOnceOnOneOfTwoNodes() throws Exception {
        emptyQueueWithTheExecutorPaused();
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
        // each node wakes itself every minute and looks at its own disks: it-node-2 raises low-disk for this job's target
        String disk = name + "-disk";
        long diskJob = ApiClient.admin().post("/jobs", "{\"name\":\"" + disk + "\",\"kind\":\"COMMAND\",\"command\":[\"true\"],"
                + "\"targetPath\":\"" + WORK.resolve(disk) + "\",\"maxRetries\":0}").json().getJsonNumber("id").longValue();
        ApiClient.Reply onLowDisk = ApiClient.admin().post("/schedules", "{\"name\":\"" + disk + "\",\"jobId\":" + diskJob
                + ",\"type\":\"EVENT\",\"eventType\":\"SYSTEM\",\"eventSource\":\"low-disk:" + disk + "\",\"overlapPolicy\":\"ALLOW\"}");
        expect(201, onLowDisk);
        long lowDiskSchedule = onLowDisk.json().getJsonNumber("id").longValue();
        Instant started = Instant.now();
        expect(200, ApiClient.admin().put("/executor", "{\"paused\":false}"));

        // whole minutes of fires, then the schedules stop and the queue drains
        Instant firstMinute = started.truncatedTo(java.time.temporal.ChronoUnit.MINUTES).plusSeconds(60);
        Instant lastMinute = firstMinute.plusSeconds(60L * (MINUTES - 1));
        while (Instant.now().isBefore(lastMinute.plusSeconds(5))) {
            Thread.sleep(1000);
        }
        for (long schedule : schedules) {
            expect(200, ApiClient.admin().post("/schedules/" + schedule + "/pause", ""));
        }
        // two minutes have begun since the schedule was made: a heartbeat of it-node-2 has looked at the disks
        Instant heartbeatDeadline = Instant.now().plusSeconds(30);
        String lowDiskFires = "select count(*) from schedule_fire where schedule_id = " + lowDiskSchedule + " and node = 'it-node-2'";
        while (count(lowDiskFires) == 0 && Instant.now().isBefore(heartbeatDeadline)) {
            Thread.sleep(500);
        }
        long lowDiskByNode2 = count(lowDiskFires);
        expect(200, ApiClient.admin().post("/schedules/" + lowDiskSchedule + "/pause", ""));
        // the reduced run drains in under two minutes; a full-size one needs about 0.2 s a run on this kind of machine
        Duration drain = Duration.ofMinutes(4).plusMillis(250L * (ENTRIES + (long) SCHEDULES * MINUTES));
        assertThat(countWhenZeroOrAfter(drain, "select count(*) from queue_entry where job_id = " + job
                + " and status not in ('SUCCEEDED', 'DEAD', 'CANCELLED')")).as("entries still open").isZero();
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
                + ") and outcome = 'QUEUED' and due_at between '" + firstMinute + "' and '" + lastMinute + "'"
                + " and extract(second from due_at) = 0");
        long firesPerSecondNode = count("select count(*) from schedule_fire where schedule_id in (" + scheduleIds + ") and node = 'it-node-2'");
        System.out.printf("cluster: %d entries (%d queued by hand, %d by fires), %d executions, %d on it-node-2, %d fires by"
                + " it-node-2, drained in %s%n", entries, ENTRIES, entries - ENTRIES, executions, onSecond, firesPerSecondNode, seconds);

        assertThat(lowDiskByNode2).as("low-disk events raised by it-node-2's own heartbeat").isEqualTo(1);
        assertThat(ApiClient.admin().get("/nodes").jsonArray().getValuesAs(jakarta.json.JsonObject.class))
                .as("both nodes report heartbeats").filteredOn(n -> n.getString("state").equals("ALIVE"))
                .extracting(n -> n.getString("id")).contains("it-node-2").hasSizeGreaterThanOrEqualTo(2);
        assertThat(succeeded).as("every entry succeeded").isEqualTo(entries);
        assertThat(executions).as("one execution per entry").isEqualTo(entries);
        assertThat(twice).as("entries run twice").isZero();
        assertThat(nodes).as("both nodes ran work").isEqualTo(2);
        assertThat(duplicateFires).as("fires recorded twice").isZero();
        assertThat(firesInWholeMinutes).as("each schedule fired once in each whole minute").isEqualTo((long) MINUTES * SCHEDULES);
        assertThat(entries).as("hand-queued entries plus one per fire")
                .isEqualTo(ENTRIES + count("select count(*) from schedule_fire where schedule_id in (" + scheduleIds
                        + ") and outcome = 'QUEUED'"));
    }

    @Test
    @Order(2)
    void aKilledNodesWorkIsTakenOverWithinItsLeaseNeverRunsTwiceAtOnceAndTheNodeRejoins() throws Exception {
        // setup, not the behaviour under test: one CI run had this clear refused (409) right after the first test's
        // drain, not seen since; it is tried once more, and what the server said is printed
        ApiClient.Reply cleared = ApiClient.admin().delete("/queue?force=true");
        if (cleared.status() == 409) {
            System.out.println("crash: the queue clear was refused, trying once more: " + cleared);
            Thread.sleep(2000);
            cleared = ApiClient.admin().delete("/queue?force=true");
        }
        expect(200, cleared);
        expect(200, ApiClient.admin().put("/executor", "{\"paused\":true}"));
        String name = "crash-" + UUID.randomUUID().toString().substring(0, 8);
        Path marks = WORK.resolve(name + ".marks");
        Files.createDirectories(WORK);
        // each run writes a mark a second while its command lives: the marks show when each process really ran
        String ticking = "i=0; while [ $i -lt 15 ]; do echo \\\"$BACKUP_EXECUTION_ID $(date +%s%3N)\\\" >> " + marks
                + "; i=$((i+1)); sleep 1; done";
        long job = ApiClient.admin().post("/jobs", "{\"name\":\"" + name + "\",\"kind\":\"COMMAND\",\"command\":[\"/bin/sh\",\"-c\",\""
                + ticking + "\"],\"targetPath\":\"" + WORK.resolve(name) + "\",\"maxRetries\":2}").json().getJsonNumber("id").longValue();
        for (int i = 0; i < 6; i++) {
            expect(201, ApiClient.admin().post("/queue", "{\"jobId\":" + job + "}"));
        }
        long pid = secondNode().getJsonNumber("pid").longValue();
        expect(200, ApiClient.admin().put("/executor", "{\"paused\":false}"));

        // the second node must be running work, and its commands ticking, when it is killed
        Instant deadline = Instant.now().plusSeconds(60);
        List<Long> victims = List.of();
        while (Instant.now().isBefore(deadline)) {
            victims = ids("select id from queue_entry where job_id = " + job + " and status = 'RUNNING' and lease_owner = 'it-node-2'");
            List<Long> itsRuns = ids("select id from execution where job_id = " + job + " and node = 'it-node-2'");
            if (!victims.isEmpty() && !itsRuns.isEmpty() && Files.exists(marks) && itsRuns.stream().allMatch(run ->
                    marks(marks).getOrDefault(run, List.of()).size() >= 2)) {
                break;
            }
            Thread.sleep(200);
        }
        assertThat(victims).as("entries running on it-node-2 before the kill").isNotEmpty();
        ProcessHandle node2 = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("no process " + pid + " for it-node-2"));
        node2.destroyForcibly(); // SIGKILL: no shutdown, no hand-back, the leases simply stop being renewed
        Instant killed = Instant.now();
        node2.onExit().get(30, TimeUnit.SECONDS);

        assertThat(countWhenZeroOrAfter(Duration.ofMinutes(3), "select count(*) from queue_entry where job_id = " + job
                + " and status <> 'SUCCEEDED'")).as("entries not succeeded 3 minutes after the kill").isZero();

        // the leases of the killed node were taken back within the lease time, and the entries ran again
        String victimIds = victims.stream().map(String::valueOf).collect(Collectors.joining(","));
        long slowestReclaim = count("select coalesce(max(extract(epoch from finished_at - timestamptz '" + killed + "') * 1000), -1)::bigint"
                + " from queue_attempt where entry_id in (" + victimIds + ") and node = 'it-node-2'");
        long reclaimed = count("select count(*) from queue_attempt where entry_id in (" + victimIds + ") and node = 'it-node-2'"
                + " and error like 'lease of it-node-2 expired%'");
        long slowestRerun = count("select max(extract(epoch from e.started_at - timestamptz '" + killed + "') * 1000)::bigint"
                + " from execution e where e.queue_entry_id in (" + victimIds + ") and e.node <> 'it-node-2'");
        long succeededOnce = count("select count(*) from (select queue_entry_id from execution where job_id = " + job
                + " and status = 'SUCCEEDED' group by queue_entry_id having count(*) = 1) t");
        long stillRunning = count("select count(*) from execution where job_id = " + job + " and status = 'RUNNING'");
        long closedOnSecond = count("select count(*) from execution where job_id = " + job + " and node = 'it-node-2'"
                + " and status = 'FAILED' and error like 'its node it-node-2 stopped while it ran%'");
        long overlappingRecords = count("select count(*) from execution a join execution b on a.queue_entry_id = b.queue_entry_id"
                + " and a.id <> b.id where a.job_id = " + job + " and a.started_at <= b.started_at and a.finished_at > b.started_at");

        // the processes: a killed node's commands stop with it, and no entry's commands ever overlap
        Map<Long, List<Long>> ticks = marks(marks);
        Map<Long, Long> entryOf = new java.util.HashMap<>();
        for (String row : ItDatabase.queryString("select string_agg(id || ':' || queue_entry_id, ',') from execution where job_id = "
                + job).split(",")) {
            entryOf.put(Long.parseLong(row.split(":")[0]), Long.parseLong(row.split(":")[1]));
        }
        List<Long> secondNodeRuns = ids("select id from execution where job_id = " + job + " and node = 'it-node-2'");
        long latestTickAfterKill = secondNodeRuns.stream().map(run -> ticks.getOrDefault(run, List.of(0L)))
                .mapToLong(list -> list.get(list.size() - 1) - killed.toEpochMilli()).max().orElse(-1);
        List<String> overlaps = new ArrayList<>();
        for (var a : ticks.entrySet()) {
            for (var b : ticks.entrySet()) {
                long runA = a.getKey();
                long runB = b.getKey();
                if (runA < runB && entryOf.get(runA).equals(entryOf.get(runB))
                        && a.getValue().get(0) <= b.getValue().get(b.getValue().size() - 1)
                        && b.getValue().get(0) <= a.getValue().get(a.getValue().size() - 1)) {
                    overlaps.add(runA + " and " + runB + " of entry " + entryOf.get(runA));
                }
            }
        }
        System.out.printf("crash: %d entries running on it-node-2 when killed; leases taken back %d ms after the kill at the"
                        + " latest (lease %d s); re-runs started %d ms after it at the latest; the killed node's last mark %d ms"
                        + " after the kill%n", victims.size(), slowestReclaim, SECOND_LEASE_SECONDS, slowestRerun, latestTickAfterKill);

        assertThat(reclaimed).as("attempts of it-node-2 ended by lease expiry").isEqualTo(victims.size());
        assertThat(slowestReclaim).as("lease taken back within the lease (+ 3 s for the reclaim pass and the clock)")
                .isBetween(0L, SECOND_LEASE_SECONDS * 1000L + 3000);
        assertThat(succeededOnce).as("entries that succeeded exactly once").isEqualTo(6);
        assertThat(stillRunning).as("records left RUNNING").isZero();
        assertThat(closedOnSecond).as("records of the killed node closed as FAILED").isEqualTo(victims.size());
        assertThat(overlappingRecords).as("records of one entry overlapping in time").isZero();
        assertThat(latestTickAfterKill).as("ms the killed node's commands went on ticking").isLessThan(1500);
        assertThat(overlaps).as("runs of one entry whose processes overlapped").isEmpty();

        // the killed node starts again and takes work again
        liberty("start", SECOND);
        awaitReady("http://localhost:" + SECOND_PORT + "/health/ready", Duration.ofMinutes(4));
        JsonObject again = secondNode();
        assertThat(again.getString("state")).isEqualTo("ALIVE");
        assertThat(again.getJsonNumber("pid").longValue()).as("a new process").isNotEqualTo(pid);
        long shortJob = ApiClient.admin().post("/jobs", "{\"name\":\"" + name + "-after\",\"kind\":\"COMMAND\",\"command\":[\"sleep\",\"2\"],"
                + "\"targetPath\":\"" + WORK.resolve(name + "-after") + "\",\"maxRetries\":0}").json().getJsonNumber("id").longValue();
        for (int i = 0; i < 12; i++) {
            expect(201, ApiClient.admin().post("/queue", "{\"jobId\":" + shortJob + "}"));
        }
        countWhenZeroOrAfter(Duration.ofMinutes(2), "select count(*) from queue_entry where job_id = " + shortJob
                + " and status <> 'SUCCEEDED'");
        assertThat(count("select count(*) from queue_entry where job_id = " + shortJob + " and status = 'SUCCEEDED'")).isEqualTo(12);
        assertThat(count("select count(*) from execution where job_id = " + shortJob + " and node = 'it-node-2'"))
                .as("runs taken by the restarted node").isPositive();
    }

    @Test
    @Order(3)
    void jobsPlacedOnALabelRunOnlyOnNodesThatHaveItAndOneNoNodeHasWaitsSayingWhy() throws Exception {
        emptyQueueWithTheExecutorPaused();
        String name = "placed-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Long> jobs = new java.util.TreeMap<>();
        for (String host : List.of("a", "b", "c")) { // the first node is host=a, it-node-2 host=b, no node is host=c
            ApiClient.Reply created = ApiClient.admin().post("/jobs", "{\"name\":\"" + name + "-" + host + "\",\"kind\":\"COMMAND\","
                    + "\"command\":[\"true\"],\"targetPath\":\"" + WORK.resolve(name) + "\",\"maxRetries\":0,\"placement\":[\"host=" + host + "\"]}");
            expect(201, created);
            assertThat(created.json().getJsonArray("placement").getString(0)).isEqualTo("host=" + host);
            jobs.put(host, created.json().getJsonNumber("id").longValue());
        }
        for (int i = 0; i < 8; i++) {
            expect(201, ApiClient.admin().post("/queue", "{\"jobId\":" + jobs.get("a") + "}"));
            expect(201, ApiClient.admin().post("/queue", "{\"jobId\":" + jobs.get("b") + "}"));
        }
        ApiClient.Reply rule = TestUsers.operator().post("/alerts/rules", "{\"name\":\"waits " + name + "\",\"type\":\"RUN_WAITING\","
                + "\"threshold\":0.05,\"jobId\":" + jobs.get("c") + "}"); // three seconds
        expect(201, rule);
        long nowhere = ApiClient.admin().post("/queue", "{\"jobId\":" + jobs.get("c") + "}").json().getJsonNumber("id").longValue();
        expect(200, ApiClient.admin().put("/executor", "{\"paused\":false}"));

        String placed = jobs.get("a") + "," + jobs.get("b");
        assertThat(countWhenZeroOrAfter(Duration.ofMinutes(2), "select count(*) from queue_entry where job_id in (" + placed + ")"
                + " and status <> 'SUCCEEDED'")).as("entries of the jobs placed on a live node's label not yet run").isZero();
        assertThat(count("select count(*) from execution where job_id = " + jobs.get("a") + " and node = 'it-node-2'"))
                .as("runs of the job placed on host=a that it-node-2 (host=b) took").isZero();
        assertThat(count("select count(*) from execution where job_id = " + jobs.get("b") + " and node <> 'it-node-2'"))
                .as("runs of the job placed on host=b that the first node (host=a) took").isZero();
        assertThat(count("select count(*) from execution where job_id in (" + placed + ")")).isEqualTo(16);

        JsonObject waiting = ApiClient.admin().get("/queue/" + nowhere).json();
        assertThat(waiting.getString("status")).as("a run placed where no node is").isEqualTo("READY");
        assertThat(waiting.getString("waitingFor")).isEqualTo("waits for a node with host=c: no live node has it (backup.node.labels)");
        assertThat(ApiClient.admin().get("/queue?status=READY").json().getJsonArray("items").getValuesAs(JsonObject.class))
                .filteredOn(e -> e.getJsonNumber("id").longValue() == nowhere).extracting(e -> e.getString("waitingFor"))
                .containsExactly(waiting.getString("waitingFor"));
        assertThat(count("select count(*) from execution where job_id = " + jobs.get("c"))).isZero();
        String ruleId = rule.json().getJsonNumber("id").toString();
        Instant alertDeadline = Instant.now().plusSeconds(20);
        JsonObject alerts = TestUsers.viewer().get("/alerts?ruleId=" + ruleId + "&open=true").json();
        while (alerts.getInt("total") == 0 && Instant.now().isBefore(alertDeadline)) {
            Thread.sleep(300);
            alerts = TestUsers.viewer().get("/alerts?ruleId=" + ruleId + "&open=true").json();
        }
        assertThat(alerts.getInt("total")).as("open RUN_WAITING alerts for the job no node may run").isEqualTo(1);
        assertThat(alerts.getJsonArray("items").getJsonObject(0).toString()).contains("queue entry " + nowhere)
                .contains("it is placed on host=c");
        assertThat(ApiClient.admin().get("/nodes").jsonArray().getValuesAs(JsonObject.class))
                .filteredOn(n -> n.getString("state").equals("ALIVE"))
                .extracting(n -> n.getString("id").equals("it-node-2") ? "node 2: " + n.getJsonArray("labels") : "node 1: " + n.getJsonArray("labels"))
                .contains("node 2: [\"host=b\"]", "node 1: [\"host=a\"]");

        // drained, it-node-2 takes nothing new and its work waits saying so; undrained, it takes that work again
        assertThat(TestUsers.viewer().post("/nodes/it-node-2/drain", "").status()).isEqualTo(403);
        ApiClient.Reply drained = TestUsers.operator().post("/nodes/it-node-2/drain", "");
        expect(200, drained);
        assertThat(drained.json().getBoolean("drained")).isTrue();
        List<Long> held = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            held.add(ApiClient.admin().post("/queue", "{\"jobId\":" + jobs.get("b") + "}").json().getJsonNumber("id").longValue());
        }
        Thread.sleep(3000); // six polls of it-node-2
        String heldIds = held.stream().map(String::valueOf).collect(Collectors.joining(","));
        assertThat(count("select count(*) from execution where queue_entry_id in (" + heldIds + ")")).as("runs a drained node took").isZero();
        assertThat(ApiClient.admin().get("/queue/" + held.get(0)).json().getString("waitingFor"))
                .isEqualTo("waits for a node with host=b: the live nodes that have it are drained");
        assertThat(ApiClient.admin().get("/nodes").jsonArray().getValuesAs(JsonObject.class))
                .filteredOn(n -> n.getString("id").equals("it-node-2")).extracting(n -> n.getBoolean("drained")).containsExactly(true);
        assertThat(TestUsers.operator().post("/nodes/no-such-node/drain", "").status()).isEqualTo(404);
        expect(200, TestUsers.operator().post("/nodes/it-node-2/undrain", ""));
        assertThat(countWhenZeroOrAfter(Duration.ofMinutes(1), "select count(*) from queue_entry where id in (" + heldIds + ")"
                + " and status <> 'SUCCEEDED'")).as("held entries not run a minute after the undrain").isZero();
        assertThat(count("select count(*) from execution where queue_entry_id in (" + heldIds + ") and node = 'it-node-2'")).isEqualTo(3);
        assertThat(count("select count(*) from audit_entry where action = 'node.drain' and target_id = 'it-node-2'")).isPositive();
        expect(200, ApiClient.admin().put("/executor", "{\"paused\":true}"));
        expect(200, ApiClient.admin().delete("/queue?force=true"));
    }

    @Test
    @Order(4)
    void aSharedLimitIsNeverExceededAcrossBothNodesAndAKilledNodeGivesItsUnitBackWithinTheLease() throws Exception {
        emptyQueueWithTheExecutorPaused();
        String name = "limited-" + UUID.randomUUID().toString().substring(0, 8);
        String limit = name + "-nas";
        expect(201, ApiClient.admin().put("/shared-limits/" + limit, "{\"capacity\":1,\"description\":\"one writer at a time\"}"));
        ApiClient.Reply unknown = ApiClient.admin().post("/jobs", "{\"name\":\"" + name + "-x\",\"kind\":\"COMMAND\",\"command\":[\"true\"],"
                + "\"targetPath\":\"" + WORK.resolve(name) + "\",\"sharedLimits\":[\"no-such-limit\"]}");
        expect(400, unknown);
        assertThat(unknown.body()).contains("sharedLimits").contains("there is no shared limit named 'no-such-limit'");
        Path marks = WORK.resolve(name + ".marks");
        Files.createDirectories(WORK);
        // each run marks its start and its end: the marks show when the processes really ran
        String marking = "echo \\\"$BACKUP_EXECUTION_ID $(date +%s%3N)\\\" >> " + marks + "; sleep 0.3; echo \\\"$BACKUP_EXECUTION_ID $(date +%s%3N)\\\" >> "
                + marks;
        Map<String, Long> jobs = new java.util.TreeMap<>();
        for (String host : List.of("a", "b")) { // placed so that both nodes run some, the limit shared between them
            ApiClient.Reply created = ApiClient.admin().post("/jobs", "{\"name\":\"" + name + "-" + host + "\",\"kind\":\"COMMAND\","
                    + "\"command\":[\"/bin/sh\",\"-c\",\"" + marking + "\"],\"targetPath\":\"" + WORK.resolve(name) + "\",\"maxRetries\":0,"
                    + "\"placement\":[\"host=" + host + "\"],\"sharedLimits\":[\"" + limit + "\"]}");
            expect(201, created);
            assertThat(created.json().getJsonArray("sharedLimits").getString(0)).isEqualTo(limit);
            jobs.put(host, created.json().getJsonNumber("id").longValue());
        }
        String jobIds = jobs.values().stream().map(String::valueOf).collect(Collectors.joining(","));
        List<Long> entries = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            for (long job : jobs.values()) {
                entries.add(ApiClient.admin().post("/queue", "{\"jobId\":" + job + "}").json().getJsonNumber("id").longValue());
            }
        }
        expect(200, ApiClient.admin().put("/executor", "{\"paused\":false}"));
        String waiting = null;
        Instant deadline = Instant.now().plusSeconds(30);
        while (waiting == null && Instant.now().isBefore(deadline)) { // some entry says it waits for the limit while another holds it
            for (JsonObject entry : ApiClient.admin().get("/queue?status=READY&size=50").json().getJsonArray("items").getValuesAs(JsonObject.class)) {
                if (entry.containsKey("waitingFor") && !entry.isNull("waitingFor") && entry.getString("waitingFor").contains(limit)) {
                    waiting = entry.getString("waitingFor");
                }
            }
            Thread.sleep(100);
        }
        assertThat(waiting).isEqualTo("waits for shared limit " + limit + ": 1 of 1 in use");
        assertThat(countWhenZeroOrAfter(Duration.ofMinutes(2), "select count(*) from queue_entry where job_id in (" + jobIds + ")"
                + " and status <> 'SUCCEEDED'")).as("entries not succeeded after 2 minutes").isZero();
        Map<Long, List<Long>> runs = marks(marks);
        List<String> overlaps = new ArrayList<>();
        for (var a : runs.entrySet()) {
            for (var b : runs.entrySet()) {
                if (a.getKey() < b.getKey() && a.getValue().get(0) <= b.getValue().get(b.getValue().size() - 1)
                        && b.getValue().get(0) <= a.getValue().get(a.getValue().size() - 1)) {
                    overlaps.add(a.getKey() + " and " + b.getKey());
                }
            }
        }
        System.out.printf("shared limit: %d runs of capacity 1 on %d nodes, %d overlapping%n", runs.size(),
                count("select count(distinct node) from execution where job_id in (" + jobIds + ")"), overlaps.size());
        assertThat(runs).as("runs that marked their start and end").hasSize(20).allSatisfy((run, ticks) -> assertThat(ticks).hasSize(2));
        assertThat(count("select count(distinct node) from execution where job_id in (" + jobIds + ")")).isEqualTo(2);
        assertThat(overlaps).as("runs holding the limit of 1 at once").isEmpty();
        JsonObject usage = ApiClient.admin().get("/shared-limits/" + limit).json();
        assertThat(usage.getInt("inUse")).isZero();
        assertThat(usage.getJsonArray("jobs").getValuesAs(jakarta.json.JsonString.class)).extracting(jakarta.json.JsonString::getString)
                .containsExactly(name + "-a", name + "-b");
        expect(409, ApiClient.admin().delete("/shared-limits/" + limit));

        // it-node-2 holds the unit when it is killed: the other node's run starts once the lease is taken back
        long holder = ApiClient.admin().post("/jobs", "{\"name\":\"" + name + "-holder\",\"kind\":\"COMMAND\",\"command\":[\"sleep\",\"600\"],"
                + "\"targetPath\":\"" + WORK.resolve(name) + "\",\"maxRetries\":0,\"placement\":[\"host=b\"],\"sharedLimits\":[\"" + limit + "\"]}")
                .json().getJsonNumber("id").longValue();
        long held = ApiClient.admin().post("/queue", "{\"jobId\":" + holder + "}").json().getJsonNumber("id").longValue();
        assertThat(countWhenZeroOrAfter(Duration.ofSeconds(30), "select count(*) from queue_entry where id = " + held
                + " and not (status = 'RUNNING' and lease_owner = 'it-node-2')")).as("the holder not running on it-node-2").isZero();
        long waiter = ApiClient.admin().post("/queue", "{\"jobId\":" + jobs.get("a") + "}").json().getJsonNumber("id").longValue();
        Thread.sleep(2000); // four polls of the first node
        assertThat(ApiClient.admin().get("/queue/" + waiter).json().getString("waitingFor")).isEqualTo(waiting);
        long pid = secondNode().getJsonNumber("pid").longValue();
        ProcessHandle node2 = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("no process " + pid + " for it-node-2"));
        node2.destroyForcibly();
        Instant killed = Instant.now();
        node2.onExit().get(30, TimeUnit.SECONDS);
        assertThat(countWhenZeroOrAfter(Duration.ofSeconds(SECOND_LEASE_SECONDS + 30), "select count(*) from queue_entry where id = "
                + waiter + " and status <> 'SUCCEEDED'")).as("the waiting run not done within the lease and 30 s").isZero();
        long startedAfterKill = count("select (extract(epoch from started_at - timestamptz '" + killed + "') * 1000)::bigint"
                + " from execution where queue_entry_id = " + waiter);
        System.out.printf("shared limit: the killed node's unit was taken by the other node %d ms after the kill (lease %d s)%n",
                startedAfterKill, SECOND_LEASE_SECONDS);
        assertThat(startedAfterKill).as("ms from the kill to the start of the run that waited for its unit")
                .isBetween(SECOND_LEASE_SECONDS * 1000L * 2 / 3 - 1000, SECOND_LEASE_SECONDS * 1000L + 5000); // renewed a third of a lease

        // it-node-2 comes back for the tests after this one
        liberty("start", SECOND);
        awaitReady("http://localhost:" + SECOND_PORT + "/health/ready", Duration.ofMinutes(4));

        // a job that prefers the node of its last success: the other node leaves it alone while that node is drained
        long local = ApiClient.admin().post("/jobs", "{\"name\":\"" + name + "-local\",\"kind\":\"COMMAND\",\"command\":[\"true\"],"
                + "\"targetPath\":\"" + WORK.resolve(name) + "\",\"maxRetries\":0,\"preferLastNode\":true}").json().getJsonNumber("id").longValue();
        long first = ApiClient.admin().post("/queue", "{\"jobId\":" + local + "}").json().getJsonNumber("id").longValue();
        assertThat(countWhenZeroOrAfter(Duration.ofSeconds(30), "select count(*) from queue_entry where id = " + first
                + " and status <> 'SUCCEEDED'")).isZero();
        String preferred = ApiClient.admin().get("/jobs/" + local).json().getString("lastSuccessNode");
        assertThat(preferred).isEqualTo(ItDatabase.queryString("select node from execution where queue_entry_id = " + first));
        expect(200, TestUsers.operator().post("/nodes/" + preferred + "/drain", ""));
        long second = ApiClient.admin().post("/queue", "{\"jobId\":" + local + "}").json().getJsonNumber("id").longValue();
        Thread.sleep(3000); // six polls of the other node
        JsonObject left = ApiClient.admin().get("/queue/" + second).json();
        assertThat(left.getString("status")).as("the run the other node left to " + preferred).isEqualTo("READY");
        assertThat(left.getString("waitingFor")).startsWith("left to " + preferred + ", the node of its job's last success, until ")
                .endsWith("; then any node");
        expect(200, TestUsers.operator().post("/nodes/" + preferred + "/undrain", ""));
        assertThat(countWhenZeroOrAfter(Duration.ofSeconds(30), "select count(*) from queue_entry where id = " + second
                + " and status <> 'SUCCEEDED'")).isZero();
        assertThat(ItDatabase.queryString("select node from execution where queue_entry_id = " + second)).isEqualTo(preferred);
        expect(200, ApiClient.admin().put("/executor", "{\"paused\":true}"));
    }

    @Test
    @Order(5)
    void aDirectoryBackupOnAKilledNodeGoesOnFromItsLastCheckpointOnTheOtherNodeAndRestoresWhole() throws Exception {
        emptyQueueWithTheExecutorPaused();
        String name = "resume-" + UUID.randomUUID().toString().substring(0, 8);
        List<Long> jobs = new ArrayList<>();
        List<Path> sources = new ArrayList<>();
        if (RESUME_SOURCE == null) {
            // four jobs of ten 1 MiB files read at 1 MiB/s, a checkpoint every two files: some run on each node
            for (int j = 0; j < 4; j++) {
                Path source = Files.createDirectories(WORK.resolve(name + "-source-" + j));
                java.util.Random random = new java.util.Random(j);
                byte[] block = new byte[1 << 20];
                for (int i = 0; i < 10; i++) {
                    random.nextBytes(block);
                    Files.write(source.resolve("part-" + i + ".bin"), block);
                }
                sources.add(source);
            }
        } else {
            // the measurement: one job of the given tree at full speed, run again until it-node-2 takes it
            sources.add(Path.of(RESUME_SOURCE));
        }
        long sourceBytes;
        try (Stream<Path> walk = Files.walk(sources.get(0))) {
            sourceBytes = walk.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
        for (int j = 0; j < sources.size(); j++) {
            String limits = RESUME_SOURCE == null ? ",\"limits\":{\"maxIoBytesPerSecond\":1048576}" : "";
            jobs.add(ApiClient.admin().post("/jobs", "{\"name\":\"" + name + "-" + j + "\",\"kind\":\"DIRECTORY\",\"sourcePath\":\""
                    + sources.get(j) + "\",\"targetPath\":\"" + WORK.resolve(name + "-target-" + j) + "\",\"maxRetries\":2" + limits + "}")
                    .json().getJsonNumber("id").longValue());
            expect(201, ApiClient.admin().post("/queue", "{\"jobId\":" + jobs.get(j) + "}"));
        }
        String jobIds = jobs.stream().map(String::valueOf).collect(Collectors.joining(","));
        long pid = secondNode().getJsonNumber("pid").longValue();
        expect(200, ApiClient.admin().put("/executor", "{\"paused\":false}"));

        // it-node-2 must be halfway through a point, past a checkpoint, when it is killed
        Instant deadline = Instant.now().plusSeconds(120);
        List<Long> victims = List.of();
        while (Instant.now().isBefore(deadline)) {
            victims = ids("select p.id from backup_point p join execution e on e.id = p.execution_id where p.job_id in (" + jobIds + ")"
                    + " and p.status = 'WRITING' and p.resume_mark is not null and e.node = 'it-node-2' and e.status = 'RUNNING'"
                    + " and split_part(p.resume_mark, '|', 3)::bigint >= " + sourceBytes / 2); // half its bytes behind a checkpoint
            if (!victims.isEmpty()) {
                break;
            }
            if (count("select count(*) from queue_entry where job_id in (" + jobIds + ") and status <> 'SUCCEEDED'") == 0) {
                for (long job : jobs) { // the first node ran them all: again, queued on it-node-2, which then looks first
                    expect(201, ApiClient.admin().post("http://localhost:" + SECOND_PORT + "/backup-scheduler/api/v1/queue",
                            "{\"jobId\":" + job + "}"));
                }
            }
            Thread.sleep(100);
        }
        assertThat(victims).as("points it-node-2 was writing, with a checkpoint, before the kill").isNotEmpty();
        ProcessHandle node2 = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("no process " + pid + " for it-node-2"));
        node2.destroyForcibly();
        node2.onExit().get(30, TimeUnit.SECONDS);
        String killedAt = ItDatabase.queryString("select string_agg(split_part(resume_mark, '|', 3), ',') from backup_point where id in ("
                + victims.stream().map(String::valueOf).collect(Collectors.joining(",")) + ")");

        assertThat(countWhenZeroOrAfter(Duration.ofMinutes(3), "select count(*) from queue_entry where job_id in (" + jobIds + ")"
                + " and status <> 'SUCCEEDED'")).as("entries not succeeded 3 minutes after the kill").isZero();
        long resumedMs = 0;
        for (long victim : victims) {
            JsonObject point = ApiClient.admin().get("/backups/" + victim).json();
            assertThat(point.getString("status")).as("the killed node's point, finished by the other node").isEqualTo("VERIFIED");
            long job = point.getJsonNumber("jobId").longValue();
            assertThat(count("select count(*) from backup_point where job_id = " + job + " and id > " + victim))
                    .as("no second point written afresh; the job's points and runs: %s", ItDatabase.queryString(
                            "select string_agg(p.id || ' ' || p.status || ' by execution ' || coalesce(p.execution_id::text, '-') || ' on '"
                                    + " || coalesce(e.node, '-') || ' (' || coalesce(e.status, '-') || ', entry ' || coalesce(e.queue_entry_id::text, '-')"
                                    + " || ', ' || coalesce(e.error, '') || ')', '; ' order by p.id) from backup_point p"
                                    + " left join execution e on e.id = p.execution_id where p.job_id = " + job)).isZero();
            JsonObject execution = ApiClient.admin().get("/executions/" + point.getJsonNumber("executionId")).json();
            resumedMs = Math.max(resumedMs, execution.getJsonNumber("durationMs").longValue());
            String log = TestUsers.viewer().getText("/executions/" + execution.getJsonNumber("id") + "/log").body();
            assertThat(log).containsPattern("stopped while it wrote point " + victim + " .* keeping its [1-9][0-9]* finished segments")
                    .contains("[backup] resuming FULL point " + victim + " after ");
            Path restored = WORK.resolve(name + "-restored-" + victim);
            JsonObject restore = Restores.restore(victim, "{\"destination\":\"" + restored + "\"}");
            assertThat(restore.getString("status")).as(restore.toString()).isEqualTo("SUCCEEDED");
            Path source = Path.of(ApiClient.admin().get("/jobs/" + job).json().getString("sourcePath"));
            assertThat(DirectoryRuns.firstDifference(source, restored)).as("a file not restored byte for byte").isNull();
        }
        System.out.printf(Locale.ROOT, "resume: %d point(s) of %,d bytes killed on it-node-2 after %s bytes; the slowest took %,d ms to finish"
                + " on the other node after the takeover%n", victims.size(), sourceBytes, killedAt, resumedMs);
        if (RESUME_SOURCE != null) {
            // the measurement's comparison (docs/reliability.md): a whole run of the same job on the surviving node, alone;
            // the reduced run asserts the resume and spends no time on a figure nobody reads
            long wholeMs = DirectoryRuns.runAndWait(ApiClient.admin().get("/backups/" + victims.get(0)).json().getJsonNumber("jobId").longValue(),
                    "", 300).getJsonNumber("durationMs").longValue();
            System.out.printf(Locale.ROOT, "resume: a whole run of the same job alone %,d ms; the resumed one took %.0f%% of it%n", wholeMs,
                    100.0 * resumedMs / wholeMs);
        }
        expect(200, ApiClient.admin().put("/executor", "{\"paused\":true}"));
    }

    @Test
    @Order(6)
    void aBucketBackupOnAKilledNodeGoesOnFromTheSegmentsItUploadedAndLeavesNoIncompleteUpload() throws Exception {
        emptyQueueWithTheExecutorPaused();
        S3MockServer.start(List.of("cluster"));
        if (!answers("http://localhost:" + SECOND_PORT + "/health/ready")) {
            liberty("start", SECOND); // the test before killed it
            awaitReady("http://localhost:" + SECOND_PORT + "/health/ready", Duration.ofMinutes(4));
        }
        String name = "bucket-resume-" + UUID.randomUUID().toString().substring(0, 8);
        Path source = Files.createDirectories(WORK.resolve(name + "-source"));
        java.util.Random random = new java.util.Random(6);
        for (int i = 0; i < 4; i++) { // two segments of two files each go up at the first checkpoints
            byte[] block = new byte[1 << 20];
            random.nextBytes(block);
            Files.write(source.resolve("a-" + i + ".bin"), block);
        }
        byte[] big = new byte[12 << 20]; // the last segment: a multipart upload, at 2 MiB/s some 6 s long
        random.nextBytes(big);
        Files.write(source.resolve("b-big.bin"), big);
        String secret = "cluster-s3-" + UUID.randomUUID().toString().substring(0, 8);
        expect(201, ApiClient.admin().put("/secrets/" + secret, "{\"value\":\"it-secret-key\"}"));
        long job = ApiClient.admin().post("/jobs", "{\"name\":\"" + name + "\",\"kind\":\"DIRECTORY\",\"sourcePath\":\"" + source
                + "\",\"targetPath\":\"" + WORK.resolve(name + "-target") + "\",\"maxRetries\":2,\"limits\":{\"maxIoBytesPerSecond\":2097152},"
                + "\"copyTarget\":{\"mode\":\"MOVE\",\"endpoint\":\"" + S3MockServer.ENDPOINT + "\",\"bucket\":\"cluster\",\"pathStyle\":true,"
                + "\"accessKeyId\":\"it-access-key\",\"secretKeySecret\":\"" + secret + "\"}}").json().getJsonNumber("id").longValue();
        String folder = "job-" + job + "/";
        expect(201, ApiClient.admin().post("http://localhost:" + SECOND_PORT + "/backup-scheduler/api/v1/queue", "{\"jobId\":" + job + "}"));
        long pid = secondNode().getJsonNumber("pid").longValue();
        expect(200, ApiClient.admin().put("/executor", "{\"paused\":false}"));

        // it-node-2 must be uploading the last segment, two segments already in the bucket, when it is killed
        List<Long> victims = List.of();
        try (software.amazon.awssdk.services.s3.S3Client s3 = S3MockServer.client()) {
            Instant deadline = Instant.now().plusSeconds(120);
            while (Instant.now().isBefore(deadline)) {
                victims = ids("select p.id from backup_point p join execution e on e.id = p.execution_id where p.job_id = " + job
                        + " and p.status = 'WRITING' and e.node = 'it-node-2' and e.status = 'RUNNING'");
                if (!victims.isEmpty() && !s3.listMultipartUploads(b -> b.bucket("cluster").prefix(folder)).uploads().isEmpty()) {
                    break;
                }
                victims = List.of();
                if (count("select count(*) from queue_entry where job_id = " + job + " and status <> 'SUCCEEDED'") == 0) {
                    expect(201, ApiClient.admin().post("http://localhost:" + SECOND_PORT + "/backup-scheduler/api/v1/queue",
                            "{\"jobId\":" + job + "}")); // the first node ran it: again, queued on it-node-2
                }
                Thread.sleep(100);
            }
            assertThat(victims).as("a point it-node-2 was uploading when it was killed").hasSize(1);
            ProcessHandle node2 = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("no process " + pid + " for it-node-2"));
            node2.destroyForcibly();
            node2.onExit().get(30, TimeUnit.SECONDS);
            long victim = victims.get(0);
            assertThat(ApiClient.admin().get("/backups/" + victim).json().getString("status")).as("the point while nobody writes it")
                    .isEqualTo("WRITING");

            assertThat(countWhenZeroOrAfter(Duration.ofMinutes(3), "select count(*) from queue_entry where job_id = " + job
                    + " and status <> 'SUCCEEDED'")).as("entries not succeeded 3 minutes after the kill").isZero();
            JsonObject point = ApiClient.admin().get("/backups/" + victim).json();
            assertThat(point.getString("status")).as("the killed node's point, finished by the other node").isEqualTo("VERIFIED");
            assertThat(point.getBoolean("bucketOnly")).isTrue();
            assertThat(count("select count(*) from backup_point where job_id = " + job + " and id > " + victim)).as("points written afresh")
                    .isZero();
            String log = TestUsers.viewer().getText("/executions/" + point.getJsonNumber("executionId") + "/log").body();
            assertThat(log).containsPattern("stopped while it wrote point " + victim + " .* keeping its [2-9] finished segments")
                    .contains("aborted 1 incomplete upload(s) that a stopped run left");
            assertThat(s3.listMultipartUploads(b -> b.bucket("cluster").prefix(folder)).uploads()).as("incomplete uploads left").isEmpty();
            assertThat(BucketJobs.objects(s3, "cluster", folder + "point-" + victim + "/")).as("the point's objects: its segments and manifest")
                    .hasSize(point.getInt("archiveSegments") + 1);
            List<Long> verified = ids("select id from backup_point where job_id = " + job + " and status = 'VERIFIED'");
            assertThat(BucketJobs.objects(s3, "cluster", folder)).as("objects of the job's points that are not usable")
                    .allMatch(key -> verified.contains(Long.parseLong(key.substring((folder + "point-").length(), key.indexOf('/', folder.length())))));
            Path restored = WORK.resolve(name + "-restored");
            JsonObject restore = Restores.restore(victim, "{\"destination\":\"" + restored + "\"}");
            assertThat(restore.getString("status")).as(restore.toString()).isEqualTo("SUCCEEDED");
            assertThat(DirectoryRuns.firstDifference(source, restored)).as("a file not restored byte for byte").isNull();
        }
        expect(200, ApiClient.admin().put("/executor", "{\"paused\":true}"));
    }

    /** Each test starts from an empty queue that nothing takes until it unpauses the executor. */
    private static void emptyQueueWithTheExecutorPaused() {
        expect(200, ApiClient.admin().delete("/queue?force=true"));
        expect(200, ApiClient.admin().put("/executor", "{\"paused\":true}"));
    }

    private static JsonObject secondNode() {
        return ApiClient.admin().get("/nodes").jsonArray().getValuesAs(JsonObject.class).stream()
                .filter(n -> n.getString("id").equals("it-node-2")).findFirst()
                .orElseThrow(() -> new AssertionError("it-node-2 is not in GET /nodes"));
    }

    private static List<Long> ids(String sql) {
        String joined = ItDatabase.queryString("select string_agg(id::text, ',') from (" + sql + ") t");
        return joined == null || joined.isBlank() ? List.of()
                : java.util.Arrays.stream(joined.split(",")).map(Long::parseLong).toList();
    }

    /** Each run's marks (epoch milliseconds), in the order written. */
    private static Map<Long, List<Long>> marks(Path file) {
        Map<Long, List<Long>> byRun = new java.util.TreeMap<>();
        try {
            for (String line : Files.readAllLines(file)) {
                String[] parts = line.trim().split(" ");
                if (parts.length == 2) {
                    byRun.computeIfAbsent(Long.parseLong(parts[0]), k -> new ArrayList<>()).add(Long.parseLong(parts[1]));
                }
            }
        } catch (IOException e) {
            return Map.of();
        }
        return byRun;
    }
}
