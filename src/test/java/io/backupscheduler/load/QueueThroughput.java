package io.backupscheduler.load;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.zaxxer.hikari.HikariDataSource;
import io.backupscheduler.job.BackupJob;
import io.backupscheduler.job.TestJobs;
import io.backupscheduler.persistence.JpaTestDatabase;
import io.backupscheduler.queue.QueueStore;
import io.backupscheduler.queue.RetryPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * End-to-end throughput of no-op queue entries (enqueue, claim, complete) on PostgreSQL and H2, and of
 * db-scheduler's one-time tasks on the same PostgreSQL with the same thread count, in one run.
 * <pre>
 * mvn -q test-compile exec:java -Dexec.mainClass=io.backupscheduler.load.QueueThroughput [-Dexec.args="5000 8 10"]
 * </pre>
 * Arguments: entries (5000), threads (8), claim batch (10). Needs PostgreSQL as the integration tests do
 * (-Dit.db.host, -Dit.db.port, -Dit.db.user, -Dit.db.password); it creates and drops its own databases.
 */
public final class QueueThroughput {
    private static final RetryPolicy RETRY = new RetryPolicy(Duration.ofSeconds(1), 2, Duration.ofSeconds(10), 1, 0);

    /**
     * {@code -Dqueue.analyze=true}: ANALYZE each queue's table between enqueueing and processing (outside the timings),
     * as autovacuum does on a server within a minute of a burst; without it the planner sees a table it has never
     * measured.
     */
    private static final boolean ANALYZE = Boolean.getBoolean("queue.analyze");
    /**
     * {@code -Dqueue.h2=false} leaves H2 out: it has no partial index, so each claim sorts every ready row, and at
     * 100,000 entries that round alone takes many minutes. H2 is the embedded demo's database, not one to scale on.
     */
    private static final boolean H2 = !"false".equals(System.getProperty("queue.h2"));
    /**
     * {@code -Dqueue.profile=true}: prints, for each fifth of our drain, the mean time of a claim and of a complete (each
     * its own transaction): whether a step slows as the table fills with finished entries.
     */
    private static final boolean PROFILE = Boolean.getBoolean("queue.profile");

    private QueueThroughput() {
    }

