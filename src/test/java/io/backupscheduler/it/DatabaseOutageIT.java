package io.backupscheduler.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Readiness follows the database: the test stops the PostgreSQL cluster the server uses (Debian's pg_ctlcluster, as
 * root or through sudo), sees /health/ready go DOWN with the database check saying why while /health/live stays UP,
 * starts the cluster again and sees readiness and the API come back without a server restart. Runs with the restart
 * tests, after every other suite.
 */
class DatabaseOutageIT {
    private static final String PORT = System.getProperty("it.db.port", "5432");

    private static HttpResponse<String> health(String path) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(ItEnvironment.health(path))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** "version name" of the Debian cluster listening on the IT port, or null when there is none to control. */
    private static String cluster() throws IOException, InterruptedException {
        Process list;
        try {
            list = new ProcessBuilder("pg_lsclusters", "--no-header").redirectErrorStream(true).start();
        } catch (IOException e) {
            return null;
        }
        String out = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        list.waitFor(30, TimeUnit.SECONDS);
        for (String line : out.split("\n")) {
            String[] columns = line.trim().split("\\s+");
            if (columns.length >= 3 && columns[2].equals(PORT)) {
                return columns[0] + " " + columns[1];
            }
        }
        return null;
    }

    private static void control(String cluster, String action) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (!"root".equals(System.getProperty("user.name"))) {
            command.addAll(List.of("sudo", "-n"));
        }
        command.addAll(List.of("pg_ctlcluster", "--skip-systemctl-redirect", cluster.split(" ")[0], cluster.split(" ")[1], action));
        if (action.equals("stop")) {
            command.addAll(List.of("-m", "fast"));
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(command + ": " + out).isZero();
    }

    private static String databaseCheck(HttpResponse<String> health) {
        return Json.createReader(new StringReader(health.body())).readObject().getJsonArray("checks").getValuesAs(JsonObject.class)
                .stream().filter(c -> c.getString("name").equals("database")).findFirst().map(JsonObject::toString).orElse("none");
    }

    @Test
    void readinessIsDownWhileTheDatabaseIsStoppedAndUpWhenItReturns() throws Exception {
        ItEnvironment.awaitReady(Duration.ofMinutes(3));
        String cluster = cluster();
        assumeTrue(cluster != null, "no Debian PostgreSQL cluster on port " + PORT + " to stop (pg_lsclusters)");
        assertThat(health("/ready").statusCode()).isEqualTo(200);

        control(cluster, "stop");
        Instant stopped = Instant.now();
        try {
            HttpResponse<String> down = health("/ready");
            Instant deadline = Instant.now().plusSeconds(30);
            while (down.statusCode() != 503 && Instant.now().isBefore(deadline)) {
                Thread.sleep(500);
                down = health("/ready");
            }
            assertThat(down.statusCode()).as(down.body()).isEqualTo(503);
            assertThat(databaseCheck(down)).contains("\"status\":\"DOWN\"").contains("error");
            assertThat(health("/live").statusCode()).as("the application itself is fine").isEqualTo(200);
        } finally {
            control(cluster, "start");
        }
        Instant started = Instant.now();
        HttpResponse<String> up = health("/ready");
        Instant deadline = Instant.now().plusSeconds(60);
        while (up.statusCode() != 200 && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
            up = health("/ready");
        }
        assertThat(up.statusCode()).as(up.body()).isEqualTo(200);
        System.out.printf("database stopped for %d ms; ready again %d ms after it started%n",
                Duration.between(stopped, started).toMillis(), Duration.between(started, Instant.now()).toMillis());
        ApiClient.Reply jobs = ApiClient.admin().get("/jobs");
        assertThat(jobs.status()).as(jobs.toString()).isEqualTo(200);
    }

    private static long count(String sql, Object... parameters) {
        return Long.parseLong(ItDatabase.queryString(sql, parameters));
    }

    /** The job's entries that did not succeed, each with its runs: what CI prints when the outage test fails. */
    private static String unfinished(long jobId) {
        return ItDatabase.queryString("select string_agg(concat_ws(' ', 'entry', q.id, q.status, 'attempts', q.attempts, '/',"
                + " q.max_attempts, 'lease', q.lease_owner, q.lease_expires_at, 'reason', q.status_reason, 'error', q.last_error,"
                + " 'runs:', (select string_agg(concat_ws(' ', e.id, e.status, e.step, e.started_at, e.finished_at, e.batch_execution_id,"
                + " left(e.error, 300)), '; ' order by e.id) from execution e where e.queue_entry_id = q.id)), ' | ')"
                + " from queue_entry q where q.job_id = ? and q.status <> 'SUCCEEDED'", jobId);
    }

    private static long createJob(String name, String command) {
        String target = System.getProperty("java.io.tmpdir") + "/backup-scheduler-it/" + name;
        ApiClient.Reply job = ApiClient.admin().post("/jobs", "{\"name\":\"" + name + "\",\"kind\":\"COMMAND\",\"command\":"
                + command + ",\"targetPath\":\"" + target + "\",\"maxRetries\":3}");
        assertThat(job.status()).as(job.toString()).isEqualTo(201);
        return job.json().getJsonNumber("id").longValue();
    }

