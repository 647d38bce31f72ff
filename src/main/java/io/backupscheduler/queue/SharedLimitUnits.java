package io.backupscheduler.queue;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The second half of a claim that involves shared limits. The claim's select leaves out entries whose limits are
 * full, but two nodes claiming at once could both see the last free unit; so the limits involved are locked (in
 * name order: two nodes never wait on each other crosswise), counted again, and only entries that still find a free
 * unit of every limit their job uses are taken. The others stay READY, untouched, for the next claim.
 */
final class SharedLimitUnits {
    private SharedLimitUnits() {
    }

    /**
     * {@code selected}: rows of (id, attempts_ever, job_id, uses limits 0/1) in queue order; returns those to take,
     * in the same order.
     */
    static List<Object[]> withFreeUnits(EntityManager em, List<Object[]> selected) {
        List<Long> limitedJobs = selected.stream().filter(row -> ((Number) row[3]).intValue() == 1)
                .map(row -> ((Number) row[2]).longValue()).distinct().toList();
        if (limitedJobs.isEmpty()) {
            return selected;
        }
        Map<Long, List<String>> limitsByJob = new HashMap<>();
        @SuppressWarnings("unchecked")
        List<Object[]> uses = em.createNativeQuery("select job_id, limit_name from backup_job_shared_limit where job_id in ("
                + limitedJobs.stream().map(String::valueOf).collect(Collectors.joining(",")) + ")").getResultList(); // ids are numbers
        for (Object[] use : uses) {
            limitsByJob.computeIfAbsent(((Number) use[0]).longValue(), job -> new ArrayList<>()).add((String) use[1]);
        }
        List<String> names = List.copyOf(new TreeSet<>(limitsByJob.values().stream().flatMap(List::stream).toList()));
        Map<String, Integer> capacity = new HashMap<>();
        for (Object[] row : rows(em, "select name, capacity from shared_limit where name in (" + placeholders(names) + ")"
                + " order by name for update", names)) {
            capacity.put((String) row[0], ((Number) row[1]).intValue());
        }
        // counted after the locks are held: a claim that took a unit before has committed, and this statement sees it
        Map<String, Integer> used = new HashMap<>();
        for (Object[] row : rows(em, "select ru.limit_name, count(*) from queue_entry r join backup_job_shared_limit ru on ru.job_id = r.job_id"
                + " where r.status = 'RUNNING' and ru.limit_name in (" + placeholders(names) + ") group by ru.limit_name", names)) {
            used.put((String) row[0], ((Number) row[1]).intValue());
        }
        List<Object[]> taken = new ArrayList<>(selected.size());
        for (Object[] row : selected) {
            List<String> needs = limitsByJob.getOrDefault(((Number) row[2]).longValue(), List.of());
            if (needs.stream().allMatch(name -> used.getOrDefault(name, 0) < capacity.getOrDefault(name, 0))) {
                needs.forEach(name -> used.merge(name, 1, Integer::sum));
                taken.add(row);
            }
        }
        return taken;
    }

    private static String placeholders(List<String> names) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
            text.append(i == 0 ? "" : ", ").append(":name").append(i);
        }
        return text.toString();
    }

    @SuppressWarnings("unchecked")
    private static List<Object[]> rows(EntityManager em, String sql, List<String> names) {
        Query query = em.createNativeQuery(sql);
        for (int i = 0; i < names.size(); i++) {
            query.setParameter("name" + i, names.get(i));
        }
        return query.getResultList();
    }
}
