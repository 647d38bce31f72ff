package io.backupscheduler.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.backupscheduler.errors.ConflictException;
import io.backupscheduler.job.BackupJob;
import io.backupscheduler.job.JobKind;
import io.backupscheduler.job.JobSpec;
import io.backupscheduler.job.Priority;
import io.backupscheduler.persistence.JpaTestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The queue's state changes on a real (H2) database with the application's mapping. */
class QueueStoreTest {
    private static final RetryPolicy RETRY = new RetryPolicy(Duration.ofSeconds(30), 2, Duration.ofMinutes(10), 1, 0);
    private static final Duration LEASE = Duration.ofMinutes(5);

    private JpaTestDatabase db;
    private final TestClock clock = new TestClock(Instant.parse("2026-06-01T00:00:00Z"));
    private long jobId;

    /** A clock the test moves by hand. */
    static final class TestClock extends Clock {
        private Instant now;

        TestClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @BeforeEach
    void createJob() {
        db = JpaTestDatabase.h2();
        jobId = db.inTransaction(em -> {
            JobSpec spec = new JobSpec();
            spec.setName("db dump");
            spec.setKind(JobKind.COMMAND);
            spec.setCommand(List.of("pg_dump"));
            spec.setTargetPath("/backups");
            spec.setMaxRetries(2);
            spec.setPriority(Priority.HIGH);
            BackupJob job = new BackupJob();
            job.apply(spec);
            em.persist(job);
            return job.getId();
        });
    }

    @AfterEach
    void close() {
        db.close();
    }

    private <T> T store(Function<QueueStore, T> work) {
        return db.inTransaction(em -> work.apply(new QueueStore(em, clock, 3)));
    }

    private long add(Priority priority, Set<Long> dependsOn, DependencyFailurePolicy policy) {
        return db.inTransaction(em -> new QueueStore(em, clock, 3)
                .intake().enqueue(jobId, priority, "{\"full\":true}", dependsOn, policy, null));
    }

    private QueueEntry entry(long id) {
        return store(s -> s.get(id));
    }

    private boolean fail(long id, String node, String error) {
        return store(s -> s.outcomes().fail(id, node, error, RETRY, () -> 0.5));
    }

    private List<QueueAttempt> attempts(long id) {
        return store(s -> s.outcomes().attempts(id));
    }

    private List<Long> claim(String node, List<String> labels) {
        List<Long> claimed = store(s -> s.leases().claim(node, labels, 10, LEASE, RETRY, () -> 0.5));
        return claimed;
    }

    private List<Long> claim(String node, int max) {
        return store(s -> s.leases().claim(node, max, LEASE, RETRY, () -> 0.5));
    }

    @Test
    void anEntryWithoutDependenciesIsReadyWithTheJobsPriorityAndAttempts() {
        QueueEntry entry = entry(add(null, Set.of(), null));
        assertThat(entry.getStatus()).isEqualTo(QueueStatus.READY);
        assertThat(entry.getPriority()).isEqualTo(Priority.HIGH);
        assertThat(entry.getMaxAttempts()).isEqualTo(3);
        assertThat(entry.getOnDependencyFailure()).isEqualTo(DependencyFailurePolicy.BLOCK);
        assertThat(entry.getJobData()).isEqualTo("{\"full\":true}");
    }

    @Test
    void runsQueuedBySqlAndByTheEntityPathShareOneIdSequenceAndAgree() {
        List<Long> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 60; i++) { // past one pooled block of ids, alternating the two ways of inserting
            ids.add(i % 2 == 0 ? add(Priority.LOW, Set.of(), null)
                    : db.inTransaction(em -> new QueueStore(em, clock, 3)
                    .intake().enqueue(em.find(BackupJob.class, jobId), Priority.LOW, null, Set.of(), null, null).getId()));
        }
        assertThat(Set.copyOf(ids)).hasSize(60);
        QueueEntry bySql = entry(ids.get(0));
        QueueEntry byEntity = entry(ids.get(1));
        assertThat(bySql.getPriority()).isEqualTo(byEntity.getPriority()).isEqualTo(Priority.LOW);
        assertThat(bySql.getStatus()).isEqualTo(byEntity.getStatus()).isEqualTo(QueueStatus.READY);
        assertThat(bySql.getMaxAttempts()).isEqualTo(byEntity.getMaxAttempts()).isEqualTo(3);
        assertThat(bySql.getScheduledAt()).isEqualTo(byEntity.getScheduledAt()).isEqualTo(clock.instant());
        assertThat(bySql.getNotBefore()).isEqualTo(clock.instant());
        assertThat(bySql.getJob().getId()).isEqualTo(jobId);
        assertThat(bySql.getVersion()).isEqualTo(byEntity.getVersion());
    }

