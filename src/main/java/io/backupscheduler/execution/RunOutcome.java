package io.backupscheduler.execution;

/**
 * The final status and error of a run from what its steps reported and how the batch job ended. A time limit beats
 * a cancel, a cancel beats the batch job's own stopped status, and a run whose steps reported nothing is judged by
 * the batch status alone.
 */
public record RunOutcome(ExecutionStatus status, String error) {

    /** What the steps and the supervision said about a run. */
    public record Reported(ExecutionStatus status, String error, boolean timedOut, Integer timeLimitSeconds, boolean cancelRequested,
            boolean handBack, String cancelledBy) {
    }

    public static RunOutcome of(Reported run, String batchStatus, String nodeId) {
        ExecutionStatus status = run.status();
        boolean stoppedOrUnreported = status == null || status == ExecutionStatus.CANCELLED || "STOPPED".equals(batchStatus);
        if (run.timedOut() && stoppedOrUnreported) {
            String error = run.error() != null && run.error().contains("time limit") ? run.error()
                    : "ran past its time limit of " + run.timeLimitSeconds() + " s";
            return new RunOutcome(ExecutionStatus.TIMED_OUT, error);
        }
        if (run.cancelRequested() && stoppedOrUnreported) {
            return new RunOutcome(ExecutionStatus.CANCELLED, run.handBack()
                    ? "stopped because node " + nodeId + " shut down; the entry went back to the queue"
                    : "cancelled by " + run.cancelledBy());
        }
        if (status == null) {
            return "COMPLETED".equals(batchStatus) ? new RunOutcome(ExecutionStatus.SUCCEEDED, run.error())
                    : new RunOutcome(ExecutionStatus.FAILED, "the batch job ended " + batchStatus);
        }
        return new RunOutcome(status, run.error());
    }
}
