package io.backupscheduler.lib.cron;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A zone's UTC offsets as segments between transitions, in plain arrays, so that finding the offset of an
 * instant is a binary search without allocation. Transitions are taken from 1850 to 2400; before and after,
 * the first and last segments extend without end.
 */
final class ZoneTimeline {
    private static final long FIRST = Instant.parse("1850-01-01T00:00:00Z").getEpochSecond();
    private static final long LAST = Instant.parse("2400-01-01T00:00:00Z").getEpochSecond();
    private static final ConcurrentHashMap<ZoneId, ZoneTimeline> CACHE = new ConcurrentHashMap<>();

    private final ZoneId zone;
    /** transitions[i] starts segment i + 1; segment i has offsets[i] (seconds east of UTC). */
    private final long[] transitions;
    private final int[] offsets;
    private final ZoneOffset[] zoneOffsets;

    private ZoneTimeline(ZoneId zone, long[] transitions, int[] offsets) {
        this.zone = zone;
        this.transitions = transitions;
        this.offsets = offsets;
        this.zoneOffsets = new ZoneOffset[offsets.length];
        for (int i = 0; i < offsets.length; i++) {
            zoneOffsets[i] = ZoneOffset.ofTotalSeconds(offsets[i]);
        }
    }

    static ZoneTimeline of(ZoneId zone) {
        ZoneTimeline cached = CACHE.get(zone);
        return cached != null ? cached : CACHE.computeIfAbsent(zone, ZoneTimeline::build);
    }

    private static ZoneTimeline build(ZoneId zone) {
        ZoneRules rules = zone.getRules();
        if (rules.isFixedOffset()) {
            return new ZoneTimeline(zone, new long[0], new int[] {rules.getOffset(Instant.EPOCH).getTotalSeconds()});
        }
        long[] transitions = new long[64];
        int[] offsets = new int[65];
        int count = 0;
        offsets[0] = rules.getOffset(Instant.ofEpochSecond(FIRST)).getTotalSeconds();
        ZoneOffsetTransition next = rules.nextTransition(Instant.ofEpochSecond(FIRST));
        while (next != null && next.toEpochSecond() < LAST) {
            if (count == transitions.length) {
                transitions = Arrays.copyOf(transitions, count * 2);
                offsets = Arrays.copyOf(offsets, count * 2 + 1);
            }
            transitions[count] = next.toEpochSecond();
            offsets[count + 1] = next.getOffsetAfter().getTotalSeconds();
            count++;
            next = rules.nextTransition(next.getInstant());
        }
        return new ZoneTimeline(zone, Arrays.copyOf(transitions, count), Arrays.copyOf(offsets, count + 1));
    }

    ZoneId zone() {
        return zone;
    }

    /** The segment that contains the instant. */
    int segmentAt(long epochSecond) {
        int index = Arrays.binarySearch(transitions, epochSecond);
        return index >= 0 ? index + 1 : -index - 1;
    }

    int offset(int segment) {
        return offsets[segment];
    }

    ZoneOffset zoneOffset(int segment) {
        return zoneOffsets[segment];
    }

    /** The first instant of the segment, or Long.MIN_VALUE for the first. */
    long start(int segment) {
        return segment == 0 ? Long.MIN_VALUE : transitions[segment - 1];
    }

    /** The first instant after the segment, or Long.MAX_VALUE for the last. */
    long end(int segment) {
        return segment == transitions.length ? Long.MAX_VALUE : transitions[segment];
    }
}