    private static long createSchedule(String name, long jobId, String extra) {
        // yearly, so that the only fire due during the test is the one the test sets
        ApiClient.Reply schedule = ApiClient.admin().post("/schedules", "{\"name\":\"" + name + "\",\"jobId\":" + jobId
                + ",\"type\":\"CRON\",\"expression\":\"0 0 1 1 *\",\"enabled\":true" + extra + "}");
        assertThat(schedule.status()).as(schedule.toString()).isEqualTo(201);
        return schedule.json().getJsonNumber("id").longValue();
    }

    /**
     * A run claimed just as the database went away can neither be recorded nor handed back; it is handed back once the
     * database answers, and runs then, rather than waiting out its 120 s lease. The database's refusals are made
     * exact with two triggers, for this one entry only: its run record cannot be written, nor its attempt undone (what
     * a hand-back does), until the test drops them.
     */
    @Test
    void aRunThatCouldNeitherStartNorBeHandedBackGoesBackOnceTheDatabaseAnswers() throws Exception {
        ItEnvironment.awaitReady(Duration.ofMinutes(3));
        ItEnvironment.runTheExecutor(); // empties the queue, so it comes before the entry is queued
        assertThat(ApiClient.admin().put("/executor", "{\"paused\":true}").status()).isEqualTo(200);
        String tag = java.util.UUID.randomUUID().toString().substring(0, 8);
        long job = createJob("outage-unstarted-" + tag, "[\"true\"]");
        ApiClient.Reply run = ApiClient.admin().post("/jobs/" + job + "/run", "");
        assertThat(run.status()).as(run.toString()).isEqualTo(201);
        long entry = run.json().getJsonNumber("id").longValue();
        String refuse = "it_refuse_" + tag;
        ItDatabase.execute("create function " + refuse + "() returns trigger language plpgsql as"
                + " $$ begin raise exception 'the database is away (test)'; end $$");
        try {
            ItDatabase.execute("create trigger " + refuse + "_record before insert on execution for each row"
                    + " when (new.queue_entry_id = " + entry + ") execute function " + refuse + "()");
            ItDatabase.execute("create trigger " + refuse + "_hand_back before delete on queue_attempt for each row"
                    + " when (old.entry_id = " + entry + ") execute function " + refuse + "()");
            assertThat(ApiClient.admin().put("/executor", "{\"paused\":false}").status()).isEqualTo(200);
            Instant claimed = waitFor(() -> count("select count(*) from queue_attempt where entry_id = ?", entry) > 0, Duration.ofSeconds(60));
            assertThat(claimed).as("the entry was claimed").isNotNull();
            Thread.sleep(3000); // a few looks of the dispatcher, each failing to hand it back
            assertThat(ItDatabase.queryString("select status from queue_entry where id = ?", entry))
                    .as("held while its hand-back fails").isEqualTo("RUNNING");
            assertThat(count("select count(*) from execution where queue_entry_id = ?", entry)).isZero();
        } finally {
            ItDatabase.execute("drop function " + refuse + "() cascade");
        }
        try {
            Instant answered = Instant.now();
            waitFor(() -> !List.of("RUNNING", "READY").contains(ItDatabase.queryString("select status from queue_entry where id = ?", entry)),
                    Duration.ofMinutes(3));
            String outcome = ItDatabase.queryString("select concat_ws(' ', status, 'attempts', attempts, 'lease', lease_owner,"
                    + " lease_expires_at, 'reason', status_reason, 'error', last_error) from queue_entry where id = ?", entry);
            System.out.printf("unstarted run: %s, %d ms after the database answered%n", outcome,
                    Duration.between(answered, Instant.now()).toMillis());
            assertThat(count("select count(*) from queue_attempt where entry_id = ? and error like 'lease of % expired%'", entry))
                    .as("attempts that waited out their lease; the entry: " + outcome).isZero();
            assertThat(ItDatabase.queryString("select status from queue_entry where id = ?", entry)).as(outcome).isEqualTo("SUCCEEDED");
            assertThat(ItDatabase.queryString("select attempts from queue_entry where id = ?", entry))
                    .as("the hand-back does not count the attempt that never started").isEqualTo("1");
        } finally {
            ItEnvironment.pauseTheExecutor();
        }
    }

    /** When the condition first held, or null when it did not within the time. */
    private static Instant waitFor(java.util.function.BooleanSupplier condition, Duration within) throws InterruptedException {
        Instant deadline = Instant.now().plus(within);
        while (Instant.now().isBefore(deadline)) {
            if (condition.getAsBoolean()) {
                return Instant.now();
            }
            Thread.sleep(200);
        }
        return null;
    }