    @Test
    void queueingARunOfAJobThatDoesNotExistIsRefusedAndWritesNothing() {
        assertThatThrownBy(() -> store(s -> s.intake().enqueue(jobId + 1000, null, null, Set.of(), null, null)))
                .isInstanceOf(io.backupscheduler.errors.NoSuchEntityException.class);
        assertThat(claim("n", 10)).as("nothing was queued").isEmpty();
    }

    @Test
    void claimingTakesReadyWorkInQueueOrderUnderALease() {
        long low = add(Priority.LOW, Set.of(), null);
        long critical = add(Priority.CRITICAL, Set.of(), null);
        long normal = add(Priority.NORMAL, Set.of(), null);
        assertThat(claim("node-a", 2)).containsExactly(critical, normal);
        assertThat(claim("node-b", 5)).containsExactly(low);
        assertThat(claim("node-b", 5)).isEmpty();
        QueueEntry running = entry(critical);
        assertThat(running.getStatus()).isEqualTo(QueueStatus.RUNNING);
        assertThat(running.getLeaseOwner()).isEqualTo("node-a");
        assertThat(running.getLeaseExpiresAt()).isEqualTo(clock.instant().plus(LEASE));
        assertThat(attempts(critical)).extracting(QueueAttempt::getNode).containsExactly("node-a");
    }

    @Test
    void aNodeClaimsOnlyEntriesOfJobsPlacedOnLabelsItHas() {
        long db1Job = placedJob("on db1", List.of("host=db1"));
        long euDbJob = placedJob("on an eu db", List.of("role=db", "zone=eu"));
        long anywhere = add(Priority.LOW, Set.of(), null);
        long onDb1 = addFor(db1Job);
        long onEuDb = addFor(euDbJob);

        assertThat(claim("web2", List.of("host=web2", "zone=eu")))
                .as("a node with neither placement's labels").containsExactly(anywhere);
        assertThat(claim("unlabelled", 10)).as("a node without labels takes only work placed nowhere").isEmpty();
        assertThat(claim("db2", List.of("host=db2", "role=db")))
                .as("one of two labels is not enough").isEmpty();
        assertThat(claim("db1", List.of("host=db1", "role=db", "zone=eu")))
                .containsExactlyInAnyOrder(onDb1, onEuDb);
        assertThat(entry(onEuDb).getLeaseOwner()).isEqualTo("db1");
    }

    private long placedJob(String name, List<String> labels) {
        return jobWith(name, spec -> spec.setPlacement(labels));
    }

    private long jobWith(String name, java.util.function.Consumer<JobSpec> setting) {
        return db.inTransaction(em -> {
            JobSpec spec = new JobSpec();
            spec.setName(name);
            spec.setKind(JobKind.COMMAND);
            spec.setCommand(List.of("true"));
            spec.setTargetPath("/backups");
            setting.accept(spec);
            BackupJob job = new BackupJob();
            job.apply(spec);
            em.persist(job);
            return job.getId();
        });
    }

    private void sharedLimit(String name, int capacity) {
        db.inTransaction(em -> em.createNativeQuery("insert into shared_limit (name, capacity, created_at, updated_at, version)"
                + " values (:name, :capacity, current_timestamp, current_timestamp, 0)")
                .setParameter("name", name).setParameter("capacity", capacity).executeUpdate());
    }

