package io.backupscheduler.queue;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.backupscheduler.job.BackupJob;
import io.backupscheduler.job.TestJobs;
import io.backupscheduler.persistence.JpaTestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Transactions at once on one PostgreSQL database (the one the integration tests use): SKIP LOCKED must hand every
 * entry to exactly one of many claimers, and none may wait on another's locks; a dependency added while its target
 * completes must not leave its entry waiting for ever.
 */
class QueueConcurrencyIT {
    private static final String HOST = System.getProperty("it.db.host", "127.0.0.1");
    private static final String PORT = System.getProperty("it.db.port", "5432");
    private static final String USER = System.getProperty("it.db.user", "postgres");
    private static final String PASSWORD = System.getProperty("it.db.password", "postgres");
    private static final String DATABASE = "backup_scheduler_claims_it";
    private static final RetryPolicy RETRY = new RetryPolicy(Duration.ofSeconds(1), 2, Duration.ofSeconds(10), 1, 0);

    private static HikariDataSource dataSource;
    private static JpaTestDatabase db;

    @BeforeAll
    static void freshDatabase() throws Exception {
        try (Connection admin = DriverManager.getConnection("jdbc:postgresql://" + HOST + ":" + PORT + "/postgres", USER, PASSWORD);
             Statement sql = admin.createStatement()) {
            sql.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
            sql.execute("CREATE DATABASE " + DATABASE);
        }
        // pooled, as on a server: a connection per transaction made each claim pay for a new backend and the driver's
        // column metadata again, and the tests took a minute where they take seconds
        dataSource = JpaTestDatabase.pooled("jdbc:postgresql://" + HOST + ":" + PORT + "/" + DATABASE, USER, PASSWORD,
                10); // eight claimers, the test's own thread and one to spare
        db = new JpaTestDatabase(dataSource);
    }

    @AfterAll
    static void close() {
        if (db != null) {
            db.close();
        }
        if (dataSource != null) {
            dataSource.close();
        }
    }

    /** Each test starts with nothing claimable: what one test leaves READY, another's claims would take. */
    @BeforeEach
    void nothingClaimable() {
        while (true) {
            List<Long> left = db.inTransaction(em -> new QueueStore(em, Clock.systemUTC(), 20)
                    .leases().claim("sweeper", 100, Duration.ofMinutes(5), RETRY, () -> 0.5));
            if (left.isEmpty()) {
                return;
            }
            db.inTransaction(em -> {
                new QueueStore(em, Clock.systemUTC(), 20).outcomes().complete(left, "sweeper");
                return null;
            });
        }
    }

    @Test
    void eightClaimersTakeEachOfSixHundredEntriesExactlyOnce() throws Exception {
        int entries = 600;
        List<Long> ids = db.inTransaction(em -> {
            BackupJob job = TestJobs.directory("claimed");
            em.persist(job);
            QueueStore store = new QueueStore(em, Clock.systemUTC(), 20);
            List<Long> made = new ArrayList<>();
            for (int i = 0; i < entries; i++) {
                made.add(store.intake().enqueue(job, null, null, Set.of(), null, null).getId());
            }
            return made;
        });

        Map<Long, String> claimedBy = new ConcurrentHashMap<>();
        AtomicInteger duplicates = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Integer>> workers = new ArrayList<>();
        for (int w = 0; w < 8; w++) {
            String node = "node-" + w;
            workers.add(pool.submit(() -> {
                int mine = 0;
                while (true) {
                    List<Long> claimed = db.inTransaction(em -> new QueueStore(em, Clock.systemUTC(), 20)
                            .leases().claim(node, 5, Duration.ofMinutes(5), RETRY, () -> 0.5));
                    if (claimed.isEmpty()) {
                        return mine;
                    }
                    for (long id : claimed) {
                        if (claimedBy.putIfAbsent(id, node) != null) {
                            duplicates.incrementAndGet();
                        }
                    }
                    db.inTransaction(em -> {
                        QueueStore store = new QueueStore(em, Clock.systemUTC(), 20);
                        store.outcomes().complete(claimed, node);
                        return null;
                    });
                    mine += claimed.size();
                }
            }));
        }
        int total = 0;
        List<Integer> perWorker = new ArrayList<>();
        for (Future<Integer> worker : workers) {
            int n = worker.get(2, TimeUnit.MINUTES);
            perWorker.add(n);
            total += n;
        }
        pool.shutdown();

        assertThat(duplicates.get()).isZero();
        assertThat(total).isEqualTo(entries);
        assertThat(claimedBy.keySet()).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(perWorker.stream().filter(n -> n > 0).count()).as("work spread over claimers: %s", perWorker)
                .isGreaterThan(1);
        long succeeded = db.inTransaction(em -> em.createQuery(
                "select count(e) from QueueEntry e where e.status = :s and e.id in :ids", Long.class)
                .setParameter("s", QueueStatus.SUCCEEDED).setParameter("ids", ids).getSingleResult());
        assertThat(succeeded).isEqualTo(entries);
    }

