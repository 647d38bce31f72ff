package io.backupscheduler.node;

import io.backupscheduler.lib.placement.Labels;
import java.util.List;

/**
 * The labels of the nodes alive at one moment (those taking work and those drained), to tell why work placed on labels
 * has not started: no live node has them all, or only drained ones do. Taken once per answer, so that a list of entries does not read the nodes once per entry.
 */
public record LivePlacement(List<Labels> taking, List<Labels> drained) {
    public static LivePlacement of(List<NodeStatus> nodes) {
        List<NodeStatus> alive = nodes.stream().filter(n -> n.state() == NodeState.ALIVE).toList();
        return new LivePlacement(alive.stream().filter(n -> !n.drained()).map(n -> new Labels(new java.util.TreeSet<>(n.labels()))).toList(),
                alive.stream().filter(NodeStatus::drained).map(n -> new Labels(new java.util.TreeSet<>(n.labels()))).toList());
    }

    /** Why work placed on {@code placement} cannot start now, or null when a live node may take it. */
    public String whyWaiting(List<String> placement) {
        if (placement.isEmpty()) {
            return null;
        }
        Labels wanted = new Labels(new java.util.TreeSet<>(placement));
        if (taking.stream().anyMatch(node -> node.satisfy(wanted))) {
            return null;
        }
        if (drained.stream().anyMatch(node -> node.satisfy(wanted))) {
            return "waits for a node with " + wanted + ": the live nodes that have " + (placement.size() == 1 ? "it" : "them") + " are drained";
        }
        return "waits for a node with " + wanted + ": no live node has " + (placement.size() == 1 ? "it" : "all of them")
                + " (backup.node.labels)";
    }
}
