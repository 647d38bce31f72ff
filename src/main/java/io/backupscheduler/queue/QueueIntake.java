package io.backupscheduler.queue;

import io.backupscheduler.errors.ConflictException;
import io.backupscheduler.errors.InvalidInputException;
import io.backupscheduler.errors.NoSuchEntityException;
import io.backupscheduler.job.BackupJob;
import io.backupscheduler.job.Priority;
import io.backupscheduler.lib.graph.DependencyGraph;
import io.backupscheduler.persistence.NewRowIds;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Entries into the queue: a run of a job (READY at once, or waiting for entries and jobs it depends on), the runs
 * of a pass of schedule fires in one batch, and dependencies and chains added later, refused when they would close
 * a cycle or go too deep. Works in the caller's transaction.
 */
public final class QueueIntake {
    /**
     * How a READY entry is written with no entity loaded: an INSERT ... SELECT from its job's row, which supplies the
     * priority and attempts not given, and writes nothing when a backup's job depends on other jobs (a restore or a
     * drill reads points already written: it waits for no other job, and runs once). Parameters: id,
     * priority (null: the job's), job data, scheduled at, not before, purpose, dependency failure policy, schedule id,
     * created at, updated at, purpose, job id, purpose. Public so that the enqueue's benchmark measures this very statement.
     */
    public static final String READY_INSERT = "insert into queue_entry (id, job_id,"
            + " priority, job_data, status, scheduled_at, not_before, attempts, attempts_ever, max_attempts,"
            + " on_dependency_failure, schedule_id, created_at, updated_at, version, purpose)"
            + " select ?, j.id, coalesce(?, j.priority), ?, 'READY', ?, ?, 0, 0,"
            + " case when ? = 'BACKUP' then j.max_retries + 1 else 1 end, ?, ?, ?, ?, 0, ?"
            + " from backup_job j where j.id = ?"
            + " and (? <> 'BACKUP' or not exists (select 1 from backup_job_dependency d where d.job_id = j.id))";

    private final QueueStore store;
    private final EntityManager em;
    private final Clock clock;
    private final QueueDependencies dependencies;

    QueueIntake(QueueStore store, EntityManager em, Clock clock, QueueDependencies dependencies) {
        this.store = store;
        this.em = em;
        this.clock = clock;
        this.dependencies = dependencies;
    }

    /** Puts a run of the job in the queue; it is READY at once unless it waits for dependencies. */
    public QueueEntry enqueue(BackupJob job, Priority priority, String jobData, Set<Long> dependsOn,
                              DependencyFailurePolicy onDependencyFailure, Instant notBefore) {
        Instant now = clock.instant();
        QueueEntry entry = new QueueEntry(job, priority == null ? job.getPriority() : priority, jobData,
                notBefore == null || notBefore.isBefore(now) ? now : notBefore, job.getMaxRetries() + 1,
                onDependencyFailure == null ? DependencyFailurePolicy.BLOCK : onDependencyFailure);
        Set<Long> entryDependencies = new java.util.LinkedHashSet<>(dependsOn == null ? Set.of() : dependsOn);
        Set<Long> jobWaits = new java.util.LinkedHashSet<>();
        for (long dependencyJob : job.getDependsOn()) {
            List<Long> open = em.createQuery("select e.id from QueueEntry e where e.job.id = :job and e.status in :open"
                            + " and e.purpose = :backup", Long.class)
                    .setParameter("job", dependencyJob)
                    .setParameter("backup", RunPurpose.BACKUP)
                    .setParameter("open", QueueStatus.OPEN)
                    .getResultList();
            if (!open.isEmpty()) {
                entryDependencies.addAll(open);
            } else if (!succeededSince(dependencyJob, now.minus(store.jobDependencyWindow()))) {
                jobWaits.add(dependencyJob);
            }
        }
        if (entryDependencies.isEmpty() && jobWaits.isEmpty()) {
            entry.moveTo(QueueStatus.READY, null); // before persisting: one insert, no update
            em.persist(entry);
            return entry;
        }
        entry.waitForJobs(jobWaits);
        em.persist(entry);
        if (entryDependencies.isEmpty()) {
            dependencies.evaluate(entry);
            return entry;
        }
        return addDependencies(entry, entryDependencies);
    }

    /**
     * Puts a restore or a drill of one of the job's points in the queue, READY at once: it waits for no other job
     * (it reads points already written), and runs once, because a second attempt would meet the files of the first.
     */
    public QueueEntry enqueueRestore(BackupJob job, RunPurpose purpose, Priority priority) {
        if (purpose == RunPurpose.BACKUP) {
            throw new IllegalArgumentException("a backup is queued with enqueue");
        }
        QueueEntry entry = new QueueEntry(job, priority == null ? job.getPriority() : priority, null, clock.instant(), 1,
                DependencyFailurePolicy.BLOCK);
        entry.purpose(purpose);
        entry.moveTo(QueueStatus.READY, null);
        em.persist(entry);
        em.flush();
        return entry;
    }

