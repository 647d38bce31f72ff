package io.backupscheduler.execution;

import io.backupscheduler.lib.process.ResourceUsage;
import io.backupscheduler.job.ResourceLimits;
import io.backupscheduler.queue.QueueEntry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.function.LongFunction;

/** Writes the Execution records: a run's start, its batch ids and steps, its end; and what it tells of a job's needs. */
@ApplicationScoped
@Transactional
public class ExecutionRecorder {
    /** How many recent successful runs predict a job's needs. */
    static final int RUNS_FOR_NEEDS = 5;

    @PersistenceContext
    EntityManager em;

    /**
     * Records a run's start with the file its log goes to, which is named after the record's id, in one transaction:
     * the id comes from the sequence when the record is persisted, and the path goes out with the insert's flush (as
     * an update of the new row: Hibernate writes the row as it was at persist).
     */
    public Execution start(QueueEntry entry, ResourceLimits limits, String node, Instant now, LongFunction<Path> logFileOf) {
        Execution execution = new Execution(entry.getId(), entry.getJob().getId(), entry.getJob().getName(),
                entry.getJob().getKind(), entry.getAttempts(), node, now, limits);
        execution.purpose(entry.getPurpose());
        em.persist(execution);
        execution.logAt(logFileOf.apply(execution.getId()).toString());
        em.flush();
        return execution;
    }

    /**
     * The batch execution an attempt of this queue entry may restart instead of starting afresh: that of the entry's
     * latest other execution, when it stopped inside the archive-directory step (whose checkpoints make a restart
     * go on where it stopped).
     */
    public java.util.Optional<Long> resumableBatch(long entryId, long exceptExecutionId) {
        return em.createQuery("select e from Execution e where e.queueEntryId = :entry and e.id <> :except order by e.id desc",
                        Execution.class)
                .setParameter("entry", entryId).setParameter("except", exceptExecutionId).setMaxResults(1).getResultStream()
                .filter(e -> "archive-directory".equals(e.getStep()) && e.getStatus() != ExecutionStatus.SUCCEEDED
                        && e.getStatus() != ExecutionStatus.RUNNING && e.getBatchExecutionId() != null)
                .map(Execution::getBatchExecutionId).findFirst();
    }

    /** What a restore wrote so far; an update statement like {@link #step}, so it races no entity update of the row. */
    public void restored(long id, long files, long bytes) {
        em.createQuery("update Execution e set e.restoredFiles = :files, e.restoredBytes = :bytes where e.id = :id")
                .setParameter("files", files).setParameter("bytes", bytes).setParameter("id", id).executeUpdate();
    }

    /**
     * The step (or part of one) a run entered, with its batch job's instance and execution: the job's first step
     * records them, so starting a run neither reads the job instance back nor commits a write of its own for them
     * (the watchdog records them for a job dropped before its first step could: {@code step} is then null or the step
     * the run last saw). An update statement, not an entity update: the row's version stays, so no entity update of
     * the row fails on it.
     */
    public void step(long id, String step, long batchInstanceId, long batchExecutionId) {
        em.createQuery("update Execution e set e.step = :step, e.batchInstanceId = :instance, e.batchExecutionId = :execution"
                        + " where e.id = :id")
                .setParameter("step", step).setParameter("instance", batchInstanceId).setParameter("execution", batchExecutionId)
                .setParameter("id", id).executeUpdate();
    }

    public void finish(long id, ExecutionStatus status, Integer exitCode, String error, String enforcement, ResourceUsage usage) {
        Execution execution = em.find(Execution.class, id);
        if (execution != null && !execution.getStatus().isFinal()) {
            execution.finished(status, Instant.now(), exitCode, error, enforcement, usage);
        }
    }

    /** Marks a cancel request for the node that runs it; false when the run had already ended. */
    public boolean requestCancel(long id, String by) {
        Execution execution = em.find(Execution.class, id);
        if (execution == null) {
            throw new io.backupscheduler.errors.NoSuchEntityException("execution", id);
        }
        if (execution.getStatus().isFinal()) {
            return false;
        }
        execution.cancelRequested(Instant.now(), by);
        return true;
    }

    /** Which of these running executions someone asked to cancel (perhaps on another node), with who asked. */
    public List<Object[]> cancelRequestsAmong(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return em.createQuery("select e.id, e.cancelRequestedBy from Execution e where e.id in :ids"
                        + " and e.cancelRequestedAt is not null", Object[].class)
                .setParameter("ids", ids).getResultList();
    }

    /**
     * Closes the records of runs whose node stopped while they ran: still RUNNING, but their queue entry is no
     * longer leased to that node (the queue took it back, or it was removed). Returns how many.
     */
    public int closeOrphans(Collection<Long> runningHere) {
        List<Long> orphans = em.createQuery("select e.id from Execution e where e.status = :running"
                        + " and not exists (select q.id from QueueEntry q where q.id = e.queueEntryId"
                        + " and q.status = io.backupscheduler.queue.QueueStatus.RUNNING and q.leaseOwner = e.node)", Long.class)
                .setParameter("running", ExecutionStatus.RUNNING)
                .getResultList();
        return closeAsStopped(orphans, runningHere, Instant.now(), "the queue took the entry back");
    }

    /**
     * Closes the records still RUNNING for a queue entry that this node has just claimed again: their node died or
     * was cut off and its lease ran out. Done before the new attempt starts, so an entry's records never overlap in
     * time and the console does not show the old run going on beside the new one until the next orphan sweep.
     */
    public int closeSuperseded(long entryId, Collection<Long> runningHere, Instant now) {
        List<Long> superseded = em.createQuery("select e.id from Execution e where e.status = :running"
                        + " and e.queueEntryId = :entry", Long.class)
                .setParameter("running", ExecutionStatus.RUNNING).setParameter("entry", entryId)
                .getResultList();
        return closeAsStopped(superseded, runningHere, now, "its lease ran out and another attempt took the entry over");
    }

    private int closeAsStopped(List<Long> ids, Collection<Long> runningHere, Instant at, String consequence) {
        int closed = 0;
        for (Long id : ids) {
            if (!runningHere.contains(id)) {
                Execution execution = em.find(Execution.class, id);
                execution.finished(ExecutionStatus.FAILED, at, null, "its node " + execution.getNode()
                        + " stopped while it ran; " + consequence, null, null);
                closed++;
            }
        }
        return closed;
    }

    /** A job's expected needs from its recent successful runs, with the free space now on its target. */
    public JobNeeds needs(long jobId, long targetFreeMb) {
        List<Object[]> recent = em.createQuery("select e.peakRssMb, e.bytesWritten from Execution e where e.jobId = :job"
                        + " and e.status = :ok and e.purpose = :backup order by e.startedAt desc", Object[].class)
                .setParameter("job", jobId).setParameter("ok", ExecutionStatus.SUCCEEDED)
                .setParameter("backup", io.backupscheduler.queue.RunPurpose.BACKUP)
                .setMaxResults(RUNS_FOR_NEEDS).getResultList();
        double rss = 0;
        long written = 0;
        for (Object[] row : recent) {
            rss = Math.max(rss, row[0] == null ? 0 : (Double) row[0]);
            written = Math.max(written, row[1] == null ? 0 : (Long) row[1]);
        }
        return new JobNeeds(rss, written, targetFreeMb);
    }
}
