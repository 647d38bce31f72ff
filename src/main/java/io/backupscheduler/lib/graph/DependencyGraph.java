package io.backupscheduler.lib.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who waits for whom: an edge {@code a -> b} means "a depends on b" (b must succeed first). The graph stays a DAG:
 * {@link #cycleIfAdded} tells, before anything is written, whether an edge would close a cycle and which one.
 * Not thread-safe; build one per decision from the stored edges.
 */
public final class DependencyGraph {
    private final Map<Long, Set<Long>> dependsOn = new HashMap<>();

    /** Adds "{@code dependent} depends on {@code dependency}"; refuses an edge that would close a cycle. */
    public void add(long dependent, long dependency) {
        Optional<List<Long>> cycle = cycleIfAdded(dependent, dependency);
        if (cycle.isPresent()) {
            throw new IllegalArgumentException("dependency would close the cycle " + describe(cycle.get()));
        }
        dependsOn.computeIfAbsent(dependent, k -> new LinkedHashSet<>()).add(dependency);
    }

    /** The edges of a chain: each entry depends on the one before it. */
    public static List<long[]> chain(List<Long> entries) {
        if (new HashSet<>(entries).size() != entries.size()) {
            throw new IllegalArgumentException("entries: a chain names each entry once");
        }
        List<long[]> edges = new ArrayList<>();
        for (int i = 1; i < entries.size(); i++) {
            edges.add(new long[] {entries.get(i), entries.get(i - 1)});
        }
        return edges;
    }

    /**
     * The cycle that "{@code dependent} depends on {@code dependency}" would close, as the path from
     * {@code dependent} back to itself (e.g. [12, 15, 12]); empty when the edge keeps the graph acyclic.
     */
    public Optional<List<Long>> cycleIfAdded(long dependent, long dependency) {
        if (dependent == dependency) {
            return Optional.of(List.of(dependent, dependent));
        }
        // a cycle appears iff dependent is already reachable from dependency
        Map<Long, Long> cameFrom = new HashMap<>();
        Deque<Long> todo = new ArrayDeque<>();
        todo.add(dependency);
        cameFrom.put(dependency, null);
        while (!todo.isEmpty()) {
            long current = todo.poll();
            if (current == dependent) {
                List<Long> path = new ArrayList<>();
                for (Long step = current; step != null; step = cameFrom.get(step)) {
                    path.add(step);
                }
                Collections.reverse(path); // dependency ... dependent
                List<Long> cycle = new ArrayList<>();
                cycle.add(dependent);
                cycle.addAll(path);
                return Optional.of(cycle);
            }
            for (long next : dependsOn.getOrDefault(current, Set.of())) {
                if (!cameFrom.containsKey(next)) {
                    cameFrom.put(next, current);
                    todo.add(next);
                }
            }
        }
        return Optional.empty();
    }

    /** The longest chain of dependencies below an entry (0 when it depends on nothing). */
    public int depth(long entry) {
        return depth(entry, new HashMap<>());
    }

    private int depth(long entry, Map<Long, Integer> memo) {
        Integer known = memo.get(entry);
        if (known != null) {
            return known;
        }
        int deepest = 0;
        for (long dependency : dependsOn.getOrDefault(entry, Set.of())) {
            deepest = Math.max(deepest, 1 + depth(dependency, memo));
        }
        memo.put(entry, deepest);
        return deepest;
    }

    /** "12 -> 15 -> 12": how problems name a cycle. */
    public static String describe(List<Long> cycle) {
        return cycle.stream().map(String::valueOf).collect(Collectors.joining(" -> "));
    }
}
