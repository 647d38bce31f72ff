package io.backupscheduler.node;

import java.time.Instant;
import java.util.List;

/**
 * One node of the cluster.
 *
 * @param labels   what it declares it is and holds ({@code backup.node.labels}), sorted
 * @param drained  an operator drained it: it takes no new work and finishes what it runs
 * @param admission the admission thresholds it sets over the cluster's ({@code max-cpu-percent=80}), null when none
 * @param self     whether it is the node answering
 * @param running  runs it has in progress (executions recorded under its id)
 */
public record NodeStatus(String id, String host, long pid, List<String> labels, Instant startedAt, Instant lastSeenAt,
                         Instant stoppedAt, NodeState state, int running, boolean drained, String admission, boolean self) {
}
