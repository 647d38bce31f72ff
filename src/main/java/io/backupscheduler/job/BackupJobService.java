package io.backupscheduler.job;

import io.backupscheduler.audit.AuditLog;
import io.backupscheduler.errors.ConflictException;
import io.backupscheduler.errors.FieldError;
import io.backupscheduler.limit.SharedLimits;
import io.backupscheduler.errors.InvalidInputException;
import io.backupscheduler.errors.NoSuchEntityException;
import io.backupscheduler.lib.graph.DependencyGraph;
import io.backupscheduler.paging.Page;
import io.backupscheduler.paging.PageRequest;
import io.backupscheduler.paging.SortOrder;
import io.backupscheduler.settings.SharedSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import io.backupscheduler.secret.SecretStore;
import jakarta.inject.Inject;
import io.backupscheduler.persistence.LikePatterns;
import io.backupscheduler.persistence.ConstraintViolations;
import jakarta.persistence.EntityManager;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Order;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import jakarta.transaction.Transactional;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Creates, changes, deletes and finds backup job definitions. Every change is validated as a whole before
 * anything is written, and runs in one transaction.
 */
@ApplicationScoped
@Transactional
public class BackupJobService {
    private static final Logger LOG = Logger.getLogger(BackupJobService.class.getName());

    @Inject
    AuditLog audit;

    @Inject
    AllowedPaths allowedPaths;

    @Inject
    SecretStore secrets;

    @Inject
    SharedLimits sharedLimits;

    @PersistenceContext
    EntityManager em;

    @Inject
    Validator validator;

    @Inject
    Event<JobDeleting> deleting;

    @Inject
    SharedSettings settings;

    public BackupJob create(JobSpec spec) {
        validate(spec);
        requireUniqueName(spec.getName().strip(), null);
        checkDependencies(null, spec.getDependsOn());
        BackupJob job = new BackupJob();
        job.apply(spec);
        em.persist(job);
        flushOrConflict(spec.getName().strip());
        audit.record("job.create", "job", job.getId(), job.getName(), null, JobSpec.of(job));
        LOG.info(() -> "created job " + job.getId() + " '" + job.getName() + "' (" + job.getKind() + ")");
        return job;
    }

    public BackupJob update(long id, JobSpec spec) {
        validate(spec);
        if (spec.getVersion() == null) {
            throw InvalidInputException.of("version", "is required: the version of the job you edited");
        }
        BackupJob job = get(id);
        if (job.getVersion() != spec.getVersion()) {
            throw new ConflictException("version", "job " + id + " was changed by someone else (version "
                    + job.getVersion() + ", you edited version " + spec.getVersion() + "): reload it and try again");
        }
        requireUniqueName(spec.getName().strip(), id);
        checkDependencies(id, spec.getDependsOn());
        requireBucketKept(job, spec);
        JobSpec before = JobSpec.of(job);
        job.apply(spec);
        flushOrConflict(spec.getName().strip());
        audit.record("job.update", "job", id, job.getName(), before, JobSpec.of(job));
        LOG.info(() -> "updated job " + id + " '" + job.getName() + "' to version " + job.getVersion());
        return job;
    }

    /** Points kept in the job's bucket alone are read from there: an edit may not move the bucket from under them. */
    private void requireBucketKept(BackupJob job, JobSpec spec) {
        CopyTarget now = job.getCopyTarget();
        if (!now.isSet()) {
            return;
        }
        CopyTarget next = spec.getKind() == JobKind.DIRECTORY && spec.getCopyTarget() != null ? spec.getCopyTarget().cleaned() : new CopyTarget();
        if (java.util.Objects.equals(now.getBucket(), next.getBucket()) && java.util.Objects.equals(now.getPrefix(), next.getPrefix())
                && java.util.Objects.equals(now.getEndpoint(), next.getEndpoint())) {
            return;
        }
        // the backup capability owns the table; the job may only ask whether such points exist
        long kept = ((Number) em.createNativeQuery("select count(*) from backup_point where job_id = ?1 and bucket_only = true")
                .setParameter(1, job.getId()).getSingleResult()).longValue();
        if (kept > 0) {
            throw new ConflictException("copyTarget.bucket", kept + " backup point(s) of job " + job.getId() + " are kept in "
                    + now.describe() + " alone: keep its bucket, prefix and endpoint while they exist (retention removes them with"
                    + " their objects)");
        }
    }

    public void delete(long id) {
        BackupJob job = get(id);
        JobSpec before = JobSpec.of(job);
        deleting.fire(new JobDeleting(id, job.getName()));
        em.remove(job);
        em.flush();
        audit.record("job.delete", "job", id, job.getName(), before, null);
        LOG.info(() -> "deleted job " + id + " '" + job.getName() + "'");
    }