    @Test
    void aSharedLimitLetsAsManyRunsHoldItAsItsCapacityAcrossNodesAndTheRestWaitUntouched() {
        sharedLimit("nas1", 2);
        sharedLimit("db-io", 1);
        long toNas = jobWith("to the nas", spec -> spec.setSharedLimits(List.of("nas1")));
        long dbToNas = jobWith("db to the nas", spec -> spec.setSharedLimits(List.of("nas1", "db-io")));
        long nas1 = addFor(toNas);
        long nas2 = addFor(toNas);
        long nas3 = addFor(toNas);
        long both = addFor(dbToNas);
        long free = add(Priority.LOW, Set.of(), null);

        assertThat(claim("node-a", 1)).containsExactly(nas1);
        assertThat(claim("node-b", 10)).as("one unit of nas1 left: the first entry that needs it takes it, free work goes on")
                .containsExactly(nas2, free);
        assertThat(claim("node-a", 10)).as("nas1 full").isEmpty();
        assertThat(entry(nas3).getStatus()).isEqualTo(QueueStatus.READY);
        assertThat(entry(nas3).getAttemptsEver()).as("a waiting entry is not claimed and handed back: no attempt counted").isZero();

        store(s -> { s.outcomes().complete(nas1, "node-a"); return null; });
        assertThat(claim("node-b", 10)).as("a unit back: taken in queue order").containsExactly(nas3);
        assertThat(fail(nas2, "node-b", "disk full")).isTrue();
        assertThat(claim("node-a", 10)).as("a failed run gives its unit back: both limits free for the entry that needs both")
                .containsExactly(both);
        clock.advance(Duration.ofMinutes(1));
        assertThat(claim("node-a", 10)).as("the retry waits: nas1 is full again").isEmpty();
    }

    @Test
    void aKilledNodesUnitComesBackWhenItsLeaseIsTakenBack() {
        sharedLimit("db-io", 1);
        long job = jobWith("db", spec -> spec.setSharedLimits(List.of("db-io")));
        long first = addFor(job);
        long second = addFor(job);
        assertThat(claim("dead-node", 10)).containsExactly(first);
        assertThat(claim("node-a", 10)).isEmpty();

        clock.advance(LEASE.plusSeconds(1));
        assertThat(claim("node-a", 10)).as("the lease ran out: its unit is free again").containsExactly(second);
    }

    @Test
    void otherNodesLeaveARunToTheNodeOfItsJobsLastSuccessForAWhile() {
        long job = jobWith("incremental", spec -> spec.setPreferLastNode(true));
        long first = addFor(job);
        assertThat(claim("node-b", 10)).as("no success yet: any node").containsExactly(first);
        store(s -> { s.outcomes().complete(first, "node-b"); return null; });

        long second = addFor(job);
        assertThat(claim("node-a", 10)).as("node-b ran the last success").isEmpty();
        assertThat(claim("node-b", 10)).containsExactly(second);
        store(s -> { s.outcomes().complete(second, "node-b"); return null; });

        long third = addFor(job);
        clock.advance(QueueStore.DEFAULT_PREFER_WAIT.plusSeconds(1));
        assertThat(claim("node-a", 10)).as("node-b did not take it within the wait").containsExactly(third);
        store(s -> { s.outcomes().complete(third, "node-a"); return null; });
        String preferring = db.inTransaction(em -> em.find(BackupJob.class, job).getLastSuccessNode());
        String indifferent = db.inTransaction(em -> em.find(BackupJob.class, jobId).getLastSuccessNode());
        assertThat(preferring).isEqualTo("node-a");
        assertThat(indifferent).as("a job that does not ask for it keeps no node").isNull();
    }

    @Test
    void successReleasesDependentsOnceAllTheirDependenciesSucceeded() {
        long dump = add(null, Set.of(), null);
        long other = add(null, Set.of(), null);
        long files = add(null, Set.of(dump, other), null);
        assertThat(entry(files).getStatus()).isEqualTo(QueueStatus.PENDING);
        assertThat(claim("n", 5)).containsExactly(dump, other);
        store(s -> { s.outcomes().complete(dump, "n"); return null; });
        assertThat(entry(files).getStatus()).isEqualTo(QueueStatus.PENDING);
        assertThat(entry(files).getStatusReason()).isEqualTo("waits for " + other);
        store(s -> { s.outcomes().complete(other, "n"); return null; });
        assertThat(entry(files).getStatus()).isEqualTo(QueueStatus.READY);
        assertThat(entry(dump).getFinishedAt()).isEqualTo(clock.instant());
    }

