package io.backupscheduler.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.backupscheduler.job.BackupJob;
import io.backupscheduler.job.JobKind;
import io.backupscheduler.job.JobSpec;
import io.backupscheduler.job.ResourceLimits;
import io.backupscheduler.persistence.JpaTestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Which runs the retention policy lets go, and that they go with the batch runtime's rows, on a real (H2) database. */
class ExecutionPurgeTest {
    private static final Instant NOW = Instant.parse("2026-06-30T12:00:00Z");

    private JpaTestDatabase db;
    private long jobA;
    private long jobB;

    @BeforeEach
    void jobs() {
        db = JpaTestDatabase.h2();
        jobA = job("a");
        jobB = job("b");
    }

    @AfterEach
    void close() {
        db.close();
    }

    private long job(String name) {
        return db.inTransaction(em -> {
            JobSpec spec = new JobSpec();
            spec.setName(name);
            spec.setKind(JobKind.COMMAND);
            spec.setCommand(List.of("true"));
            spec.setTargetPath("/backups/" + name);
            BackupJob job = new BackupJob();
            job.apply(spec);
            em.persist(job);
            return job.getId();
        });
    }

    /** A run of the job that started {@code daysAgo} days before NOW and ended with the status (RUNNING: not yet). */
    private long run(long jobId, double daysAgo, ExecutionStatus status, Long batchInstance) {
        return db.inTransaction(em -> {
            Instant start = NOW.minus(Duration.ofMinutes((long) (daysAgo * 24 * 60)));
            Execution execution = new Execution(null, jobId, "job", JobKind.COMMAND, 1, "node", start, new ResourceLimits());
            em.persist(execution);
            if (batchInstance != null) {
                execution.batchStarted(batchInstance, batchInstance * 10);
            }
            if (status != ExecutionStatus.RUNNING) {
                execution.finished(status, start.plusSeconds(60), 0, null, null, null);
            }
            return execution.getId();
        });
    }

    private <T> T purge(Function<ExecutionPurge, T> work) {
        return db.inTransaction(em -> {
            ExecutionPurge purge = new ExecutionPurge();
            purge.em = em;
            purge.batchTablePrefix = "JB_";
            return work.apply(purge);
        });
    }

    private List<Long> candidateIds(RetentionPolicy policy) {
        return purge(p -> p.candidates(policy, NOW, 100)).stream().map(ExecutionPurge.Candidate::id).toList();
    }

    @Test
    void oldRunsGoByAgeFailuresAreKeptLongerAndRunningOnesStay() {
        long oldSuccess = run(jobA, 40, ExecutionStatus.SUCCEEDED, null);
        long oldCancelled = run(jobA, 35, ExecutionStatus.CANCELLED, null);
        long recentSuccess = run(jobA, 2, ExecutionStatus.SUCCEEDED, null);
        long oldFailure = run(jobA, 40, ExecutionStatus.TIMED_OUT, null);
        long ancientFailure = run(jobB, 100, ExecutionStatus.FAILED, null);
        long stillRunning = run(jobB, 45, ExecutionStatus.RUNNING, null);

        assertThat(candidateIds(new RetentionPolicy(30, 90, 0))).containsExactlyInAnyOrder(oldSuccess, oldCancelled, ancientFailure)
                .doesNotContain(recentSuccess, oldFailure, stillRunning);
        assertThat(candidateIds(new RetentionPolicy(0, 0, 0))).as("every rule off keeps everything").isEmpty();
    }

    @Test
    void beyondTheNewestRunsOfAJobTheOlderGoWhateverTheirAge() {
        long first = run(jobA, 3, ExecutionStatus.SUCCEEDED, null);
        long second = run(jobA, 2, ExecutionStatus.FAILED, null);
        long third = run(jobA, 1, ExecutionStatus.SUCCEEDED, null);
        long otherJob = run(jobB, 5, ExecutionStatus.SUCCEEDED, null);
        assertThat(candidateIds(new RetentionPolicy(0, 0, 2))).containsExactly(first).doesNotContain(second, third, otherJob);
    }

