package io.backupscheduler.execution;

import io.backupscheduler.lib.process.IsolatedProcess;
import io.backupscheduler.lib.process.ResourceUsage;
import io.backupscheduler.job.JobKind;
import io.backupscheduler.job.ResourceLimits;
import io.backupscheduler.queue.RunPurpose;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A run in progress on this node, shared by the dispatcher, the batch steps and cancel: what to run, under which
 * limits, and the outcome the steps arrive at. The first final status set wins.
 */
public final class ActiveRun {
    private final long executionId;
    private final long entryId;
    private final long jobId;
    private final String jobName;
    private final RunWork work;
    private final ResourceLimits limits;
    private final Path directory;
    private final Instant startedAt;
    private final String runData;

    private volatile Long batchExecutionId;
    private volatile IsolatedProcess process;
    private volatile String step;
    private volatile boolean cancelRequested;
    private volatile boolean handBack;
    private volatile boolean timedOut;
    private volatile String cancelledBy;
    private volatile Long backupPointId;
    private volatile long[] progress;
    private volatile boolean jobBegan;
    private volatile boolean inStep;
    private volatile Instant lastSign;
    private final AtomicBoolean ending = new AtomicBoolean();

    private ExecutionStatus status;
    private Integer exitCode;
    private String error;
    private String enforcement;
    private ResourceUsage usage;
    /** CPU time of the server's threads that did this run's in-JVM work (a directory backup, verify, restore). */
    private long inJvmCpuNanos;
    private double inJvmPeakPercent;
    private long sampledAtNanos = System.nanoTime();
    private long sampledCpuNanos;
    private final long startedNanos = System.nanoTime();

    ActiveRun(long executionId, long entryId, long jobId, String jobName, RunWork work, ResourceLimits limits, Path directory,
              Instant startedAt, String runData) {
        this.executionId = executionId;
        this.entryId = entryId;
        this.jobId = jobId;
        this.jobName = jobName;
        this.work = work;
        this.limits = limits;
        this.directory = directory;
        this.startedAt = startedAt;
        this.runData = runData;
        this.lastSign = startedAt;
    }

    /** Stops the run as soon as it can; {@code handBack}: it goes back to the queue instead of ending CANCELLED. */
    public void cancel(String by, boolean handBack) {
        this.cancelledBy = by;
        this.handBack = handBack;
        this.cancelRequested = true;
        IsolatedProcess running = process;
        if (running != null) {
            running.cancel();
        }
    }

    /** The run went past its time limit: it stops as a cancel does, but ends TIMED_OUT and is retried. */
    public void expire() {
        this.timedOut = true;
        cancel("its time limit", false);
    }

    public boolean timedOut() {
        return timedOut;
    }

    /** Records the outcome of a step; the first final outcome stays. */
    public synchronized void ended(ExecutionStatus status, Integer exitCode, String error, String enforcement, ResourceUsage usage) {
        if (this.status != null && this.status != ExecutionStatus.SUCCEEDED) {
            return;
        }
        this.status = status;
        this.exitCode = exitCode != null ? exitCode : this.exitCode;
        this.error = error;
        this.enforcement = enforcement != null ? enforcement : this.enforcement;
        this.usage = usage != null ? usage : this.usage;
    }

    public synchronized boolean failed() {
        return status != null && status != ExecutionStatus.SUCCEEDED;
    }

    public synchronized ExecutionStatus status() {
        return status;
    }

    public synchronized Integer exitCode() {
        return exitCode;
    }

    public synchronized String error() {
        return error;
    }

    public synchronized String enforcement() {
        return enforcement;
    }

    /**
     * Final usage once the work step ended, otherwise what the running process used so far; a run without a process
     * (its work runs in this JVM) reports the CPU time of the threads that did it, as a share of one core.
     */
    public synchronized ResourceUsage usage() {
        if (usage != null) {
            return usage;
        }
        IsolatedProcess running = process;
        if (running != null) {
            return running.usageSoFar();
        }
        double wallNanos = Math.max(1, System.nanoTime() - startedNanos);
        double average = Math.round(inJvmCpuNanos * 1000.0 / wallNanos) / 10.0;
        return new ResourceUsage(average, Math.max(average, inJvmPeakPercent), 0, 0, 0);
    }

