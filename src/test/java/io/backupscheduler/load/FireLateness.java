package io.backupscheduler.load;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Fire lateness with many schedules, a thousand of them due in the same minute: how long after the due instant
 * the queue entry is written (our schedule_fire.fired_at minus due_at), on a running server; and, in the same
 * run, how long after its execution time db-scheduler starts a task, with as many tasks due at once.
 * <pre>
 * # terminal 1: the server on PostgreSQL (the database must exist)
 * createdb -h 127.0.0.1 -U postgres backup_scheduler_bench
 * BACKUP_DB=postgresql BACKUP_DB_HOST=127.0.0.1 BACKUP_DB_NAME=backup_scheduler_bench BACKUP_DB_USER=postgres \
 *   BACKUP_DB_PASSWORD=postgres mvn liberty:run
 * # terminal 2
 * mvn -q test-compile exec:java -Dexec.mainClass=io.backupscheduler.load.FireLateness -Dexec.args="10000 1000 backup_scheduler_bench"
 * </pre>
 * Arguments: schedules (10000), due in the same minute (1000), the server's database. Rows are written with SQL,
 * as the server sees rows another node wrote, and removed afterwards. Uses -Dit.db.* like the integration tests.
 */
public final class FireLateness {
    private static final String USER = PeerDatabase.USER;
    private static final String PASSWORD = PeerDatabase.PASSWORD;
    private static final String PREFIX = "lateness-";

    private FireLateness() {
    }