    /** The names of these jobs, by id; ids of jobs that are gone are missing. */
    public Map<Long, String> namesOf(java.util.Collection<Long> ids) {
        Map<Long, String> names = new java.util.HashMap<>();
        if (!ids.isEmpty()) {
            em.createQuery("select j.id, j.name from BackupJob j where j.id in :ids", Object[].class).setParameter("ids", ids)
                    .getResultList().forEach(row -> names.put((Long) row[0], (String) row[1]));
        }
        return names;
    }

    public BackupJob get(long id) {
        BackupJob job = em.find(BackupJob.class, id);
        if (job == null) {
            throw new NoSuchEntityException("job", id);
        }
        return job;
    }

    public Page<BackupJob> search(JobQuery query, PageRequest pageRequest) {
        CriteriaBuilder cb = em.getCriteriaBuilder();

        CriteriaQuery<Long> countQuery = cb.createQuery(Long.class);
        Root<BackupJob> countRoot = countQuery.from(BackupJob.class);
        countQuery.select(cb.count(countRoot)).where(matching(query, cb, countRoot));
        long total = em.createQuery(countQuery).getSingleResult();

        CriteriaQuery<BackupJob> select = cb.createQuery(BackupJob.class);
        Root<BackupJob> root = select.from(BackupJob.class);
        select.select(root).where(matching(query, cb, root)).orderBy(ordering(pageRequest.sort(), cb, root));
        List<BackupJob> items = em.createQuery(select)
                .setFirstResult(pageRequest.offset())
                .setMaxResults(pageRequest.size())
                .getResultList();
        return new Page<>(items, total, pageRequest.page(), pageRequest.size());
    }

    /** Number of jobs per kind and enabled flag, for the dashboard. */
    public JobCounts counts() {
        List<Object[]> rows = em.createQuery(
                        "select j.kind, j.enabled, count(j) from BackupJob j group by j.kind, j.enabled", Object[].class)
                .getResultList();
        Map<JobKind, Long> byKind = new EnumMap<>(JobKind.class);
        long enabled = 0;
        long total = 0;
        for (Object[] row : rows) {
            long count = (Long) row[2];
            byKind.merge((JobKind) row[0], count, Long::sum);
            total += count;
            if ((Boolean) row[1]) {
                enabled += count;
            }
        }
        List<Object[]> priorityRows = em.createQuery(
                "select j.priority, count(j) from BackupJob j group by j.priority", Object[].class).getResultList();
        Map<Priority, Long> byPriority = new EnumMap<>(Priority.class);
        for (Object[] row : priorityRows) {
            byPriority.put((Priority) row[0], (Long) row[1]);
        }
        return new JobCounts(total, enabled, byKind, byPriority);
    }

    private void validate(JobSpec spec) {
        if (spec == null) {
            throw InvalidInputException.of("body", "is required: a job as JSON");
        }
        Set<ConstraintViolation<JobSpec>> violations = validator.validate(spec);
        if (!violations.isEmpty()) {
            List<FieldError> errors = new ArrayList<>();
            for (ConstraintViolation<JobSpec> v : violations) {
                errors.add(new FieldError(fieldPath(v), v.getMessage()));
            }
            errors.sort(Comparator.comparing(FieldError::field));
            throw new InvalidInputException(errors);
        }
        List<FieldError> paths = new ArrayList<>(allowedPaths.problems(spec));
        String secret = spec.getRestic().getPasswordSecret();
        if (spec.getKind() == JobKind.RESTIC && secret != null && !secret.isBlank() && !secrets.exists(secret.strip())) {
            paths.add(new FieldError("restic.passwordSecret", "there is no secret named '" + secret.strip()
                    + "': set it first (Secrets page, PUT /api/v1/secrets/{name})"));
        }
        String copySecret = spec.getCopyTarget().getSecretKeySecret();
        if (spec.getKind() == JobKind.DIRECTORY && spec.getCopyTarget().isSet() && copySecret != null && !copySecret.isBlank()
                && !secrets.exists(copySecret.strip())) {
            paths.add(new FieldError("copyTarget.secretKeySecret", "there is no secret named '" + copySecret.strip()
                    + "': set it first (Secrets page, PUT /api/v1/secrets/{name})"));
        }
        for (int i = 0; i < spec.getSharedLimits().size(); i++) {
            String limit = spec.getSharedLimits().get(i);
            if (!sharedLimits.exists(limit)) {
                paths.add(new FieldError("sharedLimits[" + i + "]", "there is no shared limit named '" + limit
                        + "': create it first (Shared limits page, PUT /api/v1/shared-limits/{name})"));
            }
        }
        if (!paths.isEmpty()) {
            throw new InvalidInputException(paths);
        }
    }

    /** The jobs whose repository password or copy target's secret key is this secret: a secret in use is not deleted. */
    public List<String> usingSecret(String name) {
        return em.createQuery("select j.name from BackupJob j where j.restic.passwordSecret = :name or j.copySecretKeySecret = :name"
                        + " order by j.name", String.class)
                .setParameter("name", name).getResultList();
    }

