package io.backupscheduler.execution;

/** Thrown at a checkpoint of in-JVM work when its run was cancelled or ran out of time: the step ends there. */
public final class RunStopped extends RuntimeException {
    public RunStopped(String message) {
        super(message, null, false, false);
    }
}