    /**
     * Adds CPU time that a server thread spent on this run's work. The peak is the highest share of a core over a
     * second or more between two additions.
     */
    public synchronized void addCpu(long nanos) {
        if (nanos <= 0) {
            return;
        }
        inJvmCpuNanos += nanos;
        long now = System.nanoTime();
        if (now - sampledAtNanos >= 1_000_000_000L) {
            inJvmPeakPercent = Math.max(inJvmPeakPercent, Math.round((inJvmCpuNanos - sampledCpuNanos) * 1000.0 / (now - sampledAtNanos)) / 10.0);
            sampledAtNanos = now;
            sampledCpuNanos = inJvmCpuNanos;
        }
    }

    public void attach(IsolatedProcess process) {
        this.process = process;
        if (cancelRequested) {
            process.cancel();
        }
    }

    void batchStarted(long batchExecutionId) {
        this.batchExecutionId = batchExecutionId;
    }

    public void step(String name) {
        this.step = name;
    }

    /** The batch runtime began the run's job (its job listener was called). */
    public void jobBegan() {
        jobBegan = true;
        lastSign = Instant.now();
    }

    /** A step of the run's job began its work; until {@link #stepLeft} the job is busy, however long that takes. */
    public void stepEntered() {
        inStep = true;
        lastSign = Instant.now();
    }

    /** A step finished its work and handed back to the batch runtime, which goes on to the next step or the job's end. */
    public void stepLeft() {
        inStep = false;
        lastSign = Instant.now();
    }

    /** What the batch job last showed of itself, for the watchdog of jobs the batch runtime dropped. */
    public BatchJobSigns signs() {
        return new BatchJobSigns(batchExecutionId != null, jobBegan, inStep, ending.get(), lastSign);
    }

    /**
     * The batch runtime dropped the job without ending it (see {@link SupervisionRules#batchJobLost}): the run fails
     * with the reason, unless a step already reported a failure, a timeout or a cancel, which stands. A reported
     * success does not stand: the steps after it never ran.
     */
    public synchronized void lost(String reason) {
        if (status == null || status == ExecutionStatus.SUCCEEDED) {
            status = ExecutionStatus.FAILED;
            error = reason;
        }
    }

    /** True for the first caller only: a run is ended once, by its job's end or by the watchdog, whichever comes first. */
    boolean beginEnding() {
        return ending.compareAndSet(false, true);
    }

    public long executionId() {
        return executionId;
    }

    public long entryId() {
        return entryId;
    }

    public long jobId() {
        return jobId;
    }

    public String jobName() {
        return jobName;
    }

    public JobKind kind() {
        return work.kind();
    }

    public List<String> command() {
        return work.command();
    }

    /** Whether the run is a restore drill (a test restore into its own scratch space). */
    public boolean isDrill() {
        return work.purpose() == RunPurpose.DRILL;
    }

    /** Sources, globs, exit codes: the job's definition as it was when the run started. */
    public RunWork work() {
        return work;
    }

    public String targetPath() {
        return work.targetPath();
    }

    public ResourceLimits limits() {
        return limits;
    }

    public Path directory() {
        return directory;
    }

    public Path workingDirectory() {
        return directory.resolve("work");
    }

    public Path logFile() {
        return logFileIn(directory);
    }

    /** Where the log of a run whose directory is {@code runDirectory} goes. */
    static Path logFileIn(Path runDirectory) {
        return runDirectory.resolve("output.log");
    }

    public Instant startedAt() {
        return startedAt;
    }

    /** Adds a line to the run's log (the steps' own notes beside a command's output); a failure to write is ignored. */
    public void appendToLog(String line) {
        try {
            java.nio.file.Files.createDirectories(logFile().getParent());
            java.nio.file.Files.writeString(logFile(), line + "\n", java.nio.charset.StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        } catch (java.io.IOException e) {
            // the log is a convenience; the run's outcome does not depend on it
        }
    }

    /** The run's data as queued (JSON object text), null when none. */
    public String runData() {
        return runData;
    }

    /** The backup point a DIRECTORY run is writing, once it began one. */
    public Long backupPointId() {
        return backupPointId;
    }

    public void backupPoint(long id) {
        this.backupPointId = id;
    }

    /** Work done of the expected totals: files done, files expected, bytes done, bytes expected; null when unknown. */
    public long[] progress() {
        long[] current = progress;
        return current == null ? null : current.clone();
    }

    public void progress(long filesDone, long filesTotal, long bytesDone, long bytesTotal) {
        this.progress = new long[] {filesDone, filesTotal, bytesDone, bytesTotal};
    }

    public Long batchExecutionId() {
        return batchExecutionId;
    }

    public String step() {
        return step;
    }

    public boolean cancelRequested() {
        return cancelRequested;
    }

    public boolean handBack() {
        return handBack;
    }

    public String cancelledBy() {
        return cancelledBy;
    }
}
