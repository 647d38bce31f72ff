package io.backupscheduler.execution;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Aggregates of the run history for the dashboard: runs per hour by status, the success rate, and duration
 * percentiles per job. Each is one grouped query (PostgreSQL and H2 both have the functions used), so the cost does
 * not grow with what the page shows.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class ExecutionTrends {
    @PersistenceContext
    EntityManager em;

    /** Runs started in each of the last {@code hours} whole UTC hours (the current one last), by final status. */
    public record Hourly(List<Instant> hours, Map<ExecutionStatus, long[]> counts) {
    }

    /** Finished runs since an instant: how many succeeded and how many failed, timed out or hit a limit. */
    public record SuccessRate(long succeeded, long failed) {
        /** Percent of finished runs that succeeded; null when none finished. */
        public Double percent() {
            long all = succeeded + failed;
            return all == 0 ? null : 100.0 * succeeded / all;
        }
    }

    /** Duration percentiles of one job's successful runs. */
    public record JobDurations(long jobId, String jobName, long runs, long p50Millis, long p95Millis) {
    }

    public Hourly runsPerHour(Instant now, int hours) {
        long currentHour = now.getEpochSecond() / 3600;
        long firstHour = currentHour - hours + 1;
        List<Instant> labels = new ArrayList<>();
        for (long h = firstHour; h <= currentHour; h++) {
            labels.add(Instant.ofEpochSecond(h * 3600));
        }
        Map<ExecutionStatus, long[]> counts = new EnumMap<>(ExecutionStatus.class);
        for (ExecutionStatus status : ExecutionStatus.values()) {
            counts.put(status, new long[hours]);
        }
        List<?> rows = em.createNativeQuery("select floor(extract(epoch from started_at) / 3600), status, count(*)"
                        + " from execution where started_at >= ?1 group by floor(extract(epoch from started_at) / 3600), status")
                .setParameter(1, Instant.ofEpochSecond(firstHour * 3600)).getResultList();
        for (Object row : rows) {
            Object[] columns = (Object[]) row;
            int index = (int) (((Number) columns[0]).longValue() - firstHour);
            ExecutionStatus status = ExecutionStatus.valueOf(((String) columns[1]).trim());
            if (index >= 0 && index < hours) {
                counts.get(status)[index] = ((Number) columns[2]).longValue();
            }
        }
        return new Hourly(labels, counts);
    }

    public SuccessRate successRate(Instant since) {
        long succeeded = 0;
        long failed = 0;
        for (Object[] row : em.createQuery("select e.status, count(e) from Execution e where e.startedAt >= :since"
                        + " and e.status not in :open group by e.status", Object[].class)
                .setParameter("since", since)
                .setParameter("open", List.of(ExecutionStatus.RUNNING, ExecutionStatus.CANCELLED)).getResultList()) {
            if (row[0] == ExecutionStatus.SUCCEEDED) {
                succeeded += (Long) row[1];
            } else {
                failed += (Long) row[1];
            }
        }
        return new SuccessRate(succeeded, failed);
    }

    /** The jobs with the most successful runs since an instant, with their median and 95th percentile durations. */
    public List<JobDurations> durations(Instant since, int maxJobs) {
        List<?> rows = em.createNativeQuery("select job_id, max(job_name), count(*),"
                        + " percentile_cont(0.5) within group (order by duration_ms),"
                        + " percentile_cont(0.95) within group (order by duration_ms)"
                        + " from execution where status = 'SUCCEEDED' and duration_ms is not null and started_at >= ?1"
                        + " group by job_id order by count(*) desc, job_id")
                .setParameter(1, since).setMaxResults(maxJobs).getResultList();
        List<JobDurations> durations = new ArrayList<>();
        for (Object row : rows) {
            Object[] c = (Object[]) row;
            durations.add(new JobDurations(((Number) c[0]).longValue(), (String) c[1], ((Number) c[2]).longValue(),
                    Math.round(((Number) c[3]).doubleValue()), Math.round(((Number) c[4]).doubleValue())));
        }
        return durations;
    }
}
