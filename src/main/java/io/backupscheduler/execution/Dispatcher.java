package io.backupscheduler.execution;

import io.backupscheduler.job.BackupJob;
import io.backupscheduler.job.JobKind;
import io.backupscheduler.job.ResourceLimits;
import io.backupscheduler.node.NodeIdentity;
import io.backupscheduler.queue.JobQueue;
import io.backupscheduler.queue.QueueEntry;
import io.backupscheduler.queue.RunPurpose;
import io.backupscheduler.queue.WorkQueued;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Takes READY queue entries when a worker slot is free, in queue order, admits each against the host's resources
 * (a shortage hands the entry back with the reason, not counted as an attempt), records an Execution and starts
 * the batch job for it ({@code backup-job}, {@code command-job} for a COMMAND backup, or {@code restore-job} for a
 * restore or drill); on shutdown it stops taking work and hands unfinished runs back. Runs once started are looked
 * after by {@link RunSupervisor}.
 */
@ApplicationScoped
public class Dispatcher {
    private static final Logger LOG = Logger.getLogger(Dispatcher.class.getName());
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    Event<AdmissionDeferred> admissionDeferred;

    @Inject
    JobQueue queue;

    @Inject
    ExecutorControl control;

    @Inject
    SystemMonitor monitor;

    @Inject
    ExecutionRecorder recorder;

    @Inject
    RunningExecutions running;

    @Inject
    NodeIdentity node;

    @Inject
    RunSettings settings;

    @Inject
    RunCompletion completion;

    @Inject
    RunSupervisor supervisor;

    @Inject
    @ConfigProperty(name = "backup.executor.max-workers", defaultValue = "4")
    int maxWorkers;

    @Inject
    @ConfigProperty(name = "backup.executor.poll-millis", defaultValue = "1000")
    long pollMillis;

    @Inject
    @ConfigProperty(name = "backup.executor.admission.recheck-seconds", defaultValue = "15")
    long recheckSeconds;

    @Inject
    @ConfigProperty(name = "backup.executor.shutdown-grace-seconds", defaultValue = "15")
    long shutdownGraceSeconds;

    private final List<ScheduledFuture<?>> tasks = new ArrayList<>();
    private final AtomicLong admissionWaits = new AtomicLong();
    private final AtomicBoolean wakePending = new AtomicBoolean();
    private final AtomicLong started = new AtomicLong();
    private final OwedHandBacks owedHandBacks = new OwedHandBacks();
    private volatile boolean stopping;
    private volatile String lastAdmissionWait;
    private boolean drained;
    private Instant nextReclaim = Instant.MIN;

    /** Starts polling the queue and the housekeeping of running work; called once at application start. */
    public synchronized void start() {
        if (!tasks.isEmpty()) {
            return;
        }
        LOG.info(() -> "executor on node " + node.id() + " starting with " + maxWorkers + " worker slots");
        tasks.add(scheduler.scheduleWithFixedDelay(this::tick, pollMillis, pollMillis, TimeUnit.MILLISECONDS));
        long renewEvery = SupervisionRules.renewEvery(settings.lease()).toSeconds();
        tasks.add(scheduler.scheduleWithFixedDelay(this::keepRunsAlive, renewEvery, renewEvery, TimeUnit.SECONDS));
    }

    /** Looks for work now rather than at the next poll (a slot just freed up). */
    public void wake() {
        // many wake-ups while one is pending (a burst of queued runs) make one extra look, not one each
        if (!stopping && wakePending.compareAndSet(false, true)) {
            try {
                scheduler.execute(this::tick);
            } catch (RuntimeException e) {
                wakePending.set(false);
                LOG.log(Level.FINE, "could not wake the dispatcher; the next poll will", e);
            }
        }
    }

    /** A run ended here: its slot is free now, not at the next poll. */
    void onSlotFreed(@Observes WorkerSlotFreed freed) {
        wake();
    }

    /** New work was committed to the queue: look now, so that "run now" starts within milliseconds, not a poll. */
    void onWorkQueued(@Observes(during = TransactionPhase.AFTER_SUCCESS) WorkQueued work) {
        wake();
    }

    /**
     * At most once a second, paced here before the queue opens a transaction: a full node is woken at every run's
     * end and every poll, and an empty reclaim each time would cost a transaction for nothing.
     */
    private void reclaimWhenDue() {
        Instant now = Instant.now();
        if (!SupervisionRules.reclaimDue(now, nextReclaim)) {
            return;
        }
        nextReclaim = now.plusSeconds(1);
        queue.reclaimExpiredLeases();
    }

    /** Says once, when it changes, that this node was drained (takes no new work) or takes work again. */
    private void noteDrain(boolean drained) {
        if (drained != this.drained) {
            this.drained = drained;
            LOG.info(() -> drained ? "node " + node.id() + " is drained: it takes no new work and finishes the " + running.count()
                    + " run(s) it has" : "node " + node.id() + " takes work again (undrained)");
        }
    }

