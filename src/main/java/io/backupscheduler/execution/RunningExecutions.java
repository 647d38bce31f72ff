package io.backupscheduler.execution;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The runs in progress on this node, by execution id: what occupies its worker slots. */
@ApplicationScoped
public class RunningExecutions {
    private final ConcurrentHashMap<Long, ActiveRun> runs = new ConcurrentHashMap<>();

    void add(ActiveRun run) {
        runs.put(run.executionId(), run);
    }

    void remove(long executionId) {
        runs.remove(executionId);
    }

    public Optional<ActiveRun> get(long executionId) {
        return Optional.ofNullable(runs.get(executionId));
    }

    /**
     * The run here that works on a queue entry, if any: an entry can come back to the node that still runs it when
     * that node's renewals were late and its own reclaim pass took the expired lease back.
     */
    public Optional<ActiveRun> ofEntry(long entryId) {
        return runs.values().stream().filter(run -> run.entryId() == entryId).findFirst();
    }

    public int count() {
        return runs.size();
    }

    public Collection<ActiveRun> all() {
        return List.copyOf(runs.values());
    }
}
