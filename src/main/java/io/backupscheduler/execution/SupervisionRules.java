package io.backupscheduler.execution;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/** When supervision acts on a running run: pure arithmetic, unit-tested apart from the server. */
public final class SupervisionRules {
    /** Past the kill grace, how long in-JVM work may miss its checkpoints before the batch runtime is asked to stop it. */
    static final Duration OVERDUE_SLACK = Duration.ofSeconds(5);
    /** How many times the dropped-job bound a job that never left STARTING is given before it counts as dropped. */
    static final int NEVER_TAKEN_FACTOR = 2;

    private SupervisionRules() {
    }

    /**
     * A run with a time limit is overdue once it has outlived the limit, the kill grace and a short slack: a
     * command's own monitor acts at the limit, so only in-JVM work that missed its checkpoints gets this far.
     */
    public static boolean overdue(Integer limitSeconds, Instant startedAt, Duration killGrace, Instant now) {
        return limitSeconds != null && now.isAfter(startedAt.plusSeconds(limitSeconds).plus(killGrace).plus(OVERDUE_SLACK));
    }

    /** Leases are renewed three times per lease, so one missed renewal (a slow database) does not lose the entry. */
    public static Duration renewEvery(Duration lease) {
        return Duration.ofSeconds(Math.max(1, lease.toSeconds() / 3));
    }

    /** Whether a node with no free slot (or paused) looks for dead nodes' expired leases now: once its next look is due. */
    public static boolean reclaimDue(Instant now, Instant nextReclaim) {
        return !now.isBefore(nextReclaim);
    }

    /**
     * Whether the batch runtime dropped a run's job without ending it, as Liberty's does when it cannot write the job's
     * status to a database that went away: the job listener is never called, and the run would hold its entry for ever.
     * Such a job is quiet outside any step for longer than {@code bound}; between steps the runtime only does its
     * bookkeeping, which takes milliseconds. Never counted:
     * <ul>
     * <li>time inside a step, which may rightly work for hours;</li>
     * <li>a run being ended, whose listener may be waiting for the database to take the outcome;</li>
     * <li>a job the runtime has not taken yet. One that never began counts when its batch status, read last and only
     * then, says the runtime took it (anything but STARTING, or null: unreadable); while it says STARTING, only once it
     * has been quiet for {@link #NEVER_TAKEN_FACTOR} times the bound. STARTING is what a job waiting for a batch thread
     * says, which takes seconds, but also what one says for ever when the database went away as it was taken: the
     * runtime could write neither its STARTED nor its FAILED.</li>
     * </ul>
     */
    public static boolean batchJobLost(BatchJobSigns signs, Duration bound, Instant now, Supplier<String> batchStatus) {
        if (!signs.submitted() || signs.inStep() || signs.ending() || !now.isAfter(signs.lastSign().plus(bound))) {
            return false;
        }
        if (signs.began()) {
            return true;
        }
        String status = batchStatus.get();
        if ("STARTING".equals(status)) {
            return now.isAfter(signs.lastSign().plus(bound.multipliedBy(NEVER_TAKEN_FACTOR)));
        }
        return status != null;
    }
}