    /** One look at the queue: claims as many entries as there are free slots and starts or defers each. */
    synchronized void tick() {
        wakePending.set(false);
        if (stopping) {
            return;
        }
        try {
            settleOwedHandBacks();
            supervisor.carryCancelRequests();
            supervisor.expireOverdue();
            supervisor.endLostBatchJobs();
            int free = maxWorkers - running.count();
            ExecutorControl.NodeView view = free <= 0 ? null : control.stateFor(node.id());
            if (view != null) {
                noteDrain(view.drained());
            }
            if (view == null || view.state().paused() || view.drained()) {
                reclaimWhenDue(); // a dead node's work goes back when its lease ends, room or not
                return;
            }
            ExecutorControl.State state = view.state();
            List<QueueEntry> claimed = queue.claim(node.id(), node.labels().values(), free, settings.lease());
            if (claimed.isEmpty()) {
                return;
            }
            SystemSnapshot host = monitor.snapshot();
            Optional<String> hostShortage = ResourceAdmission.hostShortage(host, state.thresholds());
            for (QueueEntry entry : claimed) {
                BackupJob job = entry.getJob();
                // a job's needs are those of its backups; a restore is admitted on the host's state alone
                Optional<String> shortage = entry.getPurpose() != RunPurpose.BACKUP ? hostShortage
                        : hostShortage.or(() -> ResourceAdmission.jobShortage(host, state.thresholds(),
                        recorder.needs(job.getId(), monitor.freeMb(job.getTargetPath()))));
                if (shortage.isPresent()) {
                    deferForResources(entry, shortage.get());
                } else {
                    launchOrHandBack(entry);
                }
            }
        } catch (RuntimeException e) {
            LOG.log(stopping ? Level.FINE : Level.WARNING, "dispatching failed; trying again at the next poll", e);
        }
    }

    private void deferForResources(QueueEntry entry, String shortage) {
        admissionWaits.incrementAndGet();
        lastAdmissionWait = shortage;
        String reason = "waiting for resources: " + shortage;
        queue.handBack(entry.getId(), node.id(), reason, Instant.now().plusSeconds(recheckSeconds));
        LOG.warning(() -> "queue entry " + entry.getId() + " of job " + entry.getJob().getId() + " waits " + recheckSeconds
                + " s: " + shortage);
        admissionDeferred.fire(new AdmissionDeferred(entry.getId(), entry.getJob().getId(), shortage));
    }

    /**
     * A run that could not even be recorded (the database went away) goes back to the queue, not counted; when the
     * hand-back fails too, it is owed and made at the first look after the database answers again.
     */
    private void launchOrHandBack(QueueEntry entry) {
        try {
            launch(entry);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not start queue entry " + entry.getId() + "; handing it back", e);
            String reason = "could not start on " + node.id() + ": " + e.getMessage();
            try {
                queue.handBack(entry.getId(), node.id(), reason, Instant.now().plusSeconds(recheckSeconds));
            } catch (RuntimeException again) {
                owedHandBacks.owe(entry.getId(), reason);
                LOG.log(Level.WARNING, "could not hand back queue entry " + entry.getId() + " either; it goes back as soon as the"
                        + " database answers (" + owedHandBacks.count() + " owed)", again);
            }
        }
    }

    /** The database answers again: what could not start meanwhile runs now, not when its lease ends. */
    private void settleOwedHandBacks() {
        if (owedHandBacks.count() == 0) {
            return;
        }
        int handedBack = owedHandBacks.settle(entryId -> running.ofEntry(entryId).isPresent(),
                (entryId, reason) -> queue.handBack(entryId, node.id(), reason, Instant.now()));
        if (handedBack > 0) {
            LOG.info(() -> handedBack + " queue entr" + (handedBack == 1 ? "y" : "ies") + " that could not start while the database"
                    + " was away went back to the queue (" + owedHandBacks.count() + " still owed)");
        }
    }

