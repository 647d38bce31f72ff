package io.backupscheduler.schedule;

import io.backupscheduler.lib.calendar.FireRule;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Decides what a due timed schedule does now: which fires become runs, how many missed fires are dropped, and
 * when it fires next. Plain Java, so that the policies are unit-tested without a server.
 * <p>
 * A fire is on time when it is the only one due and at most the misfire threshold late; anything else is a
 * misfire (the node was down, the scheduler off, the schedule paused) and follows the schedule's policy.
 * A starting deadline, as in Kubernetes' startingDeadlineSeconds, drops fires older than it in every case.
 */
public final class MisfirePlanner {
    /** How far back missed fires are counted one by one: a minutely schedule down for more than two months. */
    static final int MAX_MISSED_COUNTED = 100_000;

    private MisfirePlanner() {
    }

    /**
     * @param runs    the fire instants that become runs, oldest first
     * @param dropped how many due fires were dropped (by the policy or the deadline)
     * @param next    the first fire strictly after now; empty when the rule never fires again
     * @param note    why fires were dropped or merged, for the fire log; null when all went to plan
     */
    public record Plan(List<Instant> runs, long dropped, Optional<Instant> next, String note) {
    }

    public static Plan plan(FireRule rule, ZoneId zone, Instant due, Instant now, MisfirePolicy policy, int limit,
                            Duration threshold, Duration startingDeadline) {
        Optional<Instant> next = rule.nextAfter(now.atZone(zone)).map(ZonedDateTime::toInstant);
        if (due.isAfter(now)) {
            return new Plan(List.of(), 0, Optional.of(due), null);
        }
        Instant oldestAllowed = startingDeadline == null ? Instant.MIN : now.minus(startingDeadline);
        // the most recent fires within the deadline, at most `limit` of them, and how many there were in all
        Deque<Instant> recent = new ArrayDeque<>();
        long total = 0;
        long tooOld = 0;
        Instant fire = due;
        while (fire != null && !fire.isAfter(now) && total < MAX_MISSED_COUNTED) {
            total++;
            if (fire.isBefore(oldestAllowed)) {
                tooOld++;
            } else {
                recent.addLast(fire);
                if (recent.size() > Math.max(1, limit)) {
                    recent.removeFirst();
                }
            }
            fire = rule.nextAfter(fire.atZone(zone)).map(ZonedDateTime::toInstant).orElse(null);
        }
        long withinDeadline = total - tooOld;
        String deadlineNote = tooOld == 0 ? "" : tooOld + " older than the starting deadline of "
                + startingDeadline.toSeconds() + " s; ";
        boolean onTime = total == 1 && Duration.between(due, now).compareTo(threshold) <= 0;
        if (withinDeadline == 0) {
            return new Plan(List.of(), total, next, "missed " + count(total) + ": " + deadlineNote + "none left to run");
        }
        if (onTime) {
            return new Plan(List.of(due), 0, next, null);
        }
        String missed = "missed " + count(total) + " (" + due + " to " + recent.getLast() + "); " + deadlineNote;
        return switch (policy) {
            case FIRE_ONCE -> new Plan(List.of(recent.getLast()), total - 1, next,
                    missed + "one run for them all (FIRE_ONCE)");
            case SKIP -> new Plan(List.of(), total, next, missed + "none run (SKIP)");
            case FIRE_ALL -> new Plan(new ArrayList<>(recent), total - recent.size(), next, missed + recent.size()
                    + " run (FIRE_ALL" + (withinDeadline > recent.size() ? ", limited to " + limit : "") + ")");
        };
    }

    private static String count(long fires) {
        return fires + (fires >= MAX_MISSED_COUNTED ? " or more" : "") + (fires == 1 ? " fire" : " fires");
    }
}
