package io.backupscheduler.execution;

import java.time.Duration;
import java.time.Instant;

/** When a job's next restore drill is due: pure, so that the cadence is tested without a clock or a database. */
public final class DrillRules {
    private DrillRules() {
    }

    /**
     * @param lastQueuedAt when the job's latest drill was queued (null: never)
     * @param open         whether a drill of the job is queued or running now
     */
    public static boolean due(Integer everyDays, Instant lastQueuedAt, boolean open, Instant now) {
        if (everyDays == null || open) {
            return false;
        }
        return lastQueuedAt == null || !lastQueuedAt.plus(Duration.ofDays(everyDays)).isAfter(now);
    }
}