    @Test
    void failuresBackOffThenDieAndDependentsFollowTheirPolicy() {
        long dump = add(null, Set.of(), null);
        long blocked = add(null, Set.of(dump), DependencyFailurePolicy.BLOCK);
        long afterBlocked = add(null, Set.of(blocked), DependencyFailurePolicy.BLOCK);
        long skipped = add(null, Set.of(dump), DependencyFailurePolicy.SKIP);
        long anyway = add(null, Set.of(dump), DependencyFailurePolicy.RUN_ANYWAY);

        claim("n", 1);
        assertThat(fail(dump, "n", "disk full")).isTrue();
        QueueEntry waiting = entry(dump);
        assertThat(waiting.getStatus()).isEqualTo(QueueStatus.RETRY_WAIT);
        assertThat(waiting.getNotBefore()).isEqualTo(clock.instant().plusSeconds(30));
        assertThat(claim("n", 5)).isEmpty();
        clock.advance(Duration.ofSeconds(30));
        assertThat(claim("n", 5)).containsExactly(dump);
        assertThat(fail(dump, "n", "disk still full")).isTrue();
        clock.advance(Duration.ofSeconds(60));
        assertThat(claim("n", 5)).containsExactly(dump);
        assertThat(fail(dump, "n", "gave up")).isFalse();

        assertThat(entry(dump).getStatus()).isEqualTo(QueueStatus.DEAD);
        assertThat(entry(dump).getLastError()).isEqualTo("gave up");
        assertThat(attempts(dump)).extracting(QueueAttempt::getError)
                .containsExactly("disk full", "disk still full", "gave up");
        assertThat(entry(blocked).getStatus()).isEqualTo(QueueStatus.BLOCKED);
        assertThat(entry(blocked).getStatusReason()).isEqualTo("dependency " + dump + " is DEAD");
        assertThat(entry(afterBlocked).getStatus()).isEqualTo(QueueStatus.BLOCKED);
        assertThat(entry(skipped).getStatus()).isEqualTo(QueueStatus.CANCELLED);
        assertThat(entry(anyway).getStatus()).isEqualTo(QueueStatus.READY);
    }

    @Test
    void retryingADeadEntryByHandResetsItAndUnblocksItsDependents() {
        long dump = add(null, Set.of(), null);
        long blocked = add(null, Set.of(dump), DependencyFailurePolicy.BLOCK);
        for (int i = 0; i < 3; i++) {
            clock.advance(Duration.ofHours(1));
            claim("n", 1);
            fail(dump, "n", "boom");
        }
        assertThat(entry(blocked).getStatus()).isEqualTo(QueueStatus.BLOCKED);
        store(s -> s.outcomes().retryDead(dump));
        assertThat(entry(dump).getStatus()).isEqualTo(QueueStatus.READY);
        assertThat(entry(dump).getAttempts()).isZero();
        assertThat(entry(blocked).getStatus()).isEqualTo(QueueStatus.PENDING);
        assertThatThrownBy(() -> store(s -> s.outcomes().retryDead(dump))).isInstanceOf(ConflictException.class);

        assertThat(claim("n", 1)).containsExactly(dump);
        store(s -> { s.outcomes().complete(dump, "n"); return null; });
        assertThat(attempts(dump)).extracting(QueueAttempt::getAttempt).containsExactly(1, 2, 3, 4);
        assertThat(entry(dump).getAttempts()).isEqualTo(1);
        assertThat(entry(blocked).getStatus()).isEqualTo(QueueStatus.READY);
    }

    @Test
    void aDependencyThatWouldCloseACycleIsRefusedNamingItAndChangesNothing() {
        long a = add(null, Set.of(), null);
        long b = add(null, Set.of(a), null);
        assertThatThrownBy(() -> store(s -> s.intake().addDependencies(s.get(a), Set.of(b))))
                .isInstanceOf(ConflictException.class)
                .hasMessage("this dependency would close the cycle " + a + " -> " + b + " -> " + a);
        assertThat(entry(a).getDependsOn()).isEmpty();
        assertThat(entry(a).getStatus()).isEqualTo(QueueStatus.READY);
    }

    @Test
    void chainsMakeEachWaitForTheOneBeforeAndDepthIsLimited() {
        long a = add(null, Set.of(), null);
        long b = add(null, Set.of(), null);
        long c = add(null, Set.of(), null);
        long d = add(null, Set.of(), null);
        store(s -> s.intake().chain(List.of(a, b, c, d)));
        assertThat(entry(d).getDependsOn()).containsExactly(c);
        assertThat(entry(b).getStatus()).isEqualTo(QueueStatus.PENDING);
        long e = add(null, Set.of(), null);
        assertThatThrownBy(() -> store(s -> s.intake().addDependencies(s.get(e), Set.of(d))))
                .isInstanceOf(ConflictException.class).hasMessageContaining("the limit is 3");
    }

