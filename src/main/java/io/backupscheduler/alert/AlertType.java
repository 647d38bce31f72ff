package io.backupscheduler.alert;

/** What an alert rule watches, and what its threshold means. */
public enum AlertType {
    /** A job has entries in the dead-letter queue; ends when they are retried or purged. No threshold. */
    DEAD_LETTERED(null, null, null),
    /** A job's last N finished runs all failed (cancelled runs do not count); ends with a success. */
    CONSECUTIVE_FAILURES(3.0, 1.0, 100.0),
    /** A schedule's latest fire was skipped as missed, or its next fire is overdue; ends when it fires on time. */
    MISSED_FIRE(null, null, null),
    /** A job's target has less than this percentage of its file system free; ends when it is above again. */
    LOW_DISK(10.0, 0.01, 99.0),
    /** A job's latest successful run took more than k times the median of its previous successful runs. */
    SLOW_RUN(3.0, 1.1, 1000.0),
    /** A job's latest restore failed; ends when a later restore of the job succeeds. No threshold. */
    RESTORE_FAILED(null, null, null),
    /**
     * A job with restore drills is not proven restorable: its latest drill failed, or none succeeded within the
     * threshold in days. Ends with a successful drill.
     */
    RESTORE_UNPROVEN(7.0, 1.0, 3650.0),
    /**
     * The latest copy of a job's points to its copy target failed (the backup itself stands); ends when a later copy is
     * verified. No threshold.
     */
    COPY_FAILED(null, null, null),
    /**
     * A run of the job has been ready to start for longer than the threshold in minutes and no node took it (its
     * placement names labels no live node has, every node is drained or full); ends when it starts or is removed.
     */
    RUN_WAITING(30.0, 0.05, 10080.0);

    private final Double defaultThreshold;
    private final Double minThreshold;
    private final Double maxThreshold;

    AlertType(Double defaultThreshold, Double minThreshold, Double maxThreshold) {
        this.defaultThreshold = defaultThreshold;
        this.minThreshold = minThreshold;
        this.maxThreshold = maxThreshold;
    }

    public boolean hasThreshold() {
        return defaultThreshold != null;
    }

    public Double defaultThreshold() {
        return defaultThreshold;
    }

    public Double minThreshold() {
        return minThreshold;
    }

    public Double maxThreshold() {
        return maxThreshold;
    }

    /** What the threshold stands for, as the console and error messages say it. */
    public String thresholdMeaning() {
        return switch (this) {
            case CONSECUTIVE_FAILURES -> "failed runs in a row";
            case LOW_DISK -> "percent free";
            case SLOW_RUN -> "times the median duration";
            case RESTORE_UNPROVEN -> "days since the last successful drill";
            case RUN_WAITING -> "minutes ready without starting";
            default -> "none";
        };
    }
}