    /**
     * Puts a run of a job, given by id, in the queue and returns the new entry's id. When nothing has to be
     * worked out first (no entry dependencies asked for, and the job depends on no other job) this is one
     * INSERT ... SELECT from the job's row, with no entity loaded; otherwise the full path of
     * {@link #enqueue(BackupJob, Priority, String, Set, DependencyFailurePolicy, Instant)}.
     */
    public long enqueue(long jobId, Priority priority, String jobData, Set<Long> dependsOn,
                        DependencyFailurePolicy onDependencyFailure, Instant notBefore) {
        DependencyFailurePolicy policy = onDependencyFailure == null ? DependencyFailurePolicy.BLOCK : onDependencyFailure;
        if (dependsOn == null || dependsOn.isEmpty()) {
            Instant now = clock.instant();
            Instant runAt = notBefore == null || notBefore.isBefore(now) ? now : notBefore;
            ReadyRow row = new ReadyRow(NewRowIds.next(em, QueueEntry.class), jobId, priority, jobData, runAt, runAt,
                    policy, null, RunPurpose.BACKUP);
            if (insertReady(List.of(row), now)[0]) {
                return row.id();
            }
        }
        BackupJob job = em.find(BackupJob.class, jobId);
        if (job == null) {
            throw new NoSuchEntityException("job", jobId);
        }
        return enqueue(job, priority, jobData, dependsOn, policy, notBefore).getId();
    }

    /**
     * Queues the runs of a pass of schedule fires together: one JDBC batch of INSERT ... SELECT (ordered by their
     * fire, then by when they were queued); runs of jobs that depend on other jobs take the full path one by one.
     * Returns the new entries' ids, in the order of the runs.
     */
    public List<Long> enqueueAll(List<ScheduledRun> runs) {
        if (runs.isEmpty()) {
            return List.of();
        }
        Instant now = clock.instant();
        List<ReadyRow> rows = new ArrayList<>(runs.size());
        for (ScheduledRun run : runs) {
            rows.add(new ReadyRow(NewRowIds.next(em, QueueEntry.class), run.jobId(), run.priority(), run.jobData(),
                    run.due() == null ? now : run.due(), now, DependencyFailurePolicy.BLOCK, run.scheduleId(),
                    run.purpose() == null ? RunPurpose.BACKUP : run.purpose()));
        }
        boolean[] inserted = insertReady(rows, now);
        List<Long> ids = new ArrayList<>(runs.size());
        for (int i = 0; i < runs.size(); i++) {
            if (inserted[i]) {
                ids.add(rows.get(i).id());
                continue;
            }
            ScheduledRun run = runs.get(i); // the job depends on other jobs (or was deleted meanwhile)
            BackupJob job = em.find(BackupJob.class, run.jobId());
            if (job == null) {
                throw new NoSuchEntityException("job", run.jobId());
            }
            QueueEntry entry = enqueue(job, run.priority(), run.jobData(), Set.of(), DependencyFailurePolicy.BLOCK, null);
            entry.queuedBy(run.scheduleId());
            ids.add(entry.getId());
        }
        return ids;
    }

    /** A READY entry written by SQL; the job's row supplies what is not given (priority, attempts). */
    private record ReadyRow(long id, long jobId, Priority priority, String jobData, Instant scheduledAt,
                            Instant notBefore, DependencyFailurePolicy policy, Long scheduleId, RunPurpose purpose) {
    }