    @Test
    void eightClaimersNeverHoldASharedLimitOfTwoMoreThanTwiceAtOnce() throws Exception {
        int entries = 120;
        db.inTransaction(em -> em.createNativeQuery("insert into shared_limit (name, capacity, created_at, updated_at, version)"
                + " values ('claims-nas', 2, current_timestamp, current_timestamp, 0)").executeUpdate());
        long limitedJob = db.inTransaction(em -> {
            BackupJob limited = TestJobs.directory("limited", List.of("claims-nas"));
            BackupJob free = TestJobs.directory("free");
            em.persist(limited);
            em.persist(free);
            QueueStore store = new QueueStore(em, Clock.systemUTC(), 20);
            for (int i = 0; i < entries; i++) {
                store.intake().enqueue(i % 4 == 3 ? free : limited, null, null, Set.of(), null, null);
            }
            return limited.getId();
        });

        AtomicInteger mostRunning = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Integer>> workers = new ArrayList<>();
        for (int w = 0; w < 8; w++) {
            String node = "limited-node-" + w;
            workers.add(pool.submit(() -> {
                int mine = 0;
                int idle = 0;
                while (idle < 50) {
                    List<Long> claimed = db.inTransaction(em -> new QueueStore(em, Clock.systemUTC(), 20)
                            .leases().claim(node, 3, Duration.ofMinutes(5), RETRY, () -> 0.5));
                    if (claimed.isEmpty()) {
                        idle++;
                        Thread.sleep(2);
                        continue;
                    }
                    idle = 0;
                    // what the database holds right after this claim committed, before this claimer completes anything
                    int running = db.inTransaction(em -> ((Number) em.createNativeQuery("select count(*) from queue_entry"
                            + " where status = 'RUNNING' and job_id = " + limitedJob).getSingleResult()).intValue());
                    mostRunning.accumulateAndGet(running, Math::max);
                    db.inTransaction(em -> {
                        new QueueStore(em, Clock.systemUTC(), 20).outcomes().complete(claimed, node);
                        return null;
                    });
                    mine += claimed.size();
                }
                return mine;
            }));
        }
        int total = 0;
        for (Future<Integer> worker : workers) {
            total += worker.get(2, TimeUnit.MINUTES);
        }
        pool.shutdown();

        assertThat(total).isEqualTo(entries);
        assertThat(mostRunning.get()).as("runs of the limited job holding the limit of 2 at once, at most").isBetween(1, 2);
    }

    @Test
    void aDependencyAddedWhileItsTargetCompletesSeesTheCompletion() throws Exception {
        long[] ids = runningTargetAndReadyEntry("completes-first");
        long target = ids[0];
        long entry = ids[1];

        firstHoldsItsLocksWhileSecondStarts(
                store -> store.outcomes().complete(List.of(target), "race-node"),
                () -> { },
                store -> store.intake().addDependencies(store.get(entry), Set.of(target)));

        assertThat(statusOf(entry)).as("the entry waited for a target that had succeeded").isEqualTo(QueueStatus.READY);
    }

    @Test
    void aCompletionWhileADependencyOnItIsAddedReleasesTheNewDependent() throws Exception {
        long[] ids = runningTargetAndReadyEntry("depends-first");
        long target = ids[0];
        long entry = ids[1];

        firstHoldsItsLocksWhileSecondStarts(
                store -> store.intake().addDependencies(store.get(entry), Set.of(target)),
                () -> assertThat(statusOf(entry)).as("committed state while the dependency is not").isEqualTo(QueueStatus.READY),
                store -> store.outcomes().complete(List.of(target), "race-node"));

        assertThat(statusOf(target)).isEqualTo(QueueStatus.SUCCEEDED);
        assertThat(statusOf(entry)).as("released by the target's completion").isEqualTo(QueueStatus.READY);
    }

    /**
     * Runs {@code first} in a transaction that stays open, holding its locks, until {@code second}, started in another
     * once {@code first}'s work is done (and {@code meanwhile} has run), has had half a second to read what it reads
     * and to wait for those locks; then both commit.
     */
    private static void firstHoldsItsLocksWhileSecondStarts(Consumer<QueueStore> first, Runnable meanwhile,
                                                           Consumer<QueueStore> second) throws Exception {
        CountDownLatch firstDone = new CountDownLatch(1);
        CountDownLatch commitFirst = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> firstCommitted = pool.submit(() -> db.inTransaction(em -> {
                first.accept(new QueueStore(em, Clock.systemUTC(), 20));
                firstDone.countDown();
                await(commitFirst);
                return null;
            }));
            await(firstDone);
            meanwhile.run();
            Future<?> secondCommitted = pool.submit(() -> db.inTransaction(em -> {
                second.accept(new QueueStore(em, Clock.systemUTC(), 20));
                return null;
            }));
            Thread.sleep(500);
            commitFirst.countDown();
            firstCommitted.get(30, TimeUnit.SECONDS);
            secondCommitted.get(30, TimeUnit.SECONDS);
        } finally {
            commitFirst.countDown();
            pool.shutdown();
        }
    }

    /** A run of one job claimed by race-node (RUNNING), then a READY run of another job: the two ids. */
    private static long[] runningTargetAndReadyEntry(String name) {
        long target = db.inTransaction(em -> {
            BackupJob job = TestJobs.directory(name + "-target");
            em.persist(job);
            return new QueueStore(em, Clock.systemUTC(), 20).intake().enqueue(job, null, null, Set.of(), null, null).getId();
        });
        List<Long> claimed = db.inTransaction(em -> new QueueStore(em, Clock.systemUTC(), 20)
                .leases().claim("race-node", 10, Duration.ofMinutes(5), RETRY, () -> 0.5));
        assertThat(claimed).containsExactly(target);
        long entry = db.inTransaction(em -> {
            BackupJob job = TestJobs.directory(name + "-dependent");
            em.persist(job);
            return new QueueStore(em, Clock.systemUTC(), 20).intake().enqueue(job, null, null, Set.of(), null, null).getId();
        });
        assertThat(statusOf(entry)).isEqualTo(QueueStatus.READY);
        return new long[] {target, entry};
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(30, TimeUnit.SECONDS)).as("the test's other thread went on").isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static QueueStatus statusOf(long id) {
        return db.inTransaction(em -> em.createQuery("select e.status from QueueEntry e where e.id = :id", QueueStatus.class)
                .setParameter("id", id).getSingleResult());
    }
}
