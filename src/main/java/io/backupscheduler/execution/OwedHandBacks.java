package io.backupscheduler.execution;

import io.backupscheduler.errors.ConflictException;
import io.backupscheduler.errors.NoSuchEntityException;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongPredicate;

/**
 * Claimed entries that could neither start nor be handed back, because the database went away between the claim
 * and the start. They are handed back as soon as the database answers again, so that they wait seconds for their
 * next try rather than the rest of their lease (two minutes by default).
 */
final class OwedHandBacks {
    /** Gives one claimed entry back to the queue unrun; throws what the queue throws. */
    interface HandBack {
        void handBack(long entryId, String reason);
    }

    private final Map<Long, String> owed = new ConcurrentHashMap<>();

    void owe(long entryId, String reason) {
        owed.put(entryId, reason);
    }

    int count() {
        return owed.size();
    }

    /**
     * Hands back what is owed, oldest claim first. An entry is settled once it is back in the queue, and also when
     * the queue refuses because the entry is no longer this node's (its lease ran out and the queue took it back,
     * it was cancelled) or no longer exists, or when this node runs it again ({@code runsHere}: after its lease ran
     * out, this node claimed it anew). Any other failure means the database still does not answer: the rest wait for
     * the next call. Returns how many were handed back.
     */
    int settle(LongPredicate runsHere, HandBack handBack) {
        int handedBack = 0;
        for (Long entryId : owed.keySet().stream().sorted().toList()) {
            if (runsHere.test(entryId)) {
                owed.remove(entryId);
                continue;
            }
            try {
                handBack.handBack(entryId, owed.get(entryId));
                handedBack++;
            } catch (ConflictException | NoSuchEntityException gone) {
                // someone else decided its fate meanwhile: nothing left to give back
            } catch (RuntimeException stillAway) {
                return handedBack;
            }
            owed.remove(entryId);
        }
        return handedBack;
    }
}
