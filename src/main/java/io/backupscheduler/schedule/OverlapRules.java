package io.backupscheduler.schedule;

import java.time.Instant;
import java.util.List;

/**
 * Decides what a fire does when the schedule's previous run is still open, by the schedule's overlap policy, as
 * Kubernetes' concurrencyPolicy does: FORBID skips it, REPLACE cancels the open runs (and an earlier fire of the
 * same pass) and queues it, ALLOW queues it beside them. Plain Java, beside {@link MisfirePlanner}.
 */
public final class OverlapRules {
    private OverlapRules() {
    }

    /**
     * @param queue          whether the fire becomes a run; when false it is recorded as {@code SKIPPED_OVERLAP}
     * @param outcome        what the fire is recorded as
     * @param note           the fire's note for the fire log (its own note plus why), null when there is nothing to say
     * @param cancel         open runs the fire replaces
     * @param dropsEarlier   whether an earlier fire of the same pass is dropped in favour of this one
     * @param earlierNote    what the dropped earlier fire is recorded with (null unless {@code dropsEarlier})
     */
    public record Decision(boolean queue, FireOutcome outcome, String note, List<Long> cancel, boolean dropsEarlier,
                           String earlierNote) {
    }

    /**
     * @param openRuns    queue entries of the schedule that are queued, waiting or running
     * @param earlierDue  the due time of a fire of the same schedule already taken in this pass, or null
     * @param earlierNote that earlier fire's note
     * @param due         this fire's due time
     * @param note        this fire's own note (misfire merging, "run now by", the event), or null
     */
    public static Decision decide(OverlapPolicy policy, List<Long> openRuns, Instant earlierDue, String earlierNote, Instant due,
                                  String note) {
        boolean earlier = earlierDue != null;
        return switch (policy) {
            case FORBID -> {
                if (openRuns.isEmpty() && !earlier) {
                    yield new Decision(true, FireOutcome.QUEUED, note, List.of(), false, null);
                }
                String why = (openRuns.isEmpty() ? "the fire of " + earlierDue + " is queued in the same pass"
                        : "previous run " + openRuns + " still open") + " (overlap policy FORBID)";
                yield new Decision(false, FireOutcome.SKIPPED_OVERLAP, join(note, why), List.of(), false, null);
            }
            case REPLACE -> {
                boolean replaces = !openRuns.isEmpty() || earlier;
                String own = openRuns.isEmpty() ? note : join(note, "cancelled " + openRuns + " (overlap policy REPLACE)");
                yield new Decision(true, replaces ? FireOutcome.REPLACED : FireOutcome.QUEUED, own, List.copyOf(openRuns), earlier,
                        earlier ? join(earlierNote, "replaced by the fire of " + due + " in the same pass (overlap policy REPLACE)") : null);
            }
            case ALLOW -> new Decision(true, FireOutcome.QUEUED, note, List.of(), false, null);
        };
    }

    static String join(String a, String b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : a + "; " + b;
    }
}
