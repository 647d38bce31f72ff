package io.backupscheduler.node;

import java.time.Duration;
import java.time.Instant;

/** How a node looks from the database. */
public enum NodeState {
    ALIVE, SILENT, STOPPED;

    static NodeState of(Instant stoppedAt, Instant lastSeen, Instant now, Duration silentAfter) {
        if (stoppedAt != null) {
            return STOPPED;
        }
        return lastSeen.plus(silentAfter).isBefore(now) ? SILENT : ALIVE;
    }
}
