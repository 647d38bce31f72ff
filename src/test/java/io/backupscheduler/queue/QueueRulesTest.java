package io.backupscheduler.queue;

import io.backupscheduler.lib.graph.DependencyGraph;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueueRulesTest {
    private static final RetryPolicy POLICY = new RetryPolicy(Duration.ofSeconds(30), 2.0, Duration.ofMinutes(10), 4, 0.2);

    @Test
    void backoffGrowsExponentiallyUpToTheCapAndStopsWhenAttemptsAreSpent() {
        assertThat(POLICY.delayAfter(1, () -> 0.5)).contains(Duration.ofSeconds(30));
        assertThat(POLICY.delayAfter(2, () -> 0.5)).contains(Duration.ofSeconds(60));
        assertThat(POLICY.delayAfter(3, () -> 0.5)).contains(Duration.ofSeconds(120));
        assertThat(POLICY.delayAfter(4, () -> 0.5)).isEmpty();
        RetryPolicy many = POLICY.withMaxRetries(20);
        assertThat(many.maxAttempts()).isEqualTo(21);
        assertThat(many.delayAfter(10, () -> 0.5)).contains(Duration.ofMinutes(10));
        assertThat(many.delayAfter(20, () -> 0.5)).contains(Duration.ofMinutes(10));
        assertThat(many.delayAfter(21, () -> 0.5)).isEmpty();
    }

    @Test
    void jitterSpreadsWithinItsShareAndNeverPassesTheCap() {
        assertThat(POLICY.delayAfter(1, () -> 0.0)).contains(Duration.ofSeconds(24));
        assertThat(POLICY.delayAfter(1, () -> 0.999_999)).hasValueSatisfying(d -> assertThat(d.toMillis()).isBetween(35_999L, 36_000L));
        RetryPolicy capped = POLICY.withMaxRetries(30);
        assertThat(capped.delayAfter(25, () -> 0.999_999)).contains(Duration.ofMinutes(10));
    }

    @Test
    void nonsensicalPoliciesAreRefused() {
        assertThatThrownBy(() -> new RetryPolicy(Duration.ofMinutes(5), 2, Duration.ofMinutes(1), 3, 0)).hasMessageStartingWith("delays:");
        assertThatThrownBy(() -> new RetryPolicy(Duration.ofSeconds(1), 0.5, Duration.ofMinutes(1), 3, 0)).hasMessageStartingWith("multiplier:");
        assertThatThrownBy(() -> new RetryPolicy(Duration.ofSeconds(1), 2, Duration.ofMinutes(1), 0, 0)).hasMessageStartingWith("maxAttempts:");
        assertThatThrownBy(() -> new RetryPolicy(Duration.ofSeconds(1), 2, Duration.ofMinutes(1), 3, 1.0)).hasMessageStartingWith("jitter:");
    }

    private record Entry(int priorityRank, Instant scheduledAt, long id) implements QueueOrder.Ordered {
    }

    @Test
    void readyWorkIsOrderedByPriorityThenScheduledTimeThenId() {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        List<Entry> entries = new ArrayList<>(List.of(
                new Entry(3, t, 5), new Entry(1, t.plusSeconds(60), 9), new Entry(3, t.minusSeconds(1), 7),
                new Entry(1, t.plusSeconds(60), 2), new Entry(5, t.minusSeconds(3600), 1)));
        entries.sort(QueueOrder.COMPARATOR);
        assertThat(entries).extracting(Entry::id).containsExactly(2L, 9L, 7L, 5L, 1L);
    }

    @Test
    void anEdgeThatClosesACycleIsRefusedAndTheCycleNamed() {
        DependencyGraph graph = new DependencyGraph();
        graph.add(15, 12);
        assertThat(graph.cycleIfAdded(12, 15)).contains(List.of(12L, 15L, 12L));
        assertThat(DependencyGraph.describe(graph.cycleIfAdded(12, 15).orElseThrow())).isEqualTo("12 -> 15 -> 12");
        graph.add(20, 15);
        graph.add(30, 20);
        assertThat(graph.cycleIfAdded(12, 30)).contains(List.of(12L, 30L, 20L, 15L, 12L));
        assertThatThrownBy(() -> graph.add(12, 30)).hasMessage("dependency would close the cycle 12 -> 30 -> 20 -> 15 -> 12");
        assertThat(graph.cycleIfAdded(7, 7)).contains(List.of(7L, 7L));
        assertThat(graph.cycleIfAdded(30, 12)).isEmpty(); // a second path, not a cycle
    }

    @Test
    void depthIsTheLongestChainBelowAnEntry() {
        DependencyGraph graph = new DependencyGraph();
        for (long[] edge : DependencyGraph.chain(List.of(1L, 2L, 3L, 4L))) {
            graph.add(edge[0], edge[1]);
        }
        graph.add(4, 10);
        assertThat(graph.depth(1)).isZero();
        assertThat(graph.depth(4)).isEqualTo(3);
        assertThat(graph.cycleIfAdded(1, 4)).contains(List.of(1L, 4L, 3L, 2L, 1L));
        assertThatThrownBy(() -> DependencyGraph.chain(List.of(1L, 2L, 1L))).hasMessageStartingWith("entries:");
    }
}
