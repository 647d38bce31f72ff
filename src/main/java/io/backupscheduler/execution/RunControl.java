package io.backupscheduler.execution;

import io.backupscheduler.lib.archive.ArchiveControl;
import java.time.Duration;
import java.time.Instant;

/**
 * What in-JVM work of a run (verify, directory backups) calls between units of work: {@link #checkpoint()} ends
 * the step when the run was cancelled or ran past its time limit, {@link #throttle(long)} holds its I/O to the
 * run's rate. External commands are watched by their own monitor instead.
 */
public final class RunControl implements ArchiveControl {
    private final ActiveRun run;
    private final IoThrottle throttle;

    public RunControl(ActiveRun run, IoThrottle throttle) {
        this.run = run;
        this.throttle = throttle;
    }

    /** Throws {@link RunStopped} when the run should stop now. */
    @Override
    public void checkpoint() {
        Integer limit = run.limits().getMaxExecutionSeconds();
        if (limit != null && !run.cancelRequested() && Instant.now().isAfter(run.startedAt().plus(Duration.ofSeconds(limit)))) {
            run.expire();
        }
        if (run.cancelRequested()) {
            throw new RunStopped(run.timedOut() ? "ran past its time limit of " + limit + " s" : "cancelled by " + run.cancelledBy());
        }
    }

    /** Checks in, then waits as long as the run's I/O rate requires before it moves these bytes. */
    public void throttle(long bytes) {
        checkpoint();
        try {
            throttle.acquire(bytes);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RunStopped("interrupted");
        }
    }

    @Override
    public void beforeBytes(long bytes) {
        throttle(bytes);
    }

    public IoThrottle ioThrottle() {
        return throttle;
    }
}
