package io.backupscheduler.alert;

import io.backupscheduler.execution.ExecutionStatus;
import io.backupscheduler.execution.RestoreProofs;
import io.backupscheduler.job.BackupJob;
import io.backupscheduler.job.TargetDisks;
import io.backupscheduler.queue.QueueEntry;
import io.backupscheduler.queue.QueueStatus;
import io.backupscheduler.schedule.FireOutcome;
import io.backupscheduler.schedule.SchedulerSwitch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import jakarta.persistence.TypedQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What each rule type finds true right now, subject by subject. Run history is read back {@code lookback-days} at
 * most, so that a database with a million executions is not scanned every pass. Runs in the caller's transaction.
 */
@ApplicationScoped
public class AlertConditions {
    @PersistenceContext
    EntityManager em;

    @Inject
    TargetDisks disks;

    @Inject
    RestoreProofs restoreProofs;

    @Inject
    SchedulerSwitch schedulerSwitch;

    @Inject
    @ConfigProperty(name = "backup.alerts.lookback-days", defaultValue = "14")
    int lookbackDays;

    @Inject
    @ConfigProperty(name = "backup.alerts.missed-fire-grace-seconds", defaultValue = "120")
    long missedFireGraceSeconds;

    /** The findings of one rule, by subject. */
    public Map<String, Finding> find(AlertRule rule, Instant now) {
        Map<String, Finding> found = new LinkedHashMap<>();
        switch (rule.getType()) {
            case DEAD_LETTERED -> deadLettered(rule, found);
            case CONSECUTIVE_FAILURES -> consecutiveFailures(rule, now, found);
            case MISSED_FIRE -> missedFires(rule, now, found);
            case LOW_DISK -> lowDisk(rule, found);
            case SLOW_RUN -> slowRuns(rule, now, found);
            case RESTORE_FAILED -> failedRestores(rule, now, found);
            case RESTORE_UNPROVEN -> unproven(rule, now, found);
            case COPY_FAILED -> failedCopies(rule, found);
            case RUN_WAITING -> waitingRuns(rule, now, found);
            default -> throw new IllegalStateException(rule.getType().name());
        }
        return found;
    }

    private void deadLettered(AlertRule rule, Map<String, Finding> found) {
        List<Object[]> rows = forJob(em.createQuery("select e.job.id, e.job.name, count(e), max(e.finishedAt) from QueueEntry e"
                        + " where e.status = :dead" + jobClause(rule, "e.job.id") + " group by e.job.id, e.job.name", Object[].class), rule)
                .setParameter("dead", QueueStatus.DEAD).getResultList();
        for (Object[] row : rows) {
            long count = (Long) row[2];
            found.put("job:" + row[0], new Finding("job:" + row[0], "job " + row[0] + " '" + row[1] + "'",
                    "job '" + row[1] + "' has " + count + (count == 1 ? " entry" : " entries") + " in the dead-letter queue"
                            + (row[3] == null ? "" : " (the latest since " + row[3] + ")")));
        }
    }

    private void consecutiveFailures(AlertRule rule, Instant now, Map<String, Finding> found) {
        int n = (int) Math.round(rule.getThreshold());
        Map<Long, List<Object[]>> byJob = latestRuns(rule, now, "e.purpose = 'BACKUP' and e.status not in ('RUNNING', 'CANCELLED')", n);
        byJob.forEach((job, runs) -> {
            List<String> statuses = runs.stream().map(r -> (String) r[2]).toList();
            if (RunPatterns.failedInARow(statuses, n)) {
                Object[] latest = runs.get(0);
                found.put("job:" + job, new Finding("job:" + job, "job " + job + " '" + latest[1] + "'",
                        "the last " + n + " runs of job '" + latest[1] + "' failed; the latest, execution " + latest[5]
                                + ", ended " + latest[2] + (latest[3] == null ? "" : ": " + latest[3])));
            }
        });
    }

    private void slowRuns(AlertRule rule, Instant now, Map<String, Finding> found) {
        double factor = rule.getThreshold();
        Map<Long, List<Object[]>> byJob = latestRuns(rule, now, "e.purpose = 'BACKUP' and e.status = 'SUCCEEDED' and e.duration_ms is not null",
                RunPatterns.BASELINE + 1);
        byJob.forEach((job, runs) -> {
            List<Long> durations = runs.stream().map(r -> ((Number) r[4]).longValue()).toList();
            OptionalDouble ratio = RunPatterns.slowerThan(durations, factor);
            if (ratio.isPresent()) {
                Object[] latest = runs.get(0);
                double median = RunPatterns.median(durations.subList(1, durations.size()));
                found.put("job:" + job, new Finding("job:" + job, "job " + job + " '" + latest[1] + "'",
                        String.format("execution %s of job '%s' took %.1f s, %.1f times the median of its previous %d"
                                        + " successful runs (%.1f s; the rule's limit is %.1f times)", latest[5], latest[1],
                                durations.get(0) / 1000.0, ratio.getAsDouble(), durations.size() - 1, median / 1000.0, factor)));
            }
        });
    }

