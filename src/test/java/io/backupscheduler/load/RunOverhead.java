package io.backupscheduler.load;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the bookkeeping around a run costs (issue 26): a COMMAND job running {@code /bin/true} on a running server
 * with PostgreSQL. First {@code samples} runs one at a time, then {@code runs} queued at once (in posts of 100) and
 * drained by the node's worker slots. For each run the server's own timestamps give the overhead from the claim
 * (its queue attempt starts) to the recorded outcome (its queue entry finishes), split into claim to execution
 * record, the batch job, and execution record to queue outcome. The peer in the same run: db-scheduler running the
 * same program with a ProcessBuilder from as many threads as the node has slots, on the same PostgreSQL, and the
 * floor of a bare ProcessBuilder in this JVM. See docs/benchmarks.md for the command.
 */
public final class RunOverhead {
    private RunOverhead() {
    }

    public static void main(String[] args) throws Exception {
        String database = args.length > 0 ? args[0] : "backup_scheduler_bench";
        String base = args.length > 1 ? args[1] : "http://localhost:9080/backup-scheduler";
        String password = args.length > 2 ? args[2] : System.getenv().getOrDefault("BACKUP_SECURITY_ADMIN_PASSWORD", "");
        int samples = args.length > 3 ? Integer.parseInt(args[3]) : 100;
        int runs = args.length > 4 ? Integer.parseInt(args[4]) : 1000;
        int workers = args.length > 5 ? Integer.parseInt(args[5]) : 4;

        Server server = new Server(base, password);
        server.put("/api/v1/executor", "{\"paused\":false}");
        try (Connection sql = DriverManager.getConnection(PeerDatabase.url(database), PeerDatabase.USER, PeerDatabase.PASSWORD)) {
            long job = trueJob(sql);
            // warm the path (batch runtime, process start, queries) before anything is timed
            long warmFrom = maxEntryId(sql);
            for (int i = 0; i < 20; i++) {
                server.post("/api/v1/executor/runs", "{\"jobIds\":[" + job + "],\"wait\":60}");
            }
            awaitFinished(sql, warmFrom, 20, Duration.ofMinutes(2));

            long oneFrom = maxEntryId(sql);
            for (int i = 0; i < samples; i++) {
                long before = maxEntryId(sql);
                server.post("/api/v1/executor/runs", "{\"jobIds\":[" + job + "]}");
                awaitFinished(sql, before, 1, Duration.ofMinutes(1));
            }
            System.out.printf(Locale.ROOT, "%d runs one at a time (claim to recorded outcome, server timestamps)%n", samples);
            report(sql, oneFrom);

            long drainFrom = maxEntryId(sql);
            long start = System.nanoTime();
            String hundred = String.join(",", Collections.nCopies(100, Long.toString(job)));
            for (int queued = 0; queued < runs; queued += 100) {
                server.post("/api/v1/executor/runs", "{\"jobIds\":[" + hundred + "]}");
            }
            long queuedNanos = System.nanoTime() - start;
            awaitFinished(sql, drainFrom, runs, Duration.ofMinutes(10));
            long drainNanos = System.nanoTime() - start;
            System.out.printf(Locale.ROOT, "%n%,d runs queued at once (queued in %.1f s), drained in %.1f s: %.1f runs/s%n", runs,
                    queuedNanos / 1e9, drainNanos / 1e9, runs / (drainNanos / 1e9));
            report(sql, drainFrom);
            System.out.println("admission deferrals in the drain: " + count(sql, "select count(*) from queue_attempt a join queue_entry e"
                    + " on e.id = a.entry_id where e.id > " + drainFrom + " and a.succeeded = false"));
        }

        long peerNanos = dbSchedulerDrain(runs, workers);
        System.out.printf(Locale.ROOT, "%npeer: db-scheduler 16.7.1, %d threads, %,d one-time tasks each running /bin/true"
                + " (ProcessBuilder), same PostgreSQL: drained in %.1f s: %.1f runs/s%n", workers, runs, peerNanos / 1e9,
                runs / (peerNanos / 1e9));
        List<Double> floor = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            long t = System.nanoTime();
            new ProcessBuilder("/bin/true").start().waitFor();
            floor.add((System.nanoTime() - t) / 1e6);
        }
        Collections.sort(floor);
        System.out.printf(Locale.ROOT, "floor: ProcessBuilder /bin/true in this JVM: p50 %.1f ms, p99 %.1f ms%n",
                percentile(floor, 50), percentile(floor, 99));
    }

    /** Percentiles of claim to outcome, and its three parts, over the entries above {@code fromId}. */
    private static void report(Connection sql, long fromId) throws Exception {
        List<Double> total = new ArrayList<>();
        List<Double> toRecord = new ArrayList<>();
        List<Double> batch = new ArrayList<>();
        List<Double> toOutcome = new ArrayList<>();
        try (PreparedStatement query = sql.prepareStatement("select a.started_at, x.started_at, x.finished_at, e.finished_at"
                + " from queue_entry e join queue_attempt a on a.entry_id = e.id and a.attempt = e.attempts"
                + " join execution x on x.queue_entry_id = e.id where e.id > ? and e.status = 'SUCCEEDED'")) {
            query.setLong(1, fromId);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    Instant claimed = rows.getTimestamp(1).toInstant();
                    Instant recorded = rows.getTimestamp(2).toInstant();
                    Instant ended = rows.getTimestamp(3).toInstant();
                    Instant outcome = rows.getTimestamp(4).toInstant();
                    total.add(millis(claimed, outcome));
                    toRecord.add(millis(claimed, recorded));
                    batch.add(millis(recorded, ended));
                    toOutcome.add(millis(ended, outcome));
                }
            }
        }
        print("claim to recorded outcome", total);
        print("  claim to execution record", toRecord);
        print("  execution record to its end (batch job, process)", batch);
        print("  execution end to queue outcome", toOutcome);
    }

    private static void print(String label, List<Double> values) {
        Collections.sort(values);
        System.out.printf(Locale.ROOT, "  %-52s n=%5d  p50 %7.1f ms  p99 %7.1f ms  max %7.1f ms%n", label, values.size(),
                percentile(values, 50), percentile(values, 99), values.isEmpty() ? 0 : values.get(values.size() - 1));
    }

    /** The nearest-rank percentile {@code p} of values sorted ascending; 0 when there are none. */
    static double percentile(List<Double> sorted, int p) {
        return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static double millis(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e6;
    }

    private static long trueJob(Connection sql) throws Exception {
        try (Statement statement = sql.createStatement()) {
            statement.executeUpdate("insert into backup_job (id, name, kind, command_args, target_path, priority, max_retries, enabled,"
                    + " created_at, updated_at, version) select nextval('backup_job_seq'), 'bench-run-overhead', 'COMMAND',"
                    + " '[\"/bin/true\"]', '/tmp/bench-run-overhead', 3, 0, true, now(), now(), 0"
                    + " where not exists (select 1 from backup_job where name = 'bench-run-overhead')");
        }
        return count(sql, "select id from backup_job where name = 'bench-run-overhead'");
    }

    private static long maxEntryId(Connection sql) throws Exception {
        return count(sql, "select coalesce(max(id), 0) from queue_entry");
    }

    private static long count(Connection sql, String query) throws Exception {
        try (Statement statement = sql.createStatement(); ResultSet row = statement.executeQuery(query)) {
            row.next();
            return row.getLong(1);
        }
    }

    private static void awaitFinished(Connection sql, long fromId, int expected, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String query = "select count(*) filter (where finished_at is not null), count(*) from queue_entry where id > " + fromId;
        while (true) {
            try (Statement statement = sql.createStatement(); ResultSet row = statement.executeQuery(query)) {
                row.next();
                if (row.getLong(1) >= expected) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(row.getLong(1) + " of " + row.getLong(2) + " runs finished after " + timeout);
                }
            }
            Thread.sleep(expected == 1 ? 5 : 50); // a drain is timed to 50 ms, without loading the shared cores with polls
        }
    }

    private static long dbSchedulerDrain(int runs, int threads) throws Exception {
        String url = PeerDatabase.freshDbScheduler("db_scheduler_runs_bench");
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(PeerDatabase.USER);
        config.setPassword(PeerDatabase.PASSWORD);
        config.setMaximumPoolSize(threads + 4);
        try (HikariDataSource pool = new HikariDataSource(config)) {
            AtomicInteger done = new AtomicInteger();
            AtomicLong lastDone = new AtomicLong();
            OneTimeTask<Void> task = Tasks.oneTime("true").execute((instance, context) -> {
                try {
                    int exit = new ProcessBuilder("/bin/true").start().waitFor();
                    if (exit != 0) {
                        throw new IllegalStateException("/bin/true exited " + exit);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                done.incrementAndGet();
                lastDone.set(System.nanoTime());
            });
            Scheduler scheduler = Scheduler.create(pool, task).threads(threads).pollUsingLockAndFetch(0.5, 1.0)
                    .pollingInterval(Duration.ofMillis(50)).build();
            scheduler.start();
            SchedulerClient client = SchedulerClient.Builder.create(pool, task).build();
            long start = System.nanoTime();
            Instant now = Instant.now();
            for (int i = 0; i < runs; i++) {
                client.schedule(task.instance("run-" + i), now);
            }
            while (done.get() < runs) {
                Thread.sleep(5);
            }
            scheduler.stop();
            return lastDone.get() - start;
        }
    }

    /** The server's API, with HTTP Basic as admin. */
    private record Server(String base, HttpClient http, String authorization) {
        Server(String base, String password) {
            this(base, HttpClient.newHttpClient(),
                    "Basic " + Base64.getEncoder().encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8)));
        }

        void post(String path, String json) throws Exception {
            send(HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.ofString(json)), path);
        }

        void put(String path, String json) throws Exception {
            send(HttpRequest.newBuilder(URI.create(base + path)).PUT(HttpRequest.BodyPublishers.ofString(json)), path);
        }

        private void send(HttpRequest.Builder request, String path) throws Exception {
            HttpResponse<String> response = http.send(request.header("Authorization", authorization)
                    .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
            }
        }
    }
}