    /**
     * Writes READY entries with one JDBC batch of INSERT ... SELECT from their jobs' rows, with no entity loaded.
     * A row is not written (false) when its job depends on other jobs (such runs need the full path) or is gone.
     */
    private boolean[] insertReady(List<ReadyRow> rows, Instant now) {
        int[] counts = em.unwrap(org.hibernate.Session.class).doReturningWork(connection -> {
            try (java.sql.PreparedStatement insert = connection.prepareStatement(READY_INSERT)) {
                java.time.OffsetDateTime stamp = now.atOffset(java.time.ZoneOffset.UTC);
                for (ReadyRow row : rows) {
                    insert.setLong(1, row.id());
                    if (row.priority() == null) {
                        insert.setNull(2, java.sql.Types.INTEGER);
                    } else {
                        insert.setInt(2, row.priority().rank());
                    }
                    insert.setString(3, row.jobData());
                    insert.setObject(4, row.scheduledAt().atOffset(java.time.ZoneOffset.UTC));
                    insert.setObject(5, row.notBefore().atOffset(java.time.ZoneOffset.UTC));
                    insert.setString(6, row.purpose().name());
                    insert.setString(7, row.policy().name());
                    if (row.scheduleId() == null) {
                        insert.setNull(8, java.sql.Types.BIGINT);
                    } else {
                        insert.setLong(8, row.scheduleId());
                    }
                    insert.setObject(9, stamp);
                    insert.setObject(10, stamp);
                    insert.setString(11, row.purpose().name());
                    insert.setLong(12, row.jobId());
                    insert.setString(13, row.purpose().name());
                    insert.addBatch();
                }
                return insert.executeBatch();
            }
        });
        Set<Long> unknown = new java.util.HashSet<>();
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] == java.sql.Statement.SUCCESS_NO_INFO) {
                unknown.add(rows.get(i).id());
            }
        }
        Set<Long> written = unknown.isEmpty() ? Set.of() // the driver did not say which rows it wrote: ask
                : new java.util.HashSet<>(em.createQuery("select e.id from QueueEntry e where e.id in :ids", Long.class)
                .setParameter("ids", unknown).getResultList());
        boolean[] inserted = new boolean[rows.size()];
        for (int i = 0; i < counts.length; i++) {
            inserted[i] = counts[i] == 1 || written.contains(rows.get(i).id());
        }
        return inserted;
    }

    /**
     * Makes an entry wait for others; refuses, changing nothing, an unknown id, a finished or running entry, a
     * cycle (409 naming it, e.g. "12 -> 15 -> 12") or a chain deeper than the configured limit.
     */
    public QueueEntry addDependencies(QueueEntry entry, Set<Long> dependsOn) {
        if (entry.getStatus() != QueueStatus.PENDING && entry.getStatus() != QueueStatus.READY) {
            throw new ConflictException("dependsOn", "entry " + entry.getId() + " is " + entry.getStatus()
                    + "; only PENDING or READY entries can wait for others");
        }
        Set<Long> found = lockTargets(dependsOn);
        for (long id : new TreeSet<>(dependsOn)) {
            if (!found.contains(id)) {
                throw InvalidInputException.of("dependsOn", "queue entry " + id + " does not exist");
            }
        }
        DependencyGraph graph = dependencies.storedGraph();
        for (long id : new TreeSet<>(dependsOn)) {
            Optional<List<Long>> cycle = graph.cycleIfAdded(entry.getId(), id);
            if (cycle.isPresent()) {
                throw new ConflictException("dependsOn", "this dependency would close the cycle "
                        + DependencyGraph.describe(cycle.get()));
            }
            graph.add(entry.getId(), id);
        }
        int depth = graph.depth(entry.getId());
        if (depth > store.maxDependencyDepth()) {
            throw new ConflictException("dependsOn", "the chain below entry " + entry.getId() + " would be " + depth
                    + " deep; the limit is " + store.maxDependencyDepth() + " (backup.queue.max-dependency-depth)");
        }
        entry.addDependencies(dependsOn);
        em.flush();
        dependencies.evaluate(entry);
        return entry;
    }

    /**
     * Locks the entries an entry is to wait for, in id order as completion locks them, and returns those that exist.
     * A completion of one of them then either went first, and the entry sees it finished, or waits for this
     * transaction and finds the new dependent when it looks for followers; without the lock, each could commit
     * without seeing the other, and the entry would wait for ever.
     */
    private Set<Long> lockTargets(Set<Long> ids) {
        Set<Long> found = new java.util.HashSet<>();
        if (ids.isEmpty()) {
            return found;
        }
        String idList = ids.stream().sorted().map(String::valueOf).collect(java.util.stream.Collectors.joining(","));
        for (Object id : em.createNativeQuery("select id from queue_entry where id in (" + idList + ") order by id for update")
                .getResultList()) {
            found.add(((Number) id).longValue());
        }
        return found;
    }

    private boolean succeededSince(long jobId, Instant since) {
        return !em.createQuery("select e.id from QueueEntry e where e.job.id = :job and e.status = :done"
                        + " and e.finishedAt >= :since and e.purpose = :backup", Long.class)
                .setParameter("job", jobId)
                .setParameter("backup", RunPurpose.BACKUP)
                .setParameter("done", QueueStatus.SUCCEEDED)
                .setParameter("since", since)
                .setMaxResults(1)
                .getResultList().isEmpty();
    }

    /** Makes each entry depend on the one before it. */
    public List<QueueEntry> chain(List<Long> ids) {
        if (ids.size() < 2) {
            throw InvalidInputException.of("entries", "a chain needs at least two entries");
        }
        List<long[]> edges;
        try {
            edges = DependencyGraph.chain(ids);
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.of("entries", "names an entry more than once");
        }
        List<QueueEntry> entries = new ArrayList<>();
        for (long id : ids) {
            entries.add(store.get(id));
        }
        for (long[] edge : edges) {
            addDependencies(store.get(edge[0]), Set.of(edge[1]));
        }
        return entries;
    }
}