    public static void main(String[] args) throws Exception {
        int total = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int due = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        String database = args.length > 2 ? args[2] : "backup_scheduler_bench";
        System.out.printf("schedules=%d due in one minute=%d, %d CPUs, Java %s%n", total, due,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        System.out.println(ours(total, due, database));
        System.out.println(dbScheduler(total, due));
        System.exit(0);
    }

    private static String ours(int total, int due, String database) throws Exception {
        try (Connection c = DriverManager.getConnection(PeerDatabase.url(database), USER, PASSWORD)) {
            String result = null;
            for (int round = 1; round <= 2; round++) { // round 1 warms the server's JIT up; round 2 is reported
                cleanUp(c);
                long jobId = insertJob(c);
                // the next minute at least 80 s away: the server's wake-up (polling at most every 30 s) sees the rows first
                ZonedDateTime at = Instant.now().plusSeconds(80).atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
                ZonedDateTime other = at.minusHours(2); // the others fire daily two hours earlier: tomorrow, not in the window
                insertSchedules(c, jobId, total, due, at, other);
                System.out.println("round " + round + ": our schedules are due at " + at.toInstant() + "; waiting");
                sleepUntil(at.toInstant().minusSeconds(2));
                List<Long> visible = visibleLateness(c, jobId, at.toInstant(), due);
                sleepUntil(at.toInstant().plusSeconds(30));
                result = summary("Backup Scheduler (server, PostgreSQL): fire -> queue insert", due, lateness(c, at.toInstant()))
                        + String.format(", duplicates %d", duplicates(c)) + "\n"
                        + summary("Backup Scheduler (server, PostgreSQL): fire -> entry committed", due, visible);
                System.out.println("round " + round + ": " + result);
            }
            cleanUp(c);
            return result;
        }
    }

    private static List<Long> lateness(Connection c, Instant at) throws Exception {
        List<Long> lateness = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement("select extract(epoch from (f.fired_at - f.due_at)) * 1000"
                + " from schedule_fire f join schedule s on s.id = f.schedule_id where s.name like ? and f.due_at = ?")) {
            q.setString(1, PREFIX + "%");
            q.setTimestamp(2, Timestamp.from(at));
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    lateness.add(Math.round(rs.getDouble(1)));
                }
            }
        }
        return lateness;
    }

    /**
     * When the runs become visible to other transactions (committed), as another node sees them: the number of
     * the job's entries, looked at every few milliseconds until all are there or 15 s have passed.
     */
    private static List<Long> visibleLateness(Connection c, long jobId, Instant at, int expected) throws Exception {
        List<Long> lateness = new ArrayList<>();
        Instant deadline = at.plusSeconds(15);
        try (PreparedStatement q = c.prepareStatement("select count(*) from queue_entry where job_id = ?")) {
            q.setLong(1, jobId);
            int seen = 0;
            while (seen < expected && Instant.now().isBefore(deadline)) {
                int count;
                try (ResultSet rs = q.executeQuery()) {
                    rs.next();
                    count = rs.getInt(1);
                }
                long late = Duration.between(at, Instant.now()).toMillis();
                for (; seen < count; seen++) {
                    lateness.add(late);
                }
                Thread.sleep(2);
            }
        }
        return lateness;
    }

    private static long duplicates(Connection c) throws Exception {
        try (PreparedStatement q = c.prepareStatement("select count(*) - count(distinct f.schedule_id) from schedule_fire f"
                + " join schedule s on s.id = f.schedule_id where s.name like ?")) {
            q.setString(1, PREFIX + "%");
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static long insertJob(Connection c) throws Exception {
        try (Statement s = c.createStatement()) {
            ResultSet rs = s.executeQuery("select nextval('backup_job_seq')");
            rs.next();
            long id = rs.getLong(1);
            s.executeUpdate("insert into backup_job (id, name, kind, source_path, target_path, priority, max_retries, enabled,"
                    + " created_at, updated_at, version) values (" + id + ", '" + PREFIX + "job', 'DIRECTORY', '/srv/bench',"
                    + " '/backups/bench', 3, 0, true, now(), now(), 0)");
            return id;
        }
    }

    private static void insertSchedules(Connection c, long jobId, int total, int due, ZonedDateTime at, ZonedDateTime other)
            throws Exception {
        c.setAutoCommit(false);
        try (Statement seq = c.createStatement();
             PreparedStatement insert = c.prepareStatement("insert into schedule (id, name, job_id, type, expression,"
                     + " last_business_day, day_filter, zone, enabled, misfire_policy, misfire_limit, overlap_policy,"
                     + " next_fire_at, created_at, updated_at, version) values (?, ?, ?, 'CRON', ?, false, 'ALL_DAYS', 'UTC',"
                     + " true, 'FIRE_ONCE', 10, 'FORBID', ?, now(), now(), 0)")) {
            long next = 0;
            long last = -1;
            for (int i = 0; i < total; i++) {
                if (next > last) { // a block of 50 ids, as Hibernate's pooled generator takes them
                    ResultSet rs = seq.executeQuery("select nextval('schedule_seq')");
                    rs.next();
                    last = rs.getLong(1);
                    next = Math.max(1, last - 49);
                }
                ZonedDateTime fire = i < due ? at : other.plusDays(1);
                insert.setLong(1, next++);
                insert.setString(2, PREFIX + i);
                insert.setLong(3, jobId);
                insert.setString(4, fire.getMinute() + " " + fire.getHour() + " * * *");
                insert.setTimestamp(5, Timestamp.from(fire.toInstant()));
                insert.addBatch();
                if (i % 500 == 499) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
            c.commit();
        } finally {
            c.setAutoCommit(true);
        }
    }

    private static void cleanUp(Connection c) throws Exception {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("delete from queue_entry where job_id in (select id from backup_job where name = '" + PREFIX + "job')");
            s.executeUpdate("delete from backup_job where name = '" + PREFIX + "job'"); // its schedules and fires cascade
        }
    }

    private static String dbScheduler(int total, int due) throws Exception {
        String url = PeerDatabase.freshDbScheduler("db_scheduler_lateness");
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(USER);
        config.setPassword(PASSWORD);
        config.setMaximumPoolSize(12);
        try (HikariDataSource pool = new HikariDataSource(config)) {
            ConcurrentLinkedQueue<Long> lateness = new ConcurrentLinkedQueue<>();
            OneTimeTask<Void> task = Tasks.oneTime("backup").execute((instance, context) ->
                    lateness.add(Duration.between(context.getExecution().executionTime, Instant.now()).toMillis()));
            SchedulerClient client = SchedulerClient.Builder.create(pool, task).build();
            Scheduler scheduler = Scheduler.create(pool, task).threads(8).build(); // its defaults: polling every 10 s
            scheduler.start();
            String result = null;
            for (int round = 1; round <= 2; round++) { // as for ours: round 1 warms up, round 2 is reported
                lateness.clear();
                Instant at = Instant.now().plusSeconds(40).truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
                for (int i = 0; i < total; i++) {
                    client.schedule(task.instance(round + "-" + i), i < due ? at : at.plus(Duration.ofDays(1)));
                }
                System.out.println("round " + round + ": db-scheduler's tasks are due at " + at + "; waiting");
                sleepUntil(at.plusSeconds(30));
                result = summary("db-scheduler 16.7.1 (defaults, 8 threads): due -> task starts", due, new ArrayList<>(lateness));
                System.out.println("round " + round + ": " + result);
            }
            scheduler.stop();
            return result;
        }
    }

    private static String summary(String label, int expected, List<Long> lateness) {
        if (lateness.isEmpty()) {
            return label + ": nothing fired";
        }
        Collections.sort(lateness);
        return String.format("%-58s fired %d of %d   p50 %5d ms   p99 %5d ms   max %5d ms", label, lateness.size(), expected,
                percentile(lateness, 50), percentile(lateness, 99), lateness.get(lateness.size() - 1));
    }

    private static long percentile(List<Long> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static void sleepUntil(Instant instant) throws InterruptedException {
        long millis = Duration.between(Instant.now(), instant).toMillis();
        if (millis > 0) {
            Thread.sleep(millis);
        }
    }
}
