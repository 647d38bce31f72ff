package io.backupscheduler.limit;

import io.backupscheduler.audit.AuditLog;
import io.backupscheduler.errors.ConflictException;
import io.backupscheduler.errors.FieldError;
import io.backupscheduler.errors.InvalidInputException;
import io.backupscheduler.errors.NoSuchEntityException;
import io.backupscheduler.persistence.NativeValues;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * The shared limits: set (create or change a capacity), list with how full each is, delete one no job uses. How
 * full a limit is comes from the queue's RUNNING entries, the same count the claim makes.
 */
@ApplicationScoped
@Transactional
public class SharedLimits {
    private static final Logger LOG = Logger.getLogger(SharedLimits.class.getName());
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,99}");
    public static final int MAX_CAPACITY = 10_000;

    @PersistenceContext
    EntityManager em;

    @Inject
    AuditLog audit;

    /** Why a name is not a shared limit's name, if it is not one. */
    public static Optional<String> nameProblem(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            return Optional.of("must be 1-100 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit, e.g. nas1");
        }
        return Optional.empty();
    }

    /** Every limit by name, with the runs holding a unit now and the jobs that use it. */
    public Map<String, LimitUsage> usage() {
        Map<String, List<String>> jobs = new TreeMap<>();
        @SuppressWarnings("unchecked")
        List<Object[]> users = em.createNativeQuery("select u.limit_name, j.name from backup_job_shared_limit u"
                + " join backup_job j on j.id = u.job_id order by j.name").getResultList();
        for (Object[] row : users) {
            jobs.computeIfAbsent((String) row[0], name -> new ArrayList<>()).add((String) row[1]);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select l.name, l.capacity, l.description, l.updated_at, l.version,"
                + " (select count(*) from queue_entry q join backup_job_shared_limit u on u.job_id = q.job_id"
                + " where q.status = 'RUNNING' and u.limit_name = l.name)"
                + " from shared_limit l order by l.name").getResultList();
        Map<String, LimitUsage> usage = new LinkedHashMap<>();
        for (Object[] row : rows) {
            String name = (String) row[0];
            usage.put(name, new LimitUsage(name, ((Number) row[1]).intValue(), (String) row[2], ((Number) row[5]).intValue(),
                    List.copyOf(jobs.getOrDefault(name, List.of())), NativeValues.instant(row[3]), ((Number) row[4]).longValue()));
        }
        return usage;
    }

    public List<LimitUsage> list() {
        return List.copyOf(usage().values());
    }

    public LimitUsage get(String name) {
        LimitUsage limit = usage().get(name);
        if (limit == null) {
            throw new NoSuchEntityException("shared limit", name);
        }
        return limit;
    }

    public boolean exists(String name) {
        return name != null && em.find(SharedLimit.class, name) != null;
    }

    /** Creates a limit or changes its capacity and description; true when it was created. */
    public boolean put(String name, Integer capacity, String description) {
        List<FieldError> errors = new ArrayList<>();
        nameProblem(name).ifPresent(problem -> errors.add(new FieldError("name", problem)));
        if (capacity == null) {
            errors.add(new FieldError("capacity", "is required: how many runs may hold the limit at once, e.g. 2"));
        } else if (capacity < 0 || capacity > MAX_CAPACITY) {
            errors.add(new FieldError("capacity", "must be between 0 and " + MAX_CAPACITY));
        }
        if (description != null && description.strip().length() > 500) {
            errors.add(new FieldError("description", "must be at most 500 characters"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        SharedLimit existing = em.find(SharedLimit.class, name, LockModeType.PESSIMISTIC_WRITE);
        if (existing == null) {
            em.persist(new SharedLimit(name, capacity, description));
            em.flush();
            audit.record("limit.create", "shared-limit", name, "capacity " + capacity, null, null);
            LOG.info(() -> "shared limit '" + name + "' created with capacity " + capacity);
            return true;
        }
        int before = existing.getCapacity();
        existing.change(capacity, description);
        audit.record("limit.update", "shared-limit", name, "capacity " + before + " -> " + capacity, null, null);
        LOG.info(() -> "shared limit '" + name + "' capacity " + before + " -> " + capacity);
        return false;
    }

    /** Removes a limit; refused while jobs use it (they are named). */
    public void delete(String name) {
        SharedLimit limit = em.find(SharedLimit.class, name, LockModeType.PESSIMISTIC_WRITE);
        if (limit == null) {
            throw new NoSuchEntityException("shared limit", name);
        }
        List<String> users = usage().get(name).jobs();
        if (!users.isEmpty()) {
            throw new ConflictException("name", "shared limit '" + name + "' is used by job(s) " + String.join(", ", users)
                    + "; take it out of those jobs first");
        }
        em.remove(limit);
        audit.record("limit.delete", "shared-limit", name, null, null, null);
        LOG.info(() -> "shared limit '" + name + "' deleted");
    }
}