    @Test
    void anExpiredLeaseCountsAsAFailedAttemptAndTheWorkGoesBack() {
        long entry = add(null, Set.of(), null);
        claim("dead-node", 1);
        clock.advance(LEASE.plusSeconds(1));
        assertThat(claim("live-node", 1)).isEmpty(); // reclaimed now, retried after its backoff
        QueueEntry reclaimed = entry(entry);
        assertThat(reclaimed.getStatus()).isEqualTo(QueueStatus.RETRY_WAIT);
        assertThat(reclaimed.getLastError()).startsWith("lease of dead-node expired");
        clock.advance(Duration.ofSeconds(30));
        assertThat(claim("live-node", 1)).containsExactly(entry);
        assertThat(entry(entry).getAttempts()).isEqualTo(2);
        assertThatThrownBy(() -> store(s -> { s.outcomes().complete(entry, "dead-node"); return null; }))
                .isInstanceOf(ConflictException.class);
    }

    /** A second job that runs after the test's job ("db dump"), as a file backup after a database dump. */
    private long jobAfterTheDump() {
        return db.inTransaction(em -> {
            JobSpec spec = new JobSpec();
            spec.setName("files");
            spec.setKind(JobKind.DIRECTORY);
            spec.setSourcePath("/srv");
            spec.setTargetPath("/backups");
            spec.setDependsOn(List.of(jobId));
            BackupJob job = new BackupJob();
            job.apply(spec);
            em.persist(job);
            return job.getId();
        });
    }

    private long addFor(long job) {
        return db.inTransaction(em -> new QueueStore(em, clock, 3)
                .intake().enqueue(job, null, null, Set.of(), null, null));
    }

    @Test
    void aPassOfScheduleFiresIsQueuedTogetherAndJobsWithDependenciesTakeTheFullPath() {
        long files = jobAfterTheDump();
        long schedule = db.inTransaction(em -> {
            em.createNativeQuery("insert into schedule (id, name, job_id, type, expression, last_business_day, day_filter,"
                    + " zone, enabled, misfire_policy, misfire_limit, overlap_policy, created_at, updated_at, version)"
                    + " values (7, 'nightly', " + jobId + ", 'CRON', '0 2 * * *', false, 'ALL_DAYS', 'UTC', true, 'FIRE_ONCE',"
                    + " 10, 'FORBID', current_timestamp, current_timestamp, 0)").executeUpdate();
            return 7L;
        });
        Instant due = clock.instant().minusSeconds(2);
        List<Long> ids = store(s -> s.intake().enqueueAll(List.of(
                new ScheduledRun(jobId, schedule, due, null, "{\"n\":1}"),
                new ScheduledRun(files, schedule, due, Priority.CRITICAL, null),
                new ScheduledRun(jobId, schedule, due, Priority.LOW, null))));
        assertThat(ids).hasSize(3).doesNotHaveDuplicates();
        QueueEntry first = entry(ids.get(0));
        assertThat(first.getStatus()).isEqualTo(QueueStatus.READY);
        assertThat(first.getPriority()).as("the job's own").isEqualTo(Priority.HIGH);
        assertThat(first.getMaxAttempts()).isEqualTo(3);
        assertThat(first.getScheduleId()).isEqualTo(schedule);
        assertThat(first.getScheduledAt()).as("queued in the order of its fire").isEqualTo(due);
        assertThat(first.getJobData()).isEqualTo("{\"n\":1}");
        QueueEntry dependent = entry(ids.get(1));
        assertThat(dependent.getJob().getId()).isEqualTo(files);
        assertThat(dependent.getScheduleId()).isEqualTo(schedule);
        assertThat(dependent.getPriority()).isEqualTo(Priority.CRITICAL);
        assertThat(dependent.getStatus()).as("waits for the dump's open runs").isEqualTo(QueueStatus.PENDING);
        assertThat(dependent.getDependsOn()).as("both runs of the dump queued by the pass")
                .containsExactlyInAnyOrder(ids.get(0), ids.get(2));
        assertThat(entry(ids.get(2)).getPriority()).isEqualTo(Priority.LOW);
    }

    @Test
    void aJobThatDependsOnAnotherWaitsForItsOpenRun() {
        long files = jobAfterTheDump();
        long dump = add(null, Set.of(), null);
        long filesRun = addFor(files);
        assertThat(entry(filesRun).getStatus()).isEqualTo(QueueStatus.PENDING);
        assertThat(entry(filesRun).getDependsOn()).containsExactly(dump);
        claim("n", 1);
        store(s -> { s.outcomes().complete(dump, "n"); return null; });
        assertThat(entry(filesRun).getStatus()).isEqualTo(QueueStatus.READY);
    }