    private void launch(QueueEntry entry) {
        Optional<ActiveRun> still = running.ofEntry(entry.getId());
        if (still.isPresent()) { // a second run would write a second point of the job beside the first
            LOG.warning(() -> "queue entry " + entry.getId() + " came back to " + node.id() + " after its lease ran out while execution "
                    + still.get().executionId() + " still runs it here (its renewals were late): that run goes on and no second one starts");
            return;
        }
        BackupJob job = entry.getJob();
        Instant now = Instant.now();
        ResourceLimits limits = EffectiveLimits.of(job.getLimits(), entry.getJobData());
        int superseded = recorder.closeSuperseded(entry.getId(), running.all().stream().map(ActiveRun::executionId).toList(), now);
        if (superseded > 0) {
            LOG.warning(() -> "queue entry " + entry.getId() + " was taken over from a stopped node; its " + superseded
                    + " unfinished execution record(s) are closed as FAILED");
        }
        Execution execution = recorder.start(entry, limits, node.id(), now,
                executionId -> ActiveRun.logFileIn(settings.runDirectory(executionId)));
        long id = execution.getId();
        ActiveRun run = new ActiveRun(id, entry.getId(), job.getId(), job.getName(),
                RunWork.of(entry.getPurpose(), job, expand(job.getCommand(), job.getTargetPath(), id, now)), limits, settings.runDirectory(id), now,
                entry.getJobData());
        running.add(run);
        started.incrementAndGet();
        LOG.info(() -> "execution " + id + " of job " + job.getId() + " '" + job.getName() + "' (queue entry " + entry.getId()
                + ", attempt " + entry.getAttempts() + ") starting on " + node.id()
                + (entry.getPurpose() == RunPurpose.BACKUP ? "" : ": a " + entry.getPurpose()));
        try {
            Properties parameters = new Properties();
            parameters.setProperty("executionId", Long.toString(id));
            JobOperator operator = BatchRuntime.getJobOperator();
            long batchExecution = startOrResume(operator, job, entry.getId(), run, parameters);
            run.batchStarted(batchExecution); // its record gets the batch ids from the job's first step
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the batch runtime did not start execution " + id, e);
            run.ended(ExecutionStatus.FAILED, null, "the batch runtime did not start the job: " + e.getMessage(), null, null);
            completion.finish(run, "FAILED");
        }
    }

    /**
     * A directory backup whose last attempt stopped part-way (the node shut down, it failed or ran out of time)
     * restarts that batch execution, which goes on from its last checkpoint; anything else starts afresh.
     */
    private long startOrResume(JobOperator operator, BackupJob job, long entryId, ActiveRun run, Properties parameters) {
        if (job.getKind() == JobKind.DIRECTORY && run.work().purpose() == RunPurpose.BACKUP) {
            Optional<Long> previous = recorder.resumableBatch(entryId, run.executionId());
            if (previous.isPresent()) {
                try {
                    BatchStatus status = operator.getJobExecution(previous.get()).getBatchStatus();
                    if (status == BatchStatus.FAILED || status == BatchStatus.STOPPED) {
                        long restarted = operator.restart(previous.get(), parameters);
                        LOG.info(() -> "execution " + run.executionId() + " restarts batch execution " + previous.get() + " of queue entry "
                                + entryId + " from its last checkpoint");
                        return restarted;
                    }
                } catch (RuntimeException e) { // purged, not the newest of its instance, not restartable: start afresh
                    LOG.info(() -> "execution " + run.executionId() + " cannot restart batch execution " + previous.get() + " ("
                            + e.getMessage() + "); it starts afresh");
                }
            }
        }
        return operator.start(run.work().purpose().batchJob(job.getKind()), parameters);
    }

    /** Placeholders in a command's arguments: {target}, {timestamp} (UTC, yyyyMMdd-HHmmss) and {execution}. */
    static List<String> expand(List<String> command, String target, long executionId, Instant now) {
        String stamp = STAMP.format(now);
        return command.stream().map(arg -> arg.replace("{target}", target == null ? "" : target)
                .replace("{timestamp}", stamp).replace("{execution}", Long.toString(executionId))).toList();
    }

    private void keepRunsAlive() {
        if (!stopping) {
            supervisor.keepRunsAlive();
        }
    }

    /** Stops taking work; lets running work finish for the grace period, then stops it and hands it back. */
    @PreDestroy
    public void shutdown() {
        if (stopping) {
            return; // ExecutorStartup did it first
        }
        stopping = true;
        synchronized (this) {
            tasks.forEach(task -> task.cancel(false));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(shutdownGraceSeconds);
        if (running.count() > 0) {
            LOG.info(() -> "executor shutting down: waiting up to " + shutdownGraceSeconds + " s for " + running.count() + " runs");
        }
        while (running.count() > 0 && System.nanoTime() < deadline) {
            sleep(200);
        }
        supervisor.handBackAll();
        settleOwedHandBacks(); // whatever is still owed waits out its lease: the database has not come back
        long killDeadline = System.nanoTime() + settings.killGrace().plusSeconds(5).toNanos();
        while (running.count() > 0 && System.nanoTime() < killDeadline) {
            sleep(200);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public boolean stopping() {
        return stopping;
    }

    public int maxWorkers() {
        return maxWorkers;
    }

    public long admissionWaits() {
        return admissionWaits.get();
    }

    public String lastAdmissionWait() {
        return lastAdmissionWait;
    }

    public long startedSinceBoot() {
        return started.get();
    }
}
