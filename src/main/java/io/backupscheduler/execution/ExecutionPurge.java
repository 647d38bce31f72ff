package io.backupscheduler.execution;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The database side of purging history, a batch at a time: which executions the policy lets go, and removing
 * them with the batch runtime's own job-repository rows for them. Each call is one transaction.
 */
@ApplicationScoped
public class ExecutionPurge {
    @PersistenceContext
    EntityManager em;

    @Inject
    @ConfigProperty(name = "backup.executor.batch-table-prefix", defaultValue = "JB_")
    String batchTablePrefix;

    /** A removable run: its id, its batch job instance (may be null) and its log file (may be null). */
    public record Candidate(long id, Long batchInstanceId, String logPath) {
    }

    /** Up to {@code limit} finished executions the policy lets go, oldest first. */
    @Transactional
    public List<Candidate> candidates(RetentionPolicy policy, Instant now, int limit) {
        Set<Long> ids = new LinkedHashSet<>();
        Instant success = policy.successCutoff(now);
        Instant failure = policy.failureCutoff(now);
        if (success != null) {
            ids.addAll(ids("select id from execution where status in ('SUCCEEDED', 'CANCELLED') and finished_at < ?1"
                    + " order by finished_at fetch first " + limit + " rows only", success));
        }
        if (failure != null && ids.size() < limit) {
            ids.addAll(ids("select id from execution where status in ('FAILED', 'TIMED_OUT', 'REJECTED_LIMIT')"
                    + " and finished_at < ?1 order by finished_at fetch first " + (limit - ids.size()) + " rows only", failure));
        }
        if (policy.runsPerJob() > 0 && ids.size() < limit) {
            ids.addAll(ids("select id from (select id, row_number() over (partition by job_id order by started_at desc, id desc) as n"
                    + " from execution where status <> 'RUNNING') ranked where n > ?1 order by id fetch first "
                    + (limit - ids.size()) + " rows only", policy.runsPerJob()));
        }
        List<Candidate> candidates = new ArrayList<>();
        if (ids.isEmpty()) {
            return candidates;
        }
        for (Object[] row : em.createQuery("select e.id, e.batchInstanceId, e.logPath from Execution e where e.id in :ids"
                + " and e.status <> :running order by e.id", Object[].class)
                .setParameter("ids", ids).setParameter("running", ExecutionStatus.RUNNING).getResultList()) {
            candidates.add(new Candidate((Long) row[0], (Long) row[1], (String) row[2]));
        }
        return candidates;
    }

    @SuppressWarnings("unchecked")
    private List<Long> ids(String sql, Object parameter) {
        return ((List<Number>) em.createNativeQuery(sql).setParameter(1, parameter).getResultList()).stream()
                .map(Number::longValue).toList();
    }

    /** Removes these execution records; returns how many went. */
    @Transactional
    public int deleteExecutions(List<Long> ids) {
        if (ids.isEmpty()) {
            return 0;
        }
        return em.createQuery("delete from Execution e where e.id in :ids and e.status <> :running")
                .setParameter("ids", ids).setParameter("running", ExecutionStatus.RUNNING).executeUpdate();
    }

    /**
     * Removes the batch runtime's rows of these job instances (Liberty's JB_ tables: instances, executions, step
     * threads, parameters) that no execution outside {@code purgedExecutions} still uses: a restarted directory
     * backup shares its instance with the attempt it resumed, and keeps it until both are purged. Its own
     * transaction: where the tables differ (another server), only this part fails.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int deleteBatchInstances(List<Long> batchInstances, List<Long> purgedExecutions) {
        if (batchInstances.isEmpty()) {
            return 0;
        }
        List<Long> stillUsed = em.createQuery("select distinct e.batchInstanceId from Execution e where e.batchInstanceId in :instances"
                        + " and e.id not in :purged", Long.class)
                .setParameter("instances", batchInstances).setParameter("purged", purgedExecutions.isEmpty() ? List.of(-1L) : purgedExecutions)
                .getResultList();
        List<Long> instanceIds = batchInstances.stream().filter(id -> !stillUsed.contains(id)).distinct().toList();
        if (instanceIds.isEmpty()) {
            return 0;
        }
        String p = batchTablePrefix;
        String executions = "select jobexecid from " + p + "jobexecution where fk_jobinstanceid in (:ids)";
        update("delete from " + p + "stepthreadinstance where fk_jobinstanceid in (:ids)", instanceIds);
        update("delete from " + p + "remotablepartition where fk_jobexecutionid in (" + executions + ")", instanceIds);
        update("delete from " + p + "stepthreadexecution where fk_jobexecid in (" + executions + ")", instanceIds);
        update("delete from " + p + "jobparameter where fk_jobexecid in (" + executions + ")", instanceIds);
        update("delete from " + p + "jobexecution where fk_jobinstanceid in (:ids)", instanceIds);
        update("delete from " + p + "groupassociation where fk_jobinstanceid in (:ids)", instanceIds);
        return update("delete from " + p + "jobinstance where jobinstanceid in (:ids)", instanceIds);
    }

    private int update(String sql, List<Long> ids) {
        return em.createNativeQuery(sql).setParameter("ids", ids).executeUpdate();
    }
}
