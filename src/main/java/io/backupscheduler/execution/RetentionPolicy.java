package io.backupscheduler.execution;

import java.time.Duration;
import java.time.Instant;

/**
 * How long execution history is kept: successful and cancelled runs for {@code days}, failed ones (FAILED,
 * TIMED_OUT, REJECTED_LIMIT) for {@code failedDays}, and per job no more than the newest {@code runsPerJob}
 * finished runs. Zero switches a rule off. A run goes when any rule says so; running ones always stay.
 */
public record RetentionPolicy(int days, int failedDays, int runsPerJob) {
    public RetentionPolicy {
        if (days < 0 || failedDays < 0 || runsPerJob < 0) {
            throw new IllegalArgumentException("retention figures cannot be negative");
        }
    }

    /** Finished before this, a successful or cancelled run goes; null when kept by age forever. */
    public Instant successCutoff(Instant now) {
        return days == 0 ? null : now.minus(Duration.ofDays(days));
    }

    /** Finished before this, a failed run goes; null when kept by age forever. */
    public Instant failureCutoff(Instant now) {
        return failedDays == 0 ? null : now.minus(Duration.ofDays(failedDays));
    }
}
