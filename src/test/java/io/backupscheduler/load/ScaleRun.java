package io.backupscheduler.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The scale run of docs/reliability.md, in two steps around a server restart (load/scale-run.sh drives them):
 * {@code seed DB SCHEDULES EXECUTIONS} writes daily cron schedules spread evenly over the day's minutes (so about
 * SCHEDULES / 1,440 fall due each minute) and the execution history, with SQL; {@code measure DB BASE PASSWORD
 * SAMPLES MINUTES} times the API's and the console's list pages, reads the server's heap after a full GC, and
 * measures fire lateness over MINUTES whole minutes of due fires (every due schedule must fire exactly once).
 */
public final class ScaleRun {
    private static final String PREFIX = "scale-";

    private ScaleRun() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "seed" -> seed(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            case "measure" -> measure(args[1], args[2], args[3], Integer.parseInt(args[4]), Integer.parseInt(args[5]));
            default -> throw new IllegalArgumentException("seed DB SCHEDULES EXECUTIONS | measure DB BASE PASSWORD SAMPLES MINUTES");
        }
    }

    private static Connection connect(String database) throws Exception {
        return DriverManager.getConnection(PeerDatabase.url(database), PeerDatabase.USER, PeerDatabase.PASSWORD);
    }

    static void seed(String database, int schedules, int executions) throws Exception {
        long started = System.nanoTime();
        ExecutionHistoryLatency.fill(database, executions);
        System.out.printf(Locale.ROOT, "executions: %,d (%.0f s)%n", count(database, "execution"), seconds(started));
        started = System.nanoTime();
        try (Connection c = connect(database); Statement sql = c.createStatement()) {
            sql.execute("set time zone 'UTC'");
            // 100 jobs running /bin/true; schedule k of each job fires daily at minute (k mod 1440) of the day
            sql.execute("insert into backup_job (id, name, kind, command_args, target_path, priority, max_retries, enabled,"
                    + " created_at, updated_at, version) select nextval('backup_job_seq'), '" + PREFIX + "job-' || g, 'COMMAND',"
                    + " '[\"true\"]', '/tmp/backup-scheduler-scale', 3, 0, true, now(), now(), 0 from generate_series(0, 99) g"
                    + " where not exists (select 1 from backup_job where name = '" + PREFIX + "job-' || g)");
            long have = count(database, "schedule where name like '" + PREFIX + "%'");
            if (have < schedules) {
                sql.execute("insert into schedule (id, name, job_id, type, expression, last_business_day, day_filter, zone,"
                        + " enabled, misfire_policy, misfire_limit, overlap_policy, next_fire_at, created_at, updated_at, version)"
                        + " select nextval('schedule_seq'), '" + PREFIX + "' || lpad(g::text, 7, '0'), j.id, 'CRON',"
                        + " (g % 1440 % 60) || ' ' || (g % 1440 / 60) || ' * * *', false, 'ALL_DAYS', 'UTC', true, 'FIRE_ONCE', 60,"
                        + " 'ALLOW', date_trunc('day', now()) + (g % 1440) * interval '1 minute'"
                        + " + case when date_trunc('day', now()) + (g % 1440) * interval '1 minute' <= now()"
                        + " then interval '1 day' else interval '0' end, now(), now(), 0"
                        + " from generate_series(" + have + ", " + (schedules - 1) + ") g"
                        + " join (select id, row_number() over (order by id) - 1 as n from backup_job where name like '"
                        + PREFIX + "job-%') j on j.n = g % 100");
            }
            sql.execute("analyze");
        }
        System.out.printf(Locale.ROOT, "schedules: %,d (%.0f s)%n", count(database, "schedule"), seconds(started));
    }

    static void measure(String database, String base, String password, int samples, int minutes) throws Exception {
        System.out.printf(Locale.ROOT, "%,d schedules, %,d executions, %,d jobs%n", count(database, "schedule"),
                count(database, "execution"), count(database, "backup_job"));
        HttpClient api = HttpClient.newHttpClient();
        String basic = "Basic " + Base64.getEncoder().encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8));
        for (String path : new String[] {"/schedules?size=20", "/schedules?page=2500&size=20", "/executions?size=20",
                "/executions?status=FAILED&size=20", "/executions?page=499&size=20", "/executions?page=40000&size=20", "/jobs?size=20", "/queue?size=20",
                "/nodes"}) {
            ExecutionHistoryLatency.time("GET " + path, samples, () -> ExecutionHistoryLatency.get(api, base + "/api/v1" + path, basic));
        }
        HttpClient console = ExecutionHistoryLatency.signedIn(base, password);
        for (String page : new String[] {"index.xhtml", "schedules.xhtml", "executions.xhtml", "jobs.xhtml", "queue.xhtml"}) {
            ExecutionHistoryLatency.time("console " + page, samples, () -> ExecutionHistoryLatency.get(console, base + "/" + page, null));
        }
        heap(api, base, basic);

        // the timing above saturates the CPU, so admission holds runs back: the fires are measured once that
        // backlog has run, and their runs are given two minutes to start
        awaitQueueBelow(database, 10, 300);
        Instant from = Instant.now().truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
        Instant to = from.plus(minutes - 1L, ChronoUnit.MINUTES);
        while (Instant.now().isBefore(to.plusSeconds(20))) {
            TimeUnit.SECONDS.sleep(1);
        }
        awaitQueueBelow(database, 1, 120);
        lateness(database, from, to);
    }

    private static void awaitQueueBelow(String database, long open, int seconds) throws Exception {
        for (int i = 0; i < seconds && count(database, "queue_entry where status in ('READY', 'RETRY_WAIT')") >= open; i++) {
            TimeUnit.SECONDS.sleep(1);
        }
    }

    /** The server's heap in use after a full collection (jcmd GC.run on the node's pid from GET /nodes). */
    private static void heap(HttpClient api, String base, String basic) throws Exception {
        String nodes = send(api, base + "/api/v1/nodes", basic);
        Matcher pid = Pattern.compile("\"pid\":(\\d+)").matcher(nodes);
        if (pid.find()) {
            Process gc = new ProcessBuilder("jcmd", pid.group(1), "GC.run").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            gc.waitFor(60, TimeUnit.SECONDS);
        }
        String metrics = send(api, base.replaceFirst("/backup-scheduler$", "") + "/metrics", null);
        System.out.printf(Locale.ROOT, "heap after a full GC: %s MiB used of %s MiB committed (max %s MiB)%n",
                mib(metrics, "memory_usedHeap_bytes"), mib(metrics, "memory_committedHeap_bytes"), mib(metrics, "memory_maxHeap_bytes"));
    }

    private static String mib(String metrics, String name) {
        Matcher value = Pattern.compile("(?m)^" + name + "\\{[^}]*\\} ([0-9.E+]+)").matcher(metrics);
        return value.find() ? String.format(Locale.ROOT, "%.0f", Double.parseDouble(value.group(1)) / 1048576) : "?";
    }

    /** Every schedule due between the two minutes must have fired once; prints the lateness percentiles. */
    private static void lateness(String database, Instant from, Instant to) throws Exception {
        try (Connection c = connect(database); Statement sql = c.createStatement()) {
            String window = "due_at between '" + from + "' and '" + to + "'";
            long due = single(sql, "select count(*) from schedule s where s.name like '" + PREFIX + "%' and exists (select 1 from"
                    + " generate_series(timestamptz '" + from + "', timestamptz '" + to + "', interval '1 minute') m where"
                    + " s.expression = extract(minute from m at time zone 'UTC')::int || ' ' || extract(hour from m at time zone 'UTC')::int || ' * * *')");
            long fired = single(sql, "select count(*) from schedule_fire f join schedule s on s.id = f.schedule_id where s.name like '"
                    + PREFIX + "%' and " + window);
            long duplicates = single(sql, "select count(*) from (select schedule_id, due_at from schedule_fire where " + window
                    + " group by schedule_id, due_at having count(*) > 1) t");
            try (ResultSet p = sql.executeQuery("select percentile_cont(0.5) within group (order by ms), percentile_cont(0.99)"
                    + " within group (order by ms), max(ms) from (select extract(epoch from fired_at - due_at) * 1000 as ms"
                    + " from schedule_fire where " + window + ") t")) {
                p.next();
                System.out.printf(Locale.ROOT, "fires due %s to %s: %,d due, %,d fired, %d duplicates; lateness p50 %.0f ms,"
                        + " p99 %.0f ms, max %.0f ms%n", from, to, due, fired, duplicates, p.getDouble(1), p.getDouble(2), p.getDouble(3));
            }
            // and when their runs started: the queue, the worker slots and admission come on top of the fire
            try (ResultSet p = sql.executeQuery("select count(*), percentile_cont(0.5) within group (order by ms),"
                    + " percentile_cont(0.99) within group (order by ms), max(ms) from (select extract(epoch from e.started_at"
                    + " - f.due_at) * 1000 as ms from schedule_fire f join execution e on e.queue_entry_id = f.entry_id"
                    + " and e.attempt = 1 where f." + window + ") t")) {
                p.next();
                System.out.printf(Locale.ROOT, "their runs: %,d started; start minus due p50 %.0f ms, p99 %.0f ms, max %.0f ms%n",
                        p.getLong(1), p.getDouble(2), p.getDouble(3), p.getDouble(4));
            }
        }
    }

    private static long single(Statement sql, String query) throws Exception {
        try (ResultSet rows = sql.executeQuery(query)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static long count(String database, String tableAndFilter) throws Exception {
        try (Connection c = connect(database); Statement sql = c.createStatement()) {
            return single(sql, "select count(*) from " + tableAndFilter);
        }
    }

    private static String send(HttpClient client, String url, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static double seconds(long sinceNanos) {
        return (System.nanoTime() - sinceNanos) / 1e9;
    }
}