    public static void main(String[] args) throws Exception {
        int entries = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        System.out.printf("entries=%d threads=%d claim batch=%d, %d CPUs, Java %s%n", entries, threads, batch,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        List<String> results = new ArrayList<>();
        for (int round = 1; round <= 2; round++) { // round 1 warms up the JIT; round 2 is reported
            results.clear();
            results.add(backupSchedulerOnPostgres(entries, threads, batch));
            if (H2) {
                results.add(backupSchedulerOnH2(entries, threads, batch));
            }
            results.add(dbSchedulerOnPostgres(entries, threads));
            System.out.println("round " + round + (round == 1 ? " (warm-up)" : ""));
            results.forEach(System.out::println);
        }
        System.exit(0);
    }

    private static String backupSchedulerOnPostgres(int entries, int threads, int batch) throws Exception {
        String database = PeerDatabase.fresh("backup_scheduler_bench");
        try (HikariDataSource pool = JpaTestDatabase.pooled(PeerDatabase.url(database), PeerDatabase.USER, PeerDatabase.PASSWORD,
                threads + 2);
             JpaTestDatabase db = new JpaTestDatabase(pool)) {
            return ours("Backup Scheduler, PostgreSQL", db, entries, threads, batch);
        }
    }

    private static String backupSchedulerOnH2(int entries, int threads, int batch) throws Exception {
        try (HikariDataSource pool = JpaTestDatabase.pooled("jdbc:h2:mem:bench" + System.nanoTime() + ";MODE=LEGACY;DB_CLOSE_DELAY=-1",
                "sa", "", threads + 2);
             JpaTestDatabase db = new JpaTestDatabase(pool)) {
            return ours("Backup Scheduler, H2", db, entries, threads, batch);
        }
    }

    private static String ours(String label, JpaTestDatabase db, int entries, int threads, int batch) throws Exception {
        long jobId = db.inTransaction(em -> {
            BackupJob job = TestJobs.directory("no-op");
            em.persist(job);
            return job.getId();
        });
        long enqueueNanos = inParallel(threads, entries, i -> db.inTransaction(em -> new QueueStore(em, Clock.systemUTC(), 20)
                .intake().enqueue(jobId, null, null, Set.of(), null, null)));
        if (ANALYZE) {
            db.inTransaction(em -> em.createNativeQuery(label.endsWith("H2") ? "analyze table queue_entry" : "analyze queue_entry")
                    .executeUpdate());
        }
        AtomicInteger done = new AtomicInteger();
        DrainProfile profile = new DrainProfile(entries);
        long start = System.nanoTime();
        runWorkers(threads, worker -> {
            String node = "node-" + worker;
            while (true) {
                long claimStart = System.nanoTime();
                List<Long> claimed = db.inTransaction(em -> new QueueStore(em, Clock.systemUTC(), 20)
                        .leases().claim(node, batch, Duration.ofMinutes(5), RETRY, () -> 0.5));
                if (claimed.isEmpty()) {
                    return;
                }
                long completeStart = System.nanoTime();
                db.inTransaction(em -> {
                    QueueStore store = new QueueStore(em, Clock.systemUTC(), 20);
                    store.outcomes().complete(claimed, node); // the no-op work is done
                    return null;
                });
                profile.add(done.addAndGet(claimed.size()), completeStart - claimStart, System.nanoTime() - completeStart);
            }
        });
        long processNanos = System.nanoTime() - start;
        if (PROFILE) {
            System.out.println(label + ", drain by fifths: " + profile);
        }
        if (done.get() != entries) {
            throw new IllegalStateException(label + ": processed " + done.get() + " of " + entries);
        }
        return line(label, entries, enqueueNanos, processNanos);
    }

    private static String dbSchedulerOnPostgres(int entries, int threads) throws Exception {
        String url = PeerDatabase.freshDbScheduler("db_scheduler_bench");
        try (HikariDataSource pool = JpaTestDatabase.pooled(url, PeerDatabase.USER, PeerDatabase.PASSWORD, threads + 4)) {
            AtomicInteger done = new AtomicInteger();
            AtomicLong lastDone = new AtomicLong();
            OneTimeTask<Void> task = Tasks.oneTime("no-op").execute((instance, context) -> {
                done.incrementAndGet();
                lastDone.set(System.nanoTime());
            });
            SchedulerClient client = SchedulerClient.Builder.create(pool, task).build();
            Instant now = Instant.now();
            long enqueueNanos = inParallel(threads, entries, i -> client.schedule(task.instance("i" + i), now));
            if (ANALYZE) {
                try (var connection = pool.getConnection(); var statement = connection.createStatement()) {
                    statement.execute("analyze scheduled_tasks");
                }
            }
            Scheduler scheduler = Scheduler.create(pool, task)
                    .threads(threads)
                    .pollUsingLockAndFetch(0.5, 1.0)
                    .pollingInterval(Duration.ofMillis(50))
                    .registerShutdownHook()
                    .build();
            long start = System.nanoTime();
            scheduler.start();
            while (done.get() < entries) {
                Thread.sleep(5);
            }
            long processNanos = lastDone.get() - start;
            scheduler.stop();
            return line("db-scheduler 16.7.1, PostgreSQL (lock-and-fetch)", entries, enqueueNanos, processNanos);
        }
    }

    private static String line(String label, int entries, long enqueueNanos, long processNanos) {
        double enqueue = entries / (enqueueNanos / 1e9);
        double process = entries / (processNanos / 1e9);
        double endToEnd = entries / ((enqueueNanos + processNanos) / 1e9);
        return String.format("%-48s enqueue %8.0f/s   claim+complete %8.0f/s   end-to-end %8.0f/s", label, enqueue, process, endToEnd);
    }

    /** Claim and complete times summed per fifth of a drain, by how many entries were done when each ended. */
    private static final class DrainProfile {
        private final int entries;
        private final long[] claims = new long[5];
        private final long[] claimNanos = new long[5];
        private final long[] completeNanos = new long[5];

        DrainProfile(int entries) {
            this.entries = entries;
        }

        synchronized void add(int doneSoFar, long claim, long complete) {
            int fifth = Math.min(4, (int) ((long) (doneSoFar - 1) * 5 / entries));
            claims[fifth]++;
            claimNanos[fifth] += claim;
            completeNanos[fifth] += complete;
        }

        @Override
        public synchronized String toString() {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < 5; i++) {
                out.append(String.format("%s%.1f / %.1f ms", i == 0 ? "claim / complete " : ", ",
                        claimNanos[i] / 1e6 / Math.max(1, claims[i]), completeNanos[i] / 1e6 / Math.max(1, claims[i])));
            }
            return out.toString();
        }
    }

    /** Work for the i-th item or the i-th worker; may throw, which fails the run. */
    interface Indexed {
        void run(int i) throws Exception;
    }

    /** Nanoseconds that {@code threads} threads take to do {@code work} for 0 to {@code count - 1}, each index once. */
    static long inParallel(int threads, int count, Indexed work) throws Exception {
        AtomicInteger next = new AtomicInteger();
        long start = System.nanoTime();
        runWorkers(threads, worker -> {
            for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                work.run(i);
            }
        });
        return System.nanoTime() - start;
    }

    private static void runWorkers(int threads, Indexed worker) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> futures = new ArrayList<>();
        for (int w = 0; w < threads; w++) {
            int id = w;
            futures.add(pool.submit(() -> {
                worker.run(id);
                return null;
            }));
        }
        for (Future<?> future : futures) {
            future.get(30, TimeUnit.MINUTES);
        }
        pool.shutdown();
    }
}