    @Test
    void withoutAnOpenOrRecentRunItWaitsForTheNextSuccess() {
        long files = jobAfterTheDump();
        long filesRun = addFor(files);
        QueueEntry waiting = entry(filesRun);
        assertThat(waiting.getStatus()).isEqualTo(QueueStatus.PENDING);
        assertThat(waiting.getWaitsForJobs()).containsExactly(jobId);
        assertThat(waiting.getStatusReason()).isEqualTo("waits for the next success of job " + jobId);

        long dump = add(null, Set.of(), null);
        claim("n", 1);
        assertThat(fail(dump, "n", "first try failed")).isTrue();
        assertThat(entry(filesRun).getStatus()).as("a failure is not the success it waits for").isEqualTo(QueueStatus.PENDING);
        clock.advance(Duration.ofMinutes(1));
        claim("n", 1);
        store(s -> { s.outcomes().complete(dump, "n"); return null; });
        assertThat(entry(filesRun).getStatus()).isEqualTo(QueueStatus.READY);
        assertThat(entry(filesRun).getWaitsForJobs()).isEmpty();
    }

    @Test
    void oneBatchOfSuccessesReleasesItsDependentsAndItsJobsWaitersTogether() {
        long files = jobAfterTheDump();
        long filesRun = addFor(files); // no open or recent run of the dump: waits for its next success
        long dump = add(null, Set.of(), null);
        long other = add(null, Set.of(), null);
        long dependent = add(null, Set.of(other), null);
        long bystander = add(null, Set.of(), null);
        assertThat(entry(filesRun).getWaitsForJobs()).containsExactly(jobId);
        assertThat(claim("n", 3)).containsExactly(dump, other, bystander);

        store(s -> { s.outcomes().complete(List.of(dump, other), "n"); return null; });

        assertThat(entry(filesRun).getStatus()).as("its job's next success came").isEqualTo(QueueStatus.READY);
        assertThat(entry(filesRun).getWaitsForJobs()).isEmpty();
        assertThat(entry(dependent).getStatus()).as("its only dependency succeeded").isEqualTo(QueueStatus.READY);
        assertThat(entry(bystander).getStatus()).as("not in the batch").isEqualTo(QueueStatus.RUNNING);
    }

    @Test
    void aRecentSuccessOfTheDependencyCounts() {
        long files = jobAfterTheDump();
        long dump = add(null, Set.of(), null);
        claim("n", 1);
        store(s -> { s.outcomes().complete(dump, "n"); return null; });
        clock.advance(Duration.ofHours(23));
        assertThat(entry(addFor(files)).getStatus()).isEqualTo(QueueStatus.READY);
        clock.advance(Duration.ofHours(2));
        assertThat(entry(addFor(files)).getStatus()).as("older than the window").isEqualTo(QueueStatus.PENDING);
    }

    @Test
    void aRenewedLeaseKeepsTheWorkWithItsNode() {
        long entry = add(null, Set.of(), null);
        claim("node-a", 1);
        clock.advance(LEASE.minusSeconds(10));
        store(s -> { s.leases().renewLease(entry, "node-a", LEASE); return null; });
        clock.advance(Duration.ofSeconds(20));
        assertThat(claim("node-b", 1)).isEmpty();
        assertThat(entry(entry).getStatus()).isEqualTo(QueueStatus.RUNNING);
        assertThatThrownBy(() -> store(s -> { s.leases().renewLease(entry, "node-b", LEASE); return null; }))
                .isInstanceOf(ConflictException.class);
    }

    @Test
    void aHandedBackEntryWaitsWithItsReasonAndTheClaimDoesNotCountAsAnAttempt() {
        long entry = add(null, Set.of(), null);
        claim("node-a", 1);
        store(s -> { s.leases().handBack(entry, "node-a", "waiting for resources: CPU 97% > 90%", clock.instant().plusSeconds(15)); return null; });
        QueueEntry waiting = entry(entry);
        assertThat(waiting.getStatus()).isEqualTo(QueueStatus.READY);
        assertThat(waiting.getStatusReason()).isEqualTo("waiting for resources: CPU 97% > 90%");
        assertThat(waiting.getAttempts()).isZero();
        assertThat(waiting.getLeaseOwner()).isNull();
        assertThat(attempts(entry)).isEmpty();
        assertThat(claim("node-b", 1)).as("not before its recheck time").isEmpty();
        clock.advance(Duration.ofSeconds(15));
        assertThat(claim("node-b", 1)).containsExactly(entry);
        assertThat(attempts(entry)).extracting(QueueAttempt::getAttempt).containsExactly(1);
        assertThatThrownBy(() -> store(s -> { s.leases().handBack(entry, "node-a", "x", clock.instant()); return null; }))
                .as("only the holder hands back").isInstanceOf(ConflictException.class);
    }