    /**
     * The outage: PostgreSQL stopped for 30 s while runs are in progress and queued, with two schedule fires
     * falling due inside the outage. Afterwards every queued entry has succeeded, none twice, no run record is left
     * behind as RUNNING; the fire that is still within the misfire threshold runs once, and the one whose starting
     * deadline (10 s) passed during the outage is recorded as a misfire without a run.
     */
    @Test
    void queuedWorkAndFiresDueDuringAThirtySecondOutageResumeWithoutLossOrDuplicates() throws Exception {
        ItEnvironment.awaitReady(Duration.ofMinutes(3));
        String cluster = cluster();
        assumeTrue(cluster != null, "no Debian PostgreSQL cluster on port " + PORT + " to stop (pg_lsclusters)");
        String tag = java.util.UUID.randomUUID().toString().substring(0, 8);
        ItEnvironment.runTheExecutor();
        try {
            long load = createJob("outage-load-" + tag, "[\"sleep\",\"1\"]");
            int entries = 40;
            for (int i = 0; i < entries; i++) {
                ApiClient.Reply run = ApiClient.admin().post("/jobs/" + load + "/run", "");
                assertThat(run.status()).as(run.toString()).isEqualTo(201);
            }
            long fired = createJob("outage-fired-" + tag, "[\"true\"]");
            long onTime = createSchedule("outage-on-time-" + tag, fired, "");
            long deadline = createSchedule("outage-deadline-" + tag, fired, ",\"startingDeadlineSeconds\":10");
            ItDatabase.execute("update schedule set next_fire_at = now() + interval '4 seconds' where id in (?, ?)",
                    onTime, deadline);
            String dueAt = ItDatabase.queryString("select next_fire_at from schedule where id = ?", onTime);

            control(cluster, "stop");
            Instant stopped = Instant.now();
            try {
                Thread.sleep(Duration.ofSeconds(15).toMillis());
                assertThat(health("/ready").statusCode()).isEqualTo(503);
                assertThat(health("/live").statusCode()).as("the node keeps running").isEqualTo(200);
                Thread.sleep(Duration.ofSeconds(30).minus(Duration.between(stopped, Instant.now())).toMillis());
            } finally {
                control(cluster, "start");
            }
            Instant restarted = Instant.now();
            System.out.printf("outage under load: database stopped for %d ms%n", Duration.between(stopped, restarted).toMillis());

            Instant deadlineForWork = Instant.now().plus(Duration.ofMinutes(5));
            while (Instant.now().isBefore(deadlineForWork)
                    && (count("select count(*) from queue_entry where job_id = ? and status = 'SUCCEEDED'", load) < entries
                    || count("select count(*) from schedule_fire where schedule_id in (?, ?)", onTime, deadline) < 2)) {
                Thread.sleep(1000);
            }
            assertThat(health("/ready").statusCode()).isEqualTo(200);
            long succeeded = count("select count(*) from queue_entry where job_id = ? and status = 'SUCCEEDED'", load);
            long executions = count("select count(*) from execution where job_id = ?", load);
            long twice = count("select count(*) from (select queue_entry_id from execution where job_id = ? and status = 'SUCCEEDED'"
                    + " group by queue_entry_id having count(*) > 1) t", load);
            long leftRunning = count("select count(*) from execution where job_id = ? and status = 'RUNNING'", load);
            long overlapping = count("select count(*) from execution a join execution b on a.queue_entry_id = b.queue_entry_id"
                    + " and a.id < b.id where a.job_id = ? and b.started_at < coalesce(a.finished_at, now())", load);
            long leasesRunOut = count("select count(*) from queue_attempt a join queue_entry q on q.id = a.entry_id"
                    + " where q.job_id = ? and a.error like 'lease of % expired%'", load);
            System.out.printf("outage under load: %d of %d entries succeeded, %d executions, all within %d ms of the database's return%n",
                    succeeded, entries, executions, Duration.between(restarted, Instant.now()).toMillis());
            assertThat(succeeded).as(() -> "every queued entry succeeded; the others and their runs: " + unfinished(load))
                    .isEqualTo(entries);
            assertThat(twice).as("entries that succeeded twice").isZero();
            assertThat(overlapping).as("runs of one entry that overlapped").isZero();
            assertThat(leftRunning).as("run records left RUNNING").isZero();
            assertThat(leasesRunOut).as("attempts that waited out their 120 s lease: a run claimed as the database went away"
                    + " is handed back when it answers again").isZero();

            assertThat(ItDatabase.queryString("select string_agg(outcome, ',') from schedule_fire where schedule_id = ?", onTime))
                    .as("the fire due during the outage, still within the misfire threshold").isEqualTo("QUEUED");
            assertThat(ItDatabase.queryString("select due_at = ?::timestamptz from schedule_fire where schedule_id = ?", dueAt, onTime))
                    .isEqualTo("t");
            assertThat(ItDatabase.queryString("select string_agg(outcome, ',') from schedule_fire where schedule_id = ?", deadline))
                    .as("the fire whose starting deadline passed during the outage").isEqualTo("SKIPPED_MISFIRE");
        } finally {
            ItEnvironment.pauseTheExecutor();
        }
    }
}
