package io.backupscheduler.load;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.zaxxer.hikari.HikariDataSource;
import io.backupscheduler.job.BackupJob;
import io.backupscheduler.job.TestJobs;
import io.backupscheduler.persistence.JpaTestDatabase;
import io.backupscheduler.queue.QueueIntake;
import io.backupscheduler.queue.QueueStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where the enqueue's time goes against db-scheduler's (issue 26): the same number of single-entry enqueues from the
 * same threads on the same PostgreSQL, six ways, each on a new database:
 * <ol>
 *   <li>ours as {@code QueueThroughput} enqueues: {@code QueueIntake.enqueue} in a JPA transaction of its own;</li>
 *   <li>the same INSERT ... SELECT through plain JDBC, in a transaction (BEGIN with the insert, then COMMIT);</li>
 *   <li>the same statement through plain JDBC in autocommit (one round trip, committed by the statement);</li>
 *   <li>the entry and its audit line in one statement ({@code WITH ... INSERT}), in autocommit: what the server's
 *   {@code JobQueue.add} writes, atomic and in one round trip;</li>
 *   <li>the same, after reading the job (its name for the audit line), as the server would have to;</li>
 *   <li>db-scheduler's {@code SchedulerClient.schedule} (a SELECT, then an INSERT in autocommit).</li>
 * </ol>
 * 1 against 2 is what JPA and Hibernate add; 2 against 3 what the transaction costs; 3 against 6 the statement's and
 * the table's weight; 4 and 5 whether an atomic enqueue with its audit line could match db-scheduler. Three rounds;
 * the first warms up the JIT.
 * <pre>
 * mvn -q test-compile exec:java -Dexec.mainClass=io.backupscheduler.load.EnqueueCostSplit -Dexec.classpathScope=test \
 *     -Dexec.args="20000 8"
 * </pre>
 * Needs PostgreSQL as the integration tests do (-Dit.db.host, ...); it creates and drops its own databases.
 */
public final class EnqueueCostSplit {
    private EnqueueCostSplit() {
    }