    @Test
    void purgedRunsTakeTheirBatchJobRowsWithThemAndNothingElse() throws Exception {
        createLibertyBatchTables();
        long old = run(jobA, 40, ExecutionStatus.SUCCEEDED, 7L);
        long kept = run(jobA, 1, ExecutionStatus.SUCCEEDED, 8L);
        List<ExecutionPurge.Candidate> candidates = purge(p -> p.candidates(new RetentionPolicy(30, 90, 0), NOW, 100));
        assertThat(candidates).extracting(ExecutionPurge.Candidate::batchInstanceId).containsExactly(7L);

        int instances = purge(p -> p.deleteBatchInstances(List.of(7L), List.of(old)));
        int executions = purge(p -> p.deleteExecutions(List.of(old)));
        assertThat(instances).isEqualTo(1);
        assertThat(executions).isEqualTo(1);
        assertThat(count("select count(*) from JB_JOBINSTANCE")).isEqualTo(1);
        assertThat(count("select count(*) from JB_JOBEXECUTION")).isEqualTo(1);
        assertThat(count("select count(*) from JB_STEPTHREADEXECUTION")).isEqualTo(1);
        assertThat(count("select count(*) from JB_JOBPARAMETER")).isEqualTo(1);
        Execution keptRun = db.inTransaction(em -> em.find(Execution.class, kept));
        Execution oldRun = db.inTransaction(em -> em.find(Execution.class, old));
        assertThat(keptRun).isNotNull();
        assertThat(oldRun).isNull();
    }

    @Test
    void aBatchInstanceSharedWithARestartedRunStaysUntilBothRunsArePurged() throws Exception {
        createLibertyBatchTables();
        long stopped = run(jobA, 40, ExecutionStatus.TIMED_OUT, 7L);
        long resumed = run(jobA, 1, ExecutionStatus.RUNNING, 7L); // the restart of the same batch job instance
        int kept = purge(p -> p.deleteBatchInstances(List.of(7L), List.of(stopped)));
        assertThat(kept).isZero();
        assertThat(count("select count(*) from JB_JOBINSTANCE")).isEqualTo(2);
        int removed = purge(p -> p.deleteBatchInstances(List.of(7L), List.of(stopped, resumed)));
        assertThat(removed).isEqualTo(1);
        assertThat(count("select count(*) from JB_JOBINSTANCE")).isEqualTo(1);
    }

    /** The columns of Liberty's batch tables that purging touches, with their foreign keys, for instances 7 and 8. */
    private void createLibertyBatchTables() throws Exception {
        try (Connection connection = db.dataSource().getConnection(); Statement sql = connection.createStatement()) {
            sql.execute("create table JB_JOBINSTANCE (JOBINSTANCEID bigint primary key)");
            sql.execute("create table JB_JOBEXECUTION (JOBEXECID bigint primary key, FK_JOBINSTANCEID bigint references JB_JOBINSTANCE)");
            sql.execute("create table JB_STEPTHREADEXECUTION (STEPEXECID bigint primary key, FK_JOBEXECID bigint references JB_JOBEXECUTION)");
            sql.execute("create table JB_STEPTHREADINSTANCE (FK_JOBINSTANCEID bigint references JB_JOBINSTANCE, STEPNAME varchar(100),"
                    + " FK_LATEST_STEPEXECID bigint references JB_STEPTHREADEXECUTION)");
            sql.execute("create table JB_REMOTABLEPARTITION (FK_JOBEXECUTIONID bigint references JB_JOBEXECUTION,"
                    + " FK_STEPEXECUTIONID bigint references JB_STEPTHREADEXECUTION)");
            sql.execute("create table JB_JOBPARAMETER (FK_JOBEXECID bigint references JB_JOBEXECUTION, NAME varchar(100))");
            sql.execute("create table JB_GROUPASSOCIATION (FK_JOBINSTANCEID bigint references JB_JOBINSTANCE)");
            for (long instance : new long[] {7, 8}) {
                sql.execute("insert into JB_JOBINSTANCE values (" + instance + ")");
                sql.execute("insert into JB_JOBEXECUTION values (" + instance * 10 + ", " + instance + ")");
                sql.execute("insert into JB_STEPTHREADEXECUTION values (" + instance * 100 + ", " + instance * 10 + ")");
                sql.execute("insert into JB_STEPTHREADINSTANCE values (" + instance + ", 'run-command', " + instance * 100 + ")");
                sql.execute("insert into JB_JOBPARAMETER values (" + instance * 10 + ", 'executionId')");
                sql.execute("insert into JB_GROUPASSOCIATION values (" + instance + ")");
            }
        }
    }

    private long count(String query) throws Exception {
        try (Connection connection = db.dataSource().getConnection(); Statement sql = connection.createStatement();
             var rows = sql.executeQuery(query)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