    private void failedRestores(AlertRule rule, Instant now, Map<String, Finding> found) {
        latestRuns(rule, now, "e.purpose = 'RESTORE' and e.status not in ('RUNNING', 'CANCELLED')", 1).forEach((job, runs) -> {
            Object[] latest = runs.get(0);
            if (!"SUCCEEDED".equals(latest[2])) {
                found.put("job:" + job, new Finding("job:" + job, "job " + job + " '" + latest[1] + "'",
                        "the latest restore of job '" + latest[1] + "', execution " + latest[5] + ", ended " + latest[2]
                                + (latest[3] == null ? "" : ": " + latest[3])));
            }
        });
    }

    /**
     * Jobs with drills (or the rule's job) whose latest drill failed, or whose last successful drill is older than
     * the threshold in days (or that never had one, once the job is that old): the proofs the Jobs page shows, read for
     * every job at once.
     */
    private void unproven(AlertRule rule, Instant now, Map<String, Finding> found) {
        int days = (int) Math.round(rule.getThreshold());
        Instant since = now.minus(Duration.ofDays(days));
        List<Object[]> jobs = forJob(em.createQuery("select j.id, j.name, j.createdAt from BackupJob j where j.enabled = true"
                + (rule.getJobId() == null ? " and j.drill.everyDays is not null" : " and j.id = :job"), Object[].class), rule)
                .getResultList();
        Map<Long, RestoreProofs.Proof> proofs = restoreProofs.of(jobs.stream().map(job -> (Long) job[0]).toList());
        for (Object[] job : jobs) {
            long id = (Long) job[0];
            RestoreProofs.Proof proof = proofs.get(id);
            Instant proven = proof.lastProvenAt();
            String subject = "job:" + id;
            String label = "job " + id + " '" + job[1] + "'";
            if (proof.latestStatus() != null && proof.latestStatus() != ExecutionStatus.SUCCEEDED) {
                found.put(subject, new Finding(subject, label, "the latest restore drill of job '" + job[1] + "', execution "
                        + proof.latestExecution() + ", ended " + proof.latestStatus()
                        + (proof.latestError() == null ? "" : ": " + proof.latestError())));
            } else if (proven == null ? ((Instant) job[2]).isBefore(since) : proven.isBefore(since)) {
                found.put(subject, new Finding(subject, label, "job '" + job[1] + "' has not been proven restorable for " + days + " days"
                        + (proven == null ? ": no restore drill of it ever succeeded" : " (the last successful drill ended " + proven + ")")));
            }
        }
    }

    /**
     * The newest {@code limit} runs per job matching {@code condition}, newest first: job id, job name, status, error,
     * duration, execution id. A window function, which PostgreSQL and H2 both have.
     */
    private Map<Long, List<Object[]>> latestRuns(AlertRule rule, Instant now, String condition, int limit) {
        Query query = em.createNativeQuery("select job_id, job_name, status, error, duration_ms, id from ("
                + " select e.job_id, e.job_name, e.status, e.error, e.duration_ms, e.id,"
                + " row_number() over (partition by e.job_id order by e.started_at desc, e.id desc) as rn"
                + " from execution e where " + condition + " and e.started_at >= ?1"
                + (rule.getJobId() == null ? "" : " and e.job_id = ?3")
                + ") t where t.rn <= ?2 order by t.job_id, t.rn");
        query.setParameter(1, now.minus(Duration.ofDays(lookbackDays)));
        query.setParameter(2, limit);
        if (rule.getJobId() != null) {
            query.setParameter(3, rule.getJobId());
        }
        Map<Long, List<Object[]>> byJob = new LinkedHashMap<>();
        for (Object row : query.getResultList()) {
            Object[] columns = (Object[]) row;
            byJob.computeIfAbsent(((Number) columns[0]).longValue(), k -> new ArrayList<>()).add(columns);
        }
        return byJob;
    }