    /** "command[1].<list element>" becomes "command[1]": the path as the client wrote the field. */
    static String fieldPath(ConstraintViolation<?> violation) {
        String path = violation.getPropertyPath().toString();
        return path.replace(".<list element>", "").replace("<list element>", "");
    }

    /**
     * The jobs named exist, the job is not among them, and the dependencies between jobs stay a DAG no deeper
     * than {@code backup.queue.max-dependency-depth}; a cycle is a 409 naming the jobs in it.
     */
    private void checkDependencies(Long self, List<Long> dependsOn) {
        if (dependsOn.isEmpty()) {
            return;
        }
        Map<Long, String> names = new java.util.HashMap<>();
        for (Object[] row : em.createQuery("select j.id, j.name from BackupJob j where j.id in :ids", Object[].class)
                .setParameter("ids", dependsOn).getResultList()) {
            names.put((Long) row[0], (String) row[1]);
        }
        for (Long id : dependsOn) {
            if (self != null && self.equals(id)) {
                throw InvalidInputException.of("dependsOn", "a job cannot depend on itself");
            }
            if (!names.containsKey(id)) {
                throw InvalidInputException.of("dependsOn", "job " + id + " does not exist");
            }
        }
        DependencyGraph graph = new DependencyGraph();
        for (Object[] row : em.createQuery("select j.id, d from BackupJob j join j.dependsOn d", Object[].class).getResultList()) {
            if (!row[0].equals(self)) { // the job's own edges are being replaced
                graph.add((Long) row[0], (Long) row[1]);
            }
        }
        long node = self == null ? Long.MIN_VALUE : self; // a new job: nothing depends on it yet
        for (Long id : new java.util.TreeSet<>(dependsOn)) {
            Optional<List<Long>> cycle = graph.cycleIfAdded(node, id);
            if (cycle.isPresent()) {
                throw new ConflictException("dependsOn", "these dependencies would close the cycle "
                        + cycle.get().stream().map(j -> "'" + jobName(j) + "'").collect(java.util.stream.Collectors.joining(" -> ")));
            }
            graph.add(node, id);
        }
        if (graph.depth(node) > settings.maxDependencyDepth()) {
            throw new ConflictException("dependsOn", "the jobs would depend " + graph.depth(node) + " deep; the limit is "
                    + settings.maxDependencyDepth() + " (backup.queue.max-dependency-depth)");
        }
    }

    private String jobName(long id) {
        BackupJob job = em.find(BackupJob.class, id);
        return job == null ? String.valueOf(id) : job.getName();
    }

    /** Turns what the database refuses at flush (a concurrent duplicate or update) into a conflict. */
    private void flushOrConflict(String name) {
        try {
            em.flush();
        } catch (OptimisticLockException e) {
            throw new ConflictException("version", "the job was changed by someone else: reload it and try again");
        } catch (PersistenceException e) {
            if (ConstraintViolations.isUniqueViolation(e)) {
                throw new ConflictException("name", "a job named '" + name + "' already exists");
            }
            throw e;
        }
    }

    private void requireUniqueName(String name, Long exceptId) {
        List<Long> clashing = em.createQuery("select j.id from BackupJob j where j.name = :name", Long.class)
                .setParameter("name", name)
                .getResultList();
        if (clashing.stream().anyMatch(id -> !id.equals(exceptId))) {
            throw new ConflictException("name", "a job named '" + name + "' already exists");
        }
    }

    private static Predicate[] matching(JobQuery query, CriteriaBuilder cb, Root<BackupJob> job) {
        List<Predicate> predicates = new ArrayList<>();
        if (query.text() != null && !query.text().isBlank()) {
            String pattern = LikePatterns.containing(query.text());
            predicates.add(cb.or(
                    cb.like(cb.lower(job.get("name")), pattern, LikePatterns.ESCAPE),
                    cb.like(cb.lower(cb.coalesce(job.get("description"), "")), pattern, LikePatterns.ESCAPE)));
        }
        if (query.kind() != null) {
            predicates.add(cb.equal(job.get("kind"), query.kind()));
        }
        if (query.priority() != null) {
            predicates.add(cb.equal(job.get("priority"), query.priority()));
        }
        if (query.enabled() != null) {
            predicates.add(cb.equal(job.get("enabled"), query.enabled()));
        }
        return predicates.toArray(Predicate[]::new);
    }

    private static List<Order> ordering(List<SortOrder> sort, CriteriaBuilder cb, Root<BackupJob> job) {
        List<Order> orders = new ArrayList<>();
        for (SortOrder order : sort) {
            if (!JobQuery.SORTABLE.contains(order.property())) {
                throw InvalidInputException.of("sort", "cannot sort by '" + order.property() + "'; use one of "
                        + String.join(", ", JobQuery.SORTABLE.stream().sorted().toList()));
            }
            orders.add(order.ascending() ? cb.asc(job.get(order.property())) : cb.desc(job.get(order.property())));
        }
        orders.add(cb.asc(job.get("id"))); // stable paging when the sort key has ties
        return orders;
    }
}
