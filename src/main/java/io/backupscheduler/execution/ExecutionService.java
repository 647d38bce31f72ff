package io.backupscheduler.execution;

import io.backupscheduler.errors.ConflictException;
import io.backupscheduler.errors.NoSuchEntityException;
import io.backupscheduler.node.NodeIdentity;
import io.backupscheduler.paging.Page;
import io.backupscheduler.paging.PageRequest;
import io.backupscheduler.persistence.CappedCount;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/** The execution history and the operations on it users have: list, show, read the log, cancel, statistics. */
@ApplicationScoped
@Transactional
public class ExecutionService {
    private static final Logger LOG = Logger.getLogger(ExecutionService.class.getName());
    /** Most log lines one request returns. */
    public static final int MAX_LOG_LINES = 10_000;

    @PersistenceContext
    EntityManager em;

    @Inject
    ExecutionRecorder recorder;

    @Inject
    RunningExecutions running;

    @Inject
    Dispatcher dispatcher;

    @Inject
    RunSupervisor supervisor;

    @Inject
    ExecutorControl control;

    @Inject
    SystemMonitor monitor;

    @Inject
    NodeIdentity node;

    public Page<Execution> search(ExecutionQuery query, PageRequest page) {
        StringBuilder where = new StringBuilder(" where 1 = 1");
        StringBuilder sqlWhere = new StringBuilder(" where 1 = 1"); // the same filter for the capped count
        Map<String, Object> parameters = new LinkedHashMap<>();
        if (query.jobId() != null) {
            where.append(" and e.jobId = :job");
            sqlWhere.append(" and job_id = :job");
            parameters.put("job", query.jobId());
        }
        if (query.statuses() != null && !query.statuses().isEmpty()) {
            where.append(" and e.status in :statuses");
            sqlWhere.append(" and status in :statuses");
            parameters.put("statuses", query.statuses());
        }
        if (query.queueEntryId() != null) {
            where.append(" and e.queueEntryId = :entry");
            sqlWhere.append(" and queue_entry_id = :entry");
            parameters.put("entry", query.queueEntryId());
        }
        if (query.purpose() != null) {
            where.append(" and e.purpose = :purpose");
            sqlWhere.append(" and purpose = :purpose");
            parameters.put("purpose", query.purpose());
        }
        if (query.startedFrom() != null) {
            where.append(" and e.startedAt >= :from");
            sqlWhere.append(" and started_at >= :from");
            parameters.put("from", query.startedFrom());
        }
        if (query.startedTo() != null) {
            where.append(" and e.startedAt < :to");
            sqlWhere.append(" and started_at < :to");
            parameters.put("to", query.startedTo());
        }
        TypedQuery<Execution> select = em.createQuery("select e from Execution e" + where
                + " order by e.startedAt desc, e.id desc", Execution.class);
        parameters.forEach(select::setParameter);
        List<Execution> items = select.setFirstResult(page.offset()).setMaxResults(page.size()).getResultList();
        return Page.counted(items, CappedCount.count(em, "execution", sqlWhere.toString(), parameters), CappedCount.CAP,
                page.page(), page.size());
    }

    @Inject
    io.backupscheduler.audit.AuditLog audit;

    public Optional<Execution> find(long id) {
        return Optional.ofNullable(em.find(Execution.class, id));
    }

    public Execution get(long id) {
        Execution execution = em.find(Execution.class, id);
        if (execution == null) {
            throw new NoSuchEntityException("execution", id);
        }
        return execution;
    }

    /** The live run behind a RUNNING execution when it runs on this node (for progress and usage so far). */
    public Optional<ActiveRun> live(long id) {
        return running.get(id);
    }

    /** Every execution that is RUNNING on any node, oldest first. */
    public List<Execution> runningNow() {
        return em.createQuery("select e from Execution e where e.status = :running order by e.startedAt, e.id", Execution.class)
                .setParameter("running", ExecutionStatus.RUNNING).setMaxResults(200).getResultList();
    }

    /**
     * Cancels a running execution: on this node at once, on another through the stored request its node picks up
     * within a second. Refused (409) when it already ended. The request is committed before the run is stopped
     * here: an in-JVM run stops within milliseconds and records its end, and that must not race an uncommitted
     * change of the same row.
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public Execution cancel(long id, String by) {
        if (!recorder.requestCancel(id, by)) {
            Execution ended = get(id);
            throw new ConflictException("status", "execution " + id + " already ended " + ended.getStatus());
        }
        running.get(id).ifPresent(run -> supervisor.cancelLocally(run, by, false));
        audit.record("execution.cancel", "execution", id, null, null, null);
        LOG.info(() -> "execution " + id + " cancel requested by " + by);
        return get(id);
    }

    /** The last {@code lines} lines of the run's log; empty when it wrote nothing (or its node's disk is elsewhere). */
    public String logTail(long id, int lines) {
        Execution execution = get(id);
        if (execution.getLogPath() == null) {
            return "";
        }
        Path log = Path.of(execution.getLogPath());
        if (!Files.isRegularFile(log)) {
            return "";
        }
        return tail(log, Math.max(1, Math.min(lines, MAX_LOG_LINES)));
    }

    static String tail(Path log, int lines) {
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long end = file.length();
            long position = end;
            int newlines = 0;
            int chunk = 8192;
            // walk back from the end until enough line breaks are seen (a trailing one does not count)
            while (position > 0 && newlines <= lines) {
                int size = (int) Math.min(chunk, position);
                position -= size;
                byte[] bytes = new byte[size];
                file.seek(position);
                file.readFully(bytes);
                for (int i = size - 1; i >= 0; i--) {
                    if (bytes[i] == '\n' && position + i != end - 1) {
                        newlines++;
                        if (newlines == lines) {
                            position += i + 1;
                            byte[] rest = new byte[(int) (end - position)];
                            file.seek(position);
                            file.readFully(rest);
                            return new String(rest, StandardCharsets.UTF_8);
                        }
                    }
                }
            }
            byte[] all = new byte[(int) end];
            file.seek(0);
            file.readFully(all);
            return new String(all, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    public ExecutorStats stats() {
        ExecutorControl.State state = control.state();
        Instant since = Instant.now().minus(Duration.ofHours(24));
        Map<String, Long> finished = new LinkedHashMap<>();
        for (ExecutionStatus status : ExecutionStatus.values()) {
            if (status.isFinal()) {
                finished.put(status.name(), 0L);
            }
        }
        List<Object[]> rows = new ArrayList<>(em.createQuery("select e.status, count(e), avg(e.durationMs) from Execution e"
                        + " where e.finishedAt >= :since group by e.status", Object[].class)
                .setParameter("since", since).getResultList());
        double weightedDuration = 0;
        long total = 0;
        for (Object[] row : rows) {
            long n = (Long) row[1];
            finished.put(((ExecutionStatus) row[0]).name(), n);
            if (row[2] != null) {
                weightedDuration += ((Number) row[2]).doubleValue() * n;
                total += n;
            }
        }
        long runningEverywhere = em.createQuery("select count(e) from Execution e where e.status = :running", Long.class)
                .setParameter("running", ExecutionStatus.RUNNING).getSingleResult();
        return new ExecutorStats(node.id(), dispatcher.maxWorkers(), running.count(), runningEverywhere, state.paused(),
                dispatcher.startedSinceBoot(), dispatcher.admissionWaits(), dispatcher.lastAdmissionWait(), monitor.snapshot(),
                state.thresholds(), finished, total == 0 ? 0 : Math.round(weightedDuration / total / 100.0) / 10.0);
    }
}