    private void missedFires(AlertRule rule, Instant now, Map<String, Finding> found) {
        List<Object[]> skipped = forJob(em.createQuery("select s.id, s.name, f.dueAt, f.note from ScheduleFire f, Schedule s"
                        + " where s.id = f.scheduleId and s.enabled = true and f.outcome = :misfire" + jobClause(rule, "s.jobId")
                        + " and f.id in (select max(g.id) from ScheduleFire g where g.firedAt >= :since group by g.scheduleId)",
                        Object[].class), rule)
                .setParameter("misfire", FireOutcome.SKIPPED_MISFIRE)
                .setParameter("since", now.minus(Duration.ofDays(lookbackDays))).getResultList();
        for (Object[] row : skipped) {
            found.put("schedule:" + row[0], new Finding("schedule:" + row[0], "schedule " + row[0] + " '" + row[1] + "'",
                    "schedule '" + row[1] + "' missed its fire of " + row[2] + (row[3] == null ? "" : ": " + row[3])));
        }
        if (!schedulerSwitch.isEnabled()) { // switched off on purpose: fires are not overdue, they are held
            return;
        }
        List<Object[]> overdue = forJob(em.createQuery("select s.id, s.name, s.nextFireAt from Schedule s where s.enabled = true"
                        + " and s.nextFireAt < :overdue" + jobClause(rule, "s.jobId"), Object[].class), rule)
                .setParameter("overdue", now.minusSeconds(missedFireGraceSeconds))
                .setMaxResults(1000).getResultList();
        for (Object[] row : overdue) {
            found.putIfAbsent("schedule:" + row[0], new Finding("schedule:" + row[0], "schedule " + row[0] + " '" + row[1] + "'",
                    "schedule '" + row[1] + "' was due at " + row[2] + " and has not fired"));
        }
    }

    /** Jobs whose latest point copy failed: the off-site copy is missing though the backup succeeded. */
    private void failedCopies(AlertRule rule, Map<String, Finding> found) {
        List<Object[]> rows = forJob(em.createQuery("select c.jobId, j.name, c.pointId, c.target, c.error from PointCopy c, BackupJob j"
                + " where j.id = c.jobId and c.status = :failed" + jobClause(rule, "c.jobId")
                + " and c.startedAt = (select max(o.startedAt) from PointCopy o where o.jobId = c.jobId)", Object[].class), rule)
                .setParameter("failed", io.backupscheduler.backup.CopyStatus.FAILED).getResultList();
        for (Object[] row : rows) {
            found.put("job:" + row[0], new Finding("job:" + row[0], "job " + row[0] + " '" + row[1] + "'",
                    "the latest copy of job '" + row[1] + "' (backup point " + row[2] + " to " + row[3] + ") failed"
                            + (row[4] == null ? "" : ": " + row[4])));
        }
    }

    /** Jobs with a run ready for longer than the threshold (minutes) that no node took: the oldest one says why it may wait. */
    private void waitingRuns(AlertRule rule, Instant now, Map<String, Finding> found) {
        Instant cutoff = now.minusMillis(Math.round(rule.getThreshold() * 60_000));
        List<QueueEntry> waiting = forJob(em.createQuery("select e from QueueEntry e where e.status in :ready and e.notBefore < :cutoff"
                        + jobClause(rule, "e.job.id") + " order by e.notBefore, e.id", QueueEntry.class), rule)
                .setParameter("ready", List.of(QueueStatus.READY, QueueStatus.RETRY_WAIT))
                .setParameter("cutoff", cutoff).setMaxResults(1000).getResultList();
        for (QueueEntry entry : waiting) {
            BackupJob job = entry.getJob();
            long minutes = Duration.between(entry.getNotBefore(), now).toMinutes();
            List<String> placement = job.getPlacement();
            found.putIfAbsent("job:" + job.getId(), new Finding("job:" + job.getId(), "job " + job.getId() + " '" + job.getName() + "'",
                    "a run of job '" + job.getName() + "' (queue entry " + entry.getId() + ") has been ready since " + entry.getNotBefore()
                            + " (" + minutes + " min) and no node has taken it"
                            + (placement.isEmpty() ? "" : "; it is placed on " + String.join(",", placement)
                            + ": is a node with those labels alive and not drained?")));
        }
    }

    /** Rules for one job narrow the query to it; rules for every job leave it as is. */
    private static String jobClause(AlertRule rule, String path) {
        return rule.getJobId() == null ? "" : " and " + path + " = :job";
    }

    private static <T> TypedQuery<T> forJob(TypedQuery<T> query, AlertRule rule) {
        return rule.getJobId() == null ? query : query.setParameter("job", rule.getJobId());
    }

    private void lowDisk(AlertRule rule, Map<String, Finding> found) {
        for (TargetDisks.TargetSpace space : disks.enabledTargets()) {
            if ((rule.getJobId() == null || rule.getJobId() == space.jobId()) && space.freePercent() < rule.getThreshold()) {
                found.put("job:" + space.jobId(), new Finding("job:" + space.jobId(), "job " + space.jobId() + " '" + space.jobName() + "'",
                        String.format("the target %s of job '%s' has %.1f%% free (%d MB), below the rule's %.1f%%", space.target(),
                                space.jobName(), space.freePercent(), space.freeMb(), rule.getThreshold())));
            }
        }
    }
}
