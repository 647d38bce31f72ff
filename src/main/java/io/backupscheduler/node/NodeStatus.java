package io.backupscheduler.node;

import java.time.Instant;

/**
 * One node of the cluster.
 *
 * @param self     whether it is the node answering
 * @param running  runs it has in progress (executions recorded under its id)
 */
public record NodeStatus(String id, String host, long pid, Instant startedAt, Instant lastSeenAt, Instant stoppedAt,
                         NodeState state, int running, boolean self) {
}