    @Test
    void eachOutcomeClosesTheRunningAttemptAndLeavesEarlierOnesAsTheyEnded() {
        long entry = add(null, Set.of(), null);
        claim("n", 1);
        fail(entry, "n", "first try failed");
        clock.advance(Duration.ofSeconds(30));
        claim("n", 1);
        store(s -> { s.leases().handBack(entry, "n", "waiting for resources", clock.instant()); return null; });
        claim("n", 1); // the second attempt again, not a third: the handed-back one did not count
        clock.advance(Duration.ofSeconds(5));
        store(s -> { s.outcomes().complete(entry, "n"); return null; });
        assertThat(attempts(entry)).extracting(QueueAttempt::getAttempt, QueueAttempt::getSucceeded, QueueAttempt::getError)
                .containsExactly(tuple(1, false, "first try failed"), tuple(2, true, null));
        assertThat(attempts(entry).get(1).getFinishedAt()).isEqualTo(clock.instant());

        long cancelled = add(null, Set.of(), null);
        claim("n", 1);
        fail(cancelled, "n", "boom");
        clock.advance(Duration.ofSeconds(30));
        claim("n", 1);
        boolean wasOpen = store(s -> s.outcomes().cancel(cancelled, "operator stopped it"));
        assertThat(wasOpen).isTrue();
        assertThat(attempts(cancelled)).extracting(QueueAttempt::getAttempt, QueueAttempt::getSucceeded, QueueAttempt::getError)
                .containsExactly(tuple(1, false, "boom"), tuple(2, false, "cancelled: operator stopped it"));
    }

    @Test
    void completingABatchWithAnEntryTheNodeDoesNotHoldChangesNothing() {
        long mine = add(null, Set.of(), null);
        long theirs = add(null, Set.of(), null);
        claim("node-a", 1);
        claim("node-b", 1);
        assertThatThrownBy(() -> store(s -> { s.outcomes().complete(List.of(mine, theirs), "node-a"); return null; }))
                .isInstanceOf(ConflictException.class)
                .hasMessage("entry " + theirs + " is not running on node-a (status RUNNING, lease node-b)");
        assertThat(entry(mine).getStatus()).isEqualTo(QueueStatus.RUNNING);
        assertThat(attempts(mine)).extracting(QueueAttempt::getFinishedAt).containsOnlyNulls();
        assertThatThrownBy(() -> store(s -> { s.outcomes().complete(List.of(mine, 999_999L), "node-a"); return null; }))
                .isInstanceOf(io.backupscheduler.errors.NoSuchEntityException.class);

        store(s -> { s.outcomes().complete(List.of(mine), "node-a"); return null; });
        QueueEntry done = entry(mine);
        assertThat(done.getStatus()).isEqualTo(QueueStatus.SUCCEEDED);
        assertThat(done.getLeaseOwner()).isNull();
        assertThat(done.getFinishedAt()).isEqualTo(clock.instant());
        assertThat(done.getVersion()).as("claimed, then completed").isEqualTo(2);
        assertThat(attempts(mine)).singleElement().satisfies(a -> assertThat(a.getSucceeded()).isTrue());
    }

    @Test
    void removingIsRefusedWhileRunningAndReleasesDependents() {
        long dep = add(null, Set.of(), null);
        long running = add(Priority.CRITICAL, Set.of(), null);
        long dependent = add(null, Set.of(dep), null);
        claim("n", 1);
        assertThatThrownBy(() -> store(s -> { s.outcomes().remove(running); return null; })).isInstanceOf(ConflictException.class);
        store(s -> { s.outcomes().remove(dep); return null; });
        assertThat(entry(dependent).getStatus()).isEqualTo(QueueStatus.READY);
        assertThat(entry(dependent).getDependsOn()).isEmpty();
    }
}