    public static void main(String[] args) throws Exception {
        int entries = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        System.out.printf(Locale.ROOT, "entries=%d threads=%d, %d CPUs, Java %s%n", entries, threads,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        for (int round = 1; round <= 3; round++) {
            System.out.println("round " + round + (round == 1 ? " (warm-up)" : ""));
            report("ours: JPA transaction (QueueIntake)", entries, ours(entries, threads, Way.JPA));
            report("same INSERT, JDBC, BEGIN + COMMIT", entries, ours(entries, threads, Way.JDBC_TRANSACTION));
            report("same INSERT, JDBC, autocommit", entries, ours(entries, threads, Way.JDBC_AUTOCOMMIT));
            report("entry + audit line in one statement", entries, ours(entries, threads, Way.WITH_AUDIT));
            report("job read, then entry + audit line", entries, ours(entries, threads, Way.JOB_READ_WITH_AUDIT));
            report("db-scheduler 16.7.1 schedule()", entries, dbScheduler(entries, threads));
        }
        System.exit(0);
    }

    private enum Way { JPA, JDBC_TRANSACTION, JDBC_AUTOCOMMIT, WITH_AUDIT, JOB_READ_WITH_AUDIT }

    /** The entry and its audit line (as {@code JobQueue.add} records it) in one statement, so in one round trip. */
    private static final String WITH_AUDIT_LINE = "with entry as (" + QueueIntake.READY_INSERT + " returning id)"
            + " insert into audit_entry (id, at, actor, action, target_type, target_id, summary, after_json)"
            + " select ?, ?, ?, 'queue.add', 'queue-entry', cast(entry.id as varchar), ?, ? from entry";

    private static long ours(int entries, int threads, Way way) throws Exception {
        String database = PeerDatabase.fresh("backup_scheduler_bench");
        try (HikariDataSource pool = JpaTestDatabase.pooled(PeerDatabase.url(database), PeerDatabase.USER, PeerDatabase.PASSWORD,
                threads + 2);
             JpaTestDatabase db = new JpaTestDatabase(pool)) {
            long jobId = db.inTransaction(em -> {
                BackupJob job = TestJobs.directory("no-op");
                em.persist(job);
                return job.getId();
            });
            if (way == Way.JPA) {
                return QueueThroughput.inParallel(threads, entries, i -> db.inTransaction(em -> new QueueStore(em, Clock.systemUTC(), 20)
                        .intake().enqueue(jobId, null, null, Set.of(), null, null)));
            }
            if (way == Way.WITH_AUDIT || way == Way.JOB_READ_WITH_AUDIT) {
                AtomicLong ids = new AtomicLong(1_000_000);
                return QueueThroughput.inParallel(threads, entries, i -> {
                    try (Connection connection = pool.getConnection()) {
                        String jobName = way == Way.JOB_READ_WITH_AUDIT ? jobName(connection, jobId) : "no-op";
                        insertWithAuditLine(connection, ids.incrementAndGet(), ids.incrementAndGet(), jobId, jobName);
                    }
                });
            }
            boolean autocommit = way == Way.JDBC_AUTOCOMMIT;
            AtomicLong ids = new AtomicLong(1_000_000); // far above the sequence: no collision with the job's own rows
            return QueueThroughput.inParallel(threads, entries, i -> {
                try (Connection connection = pool.getConnection()) {
                    connection.setAutoCommit(autocommit);
                    try (PreparedStatement insert = connection.prepareStatement(QueueIntake.READY_INSERT)) {
                        bind(insert, ids.incrementAndGet(), jobId);
                        insert.addBatch(); // as QueueIntake sends it: a batch, here of one
                        insert.executeBatch();
                    }
                    if (!autocommit) {
                        connection.commit();
                        connection.setAutoCommit(true);
                    }
                }
            });
        }
    }

    /** What the audit line's summary needs, and what decides whether the entry may be written by one INSERT. */
    private static String jobName(Connection connection, long jobId) throws Exception {
        try (PreparedStatement job = connection.prepareStatement("select j.name, j.priority, j.max_retries,"
                + " exists (select 1 from backup_job_dependency d where d.job_id = j.id) from backup_job j where j.id = ?")) {
            job.setLong(1, jobId);
            try (ResultSet row = job.executeQuery()) {
                row.next();
                return row.getString(1);
            }
        }
    }

    private static void insertWithAuditLine(Connection connection, long entryId, long auditId, long jobId, String jobName)
            throws Exception {
        try (PreparedStatement insert = connection.prepareStatement(WITH_AUDIT_LINE)) {
            bind(insert, entryId, jobId);
            insert.setLong(14, auditId);
            insert.setObject(15, Instant.now().atOffset(ZoneOffset.UTC));
            insert.setString(16, "system");
            insert.setString(17, "job " + jobName + " (NORMAL)");
            insert.setString(18, "{\"jobId\":" + jobId + ",\"priority\":\"NORMAL\",\"dependsOn\":[]}");
            insert.executeUpdate();
        }
    }

    private static void bind(PreparedStatement insert, long id, long jobId) throws Exception {
        OffsetDateTime now = Instant.now().atOffset(ZoneOffset.UTC);
        insert.setLong(1, id);
        insert.setNull(2, Types.INTEGER);
        insert.setNull(3, Types.VARCHAR);
        insert.setObject(4, now);
        insert.setObject(5, now);
        insert.setString(6, "BACKUP");
        insert.setString(7, "BLOCK");
        insert.setNull(8, Types.BIGINT);
        insert.setObject(9, now);
        insert.setObject(10, now);
        insert.setString(11, "BACKUP");
        insert.setLong(12, jobId);
        insert.setString(13, "BACKUP");
    }

    private static long dbScheduler(int entries, int threads) throws Exception {
        String url = PeerDatabase.freshDbScheduler("db_scheduler_bench");
        try (HikariDataSource pool = JpaTestDatabase.pooled(url, PeerDatabase.USER, PeerDatabase.PASSWORD, threads + 2)) {
            OneTimeTask<Void> task = Tasks.oneTime("no-op").execute((instance, context) -> { });
            SchedulerClient client = SchedulerClient.Builder.create(pool, task).build();
            Instant now = Instant.now();
            return QueueThroughput.inParallel(threads, entries, i -> client.schedule(task.instance("i" + i), now));
        }
    }

    private static void report(String label, int entries, long nanos) {
        System.out.printf(Locale.ROOT, "  %-40s %,8.0f enqueues/s%n", label, entries / (nanos / 1e9));
    }
}
