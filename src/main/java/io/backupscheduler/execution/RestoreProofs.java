package io.backupscheduler.execution;

import io.backupscheduler.queue.RunPurpose;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the drills proved, per job: when a drill last succeeded ("last proven restorable") and how the latest ended. */
@ApplicationScoped
@Transactional
public class RestoreProofs {
    @PersistenceContext
    EntityManager em;

    /**
     * @param lastProvenAt     when the latest successful drill finished; null: never proven
     * @param latestStatus     how the latest finished drill ended; null: none finished
     * @param latestExecution  that drill's execution id
     * @param latestError      its error, when it failed
     */
    public record Proof(long jobId, Instant lastProvenAt, ExecutionStatus latestStatus, Long latestExecution, Instant latestAt,
                        String latestError) {
    }

    /** The proofs of the enabled jobs with a drill cadence, by job name; at most {@code limit}. */
    public Map<String, Proof> ofDrilledJobs(int limit) {
        List<Object[]> jobs = em.createQuery("select j.id, j.name from BackupJob j where j.enabled = true and j.drill.everyDays is not null"
                + " order by j.name", Object[].class).setMaxResults(limit).getResultList();
        Map<Long, Proof> byId = of(jobs.stream().map(row -> (Long) row[0]).toList());
        Map<String, Proof> byName = new LinkedHashMap<>();
        jobs.forEach(row -> byName.put((String) row[1], byId.get((Long) row[0])));
        return byName;
    }

    public Proof of(long jobId) {
        return of(List.of(jobId)).get(jobId);
    }

    /** The proofs of these jobs (every one of them, proven or not), in two queries. */
    public Map<Long, Proof> of(Collection<Long> jobIds) {
        Map<Long, Proof> proofs = new LinkedHashMap<>();
        jobIds.forEach(id -> proofs.put(id, new Proof(id, null, null, null, null, null)));
        if (jobIds.isEmpty()) {
            return proofs;
        }
        Map<Long, Instant> proven = new LinkedHashMap<>();
        for (Object[] row : em.createQuery("select e.jobId, max(e.finishedAt) from Execution e where e.jobId in :jobs and e.purpose = :drill"
                        + " and e.status = :ok group by e.jobId", Object[].class)
                .setParameter("jobs", jobIds).setParameter("drill", RunPurpose.DRILL).setParameter("ok", ExecutionStatus.SUCCEEDED)
                .getResultList()) {
            proven.put((Long) row[0], (Instant) row[1]);
        }
        for (Execution latest : em.createQuery("select e from Execution e where e.jobId in :jobs and e.purpose = :drill"
                        + " and e.status <> :running and e.id = (select max(x.id) from Execution x where x.jobId = e.jobId"
                        + " and x.purpose = :drill and x.status <> :running)", Execution.class)
                .setParameter("jobs", jobIds).setParameter("drill", RunPurpose.DRILL).setParameter("running", ExecutionStatus.RUNNING)
                .getResultList()) {
            proofs.put(latest.getJobId(), new Proof(latest.getJobId(), proven.get(latest.getJobId()), latest.getStatus(), latest.getId(),
                    latest.getFinishedAt(), latest.getError()));
        }
        return proofs;
    }
}
