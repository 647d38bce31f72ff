package io.backupscheduler.lib.cron;

import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * A five-field cron expression with the semantics of Vixie cron 4.1 / cronie, evaluated in any time zone.
 * <ul>
 * <li>Fields: minute, hour, day of month, month, day of week; {@code *}, {@code n}, {@code n-m}, {@code *}/s,
 * {@code n-m/s}, {@code n/s} (n to the maximum), lists; JAN-DEC and SUN-SAT in any case; 0 and 7 are Sunday;
 * the macros {@code @yearly @annually @monthly @weekly @daily @midnight @hourly}.</li>
 * <li>The day rule from cronie's code: when the day-of-month or day-of-week field starts with {@code *}, a day
 * must match both; otherwise either.</li>
 * <li>Extensions: {@code L} (last day of the month), {@code dL} (last such weekday), {@code d#n} (n-th such
 * weekday), and Jenkins' {@code H}, {@code H(a-b)}, {@code H/s}: values derived from a stable hash of a key.</li>
 * <li>Daylight saving time as cronie: a fixed-time entry (minute and hour not starting with {@code *}) whose
 * time falls in a spring-forward gap fires once, at the first instant after the jump, and in a fall-back
 * overlap only in the first pass; other entries fire at every real instant whose wall time matches.</li>
 * </ul>
 * Instances are immutable and thread-safe.
 */
public final class CronExpression {
    private final CronFields fields;
    private final String normalized;
    private final boolean fixedTime;
    private final String source;
    /** The timeline of the zone asked last: a schedule is nearly always evaluated in one zone. */
    private ZoneTimeline lastTimeline;

    private CronExpression(CronParser.Parsed parsed, String source) {
        this.fields = parsed.fields();
        this.normalized = parsed.normalized();
        this.fixedTime = parsed.fixedTime();
        this.source = source;
    }

    /**
     * Parses an expression; {@code H} hashes the empty key.
     *
     * @throws IllegalArgumentException naming the field and the bad value, e.g. "hour: 24 is outside 0-23"
     */
    public static CronExpression parse(String text) {
        return parse(text, "");
    }

    /** Parses an expression whose {@code H} fields hash {@code hashKey} (e.g. the job's name). */
    public static CronExpression parse(String text, String hashKey) {
        return new CronExpression(new CronParser(hashKey).parse(text), text == null ? "" : text.strip());
    }

    /**
     * The first fire instant strictly after {@code from}, evaluated in {@code from}'s zone and returned in it;
     * empty when the expression can never fire (e.g. {@code 0 0 30 2 *}).
     */
    public Optional<ZonedDateTime> nextAfter(ZonedDateTime from) {
        ZoneTimeline timeline = timeline(from.getZone());
        long fromSecond = from.toEpochSecond();
        int segment = timeline.segmentAt(fromSecond);
        long fire = nextFireEpochSecond(timeline, from, fromSecond, segment);
        if (fire == Long.MIN_VALUE) {
            return Optional.empty();
        }
        int fireSegment = fire < timeline.end(segment) ? segment : timeline.segmentAt(fire);
        return Optional.of(wallClockAt(from, fromSecond, fire, timeline.zoneOffset(fireSegment)));
    }

    /**
     * The instant {@code epochSecond} in the zone of {@code from}, in {@code offset}: its date is counted on from
     * {@code from}'s, which costs half of asking the zone's rules for the offset of an instant. Where the timeline's
     * offset is not the rules' (past 2400), {@link ZonedDateTime#ofInstant(LocalDateTime, ZoneOffset, ZoneId)}
     * still returns the same instant, in the offset the rules give.
     */
    private static ZonedDateTime wallClockAt(ZonedDateTime from, long fromSecond, long epochSecond, ZoneOffset offset) {
        long wallSecond = epochSecond + offset.getTotalSeconds();
        long days = Math.floorDiv(wallSecond, 86_400)
                - Math.floorDiv(fromSecond + from.getOffset().getTotalSeconds(), 86_400);
        LocalDateTime wallTime = LocalDateTime.of(from.toLocalDate().plusDays(days),
                LocalTime.ofSecondOfDay(Math.floorMod(wallSecond, 86_400)));
        return ZonedDateTime.ofInstant(wallTime, offset, from.getZone());
    }

    private ZoneTimeline timeline(ZoneId zone) {
        ZoneTimeline timeline = lastTimeline; // a racy read is safe: the timeline's fields are final
        if (timeline == null || !timeline.zone().equals(zone)) {
            timeline = ZoneTimeline.of(zone);
            lastTimeline = timeline;
        }
        return timeline;
    }

    /** The fire after {@code after}, as epoch seconds, or Long.MIN_VALUE when there is none. */
    private long nextFireEpochSecond(ZoneTimeline timeline, ZonedDateTime after, long afterSecond, int segment) {
        int offset = timeline.offset(segment);
        long startMinute = Math.floorDiv(afterSecond + offset, 60) + 1;
        // the date fields of 'after' are its wall time where its offset is the timeline's (from 1850 to 2400);
        // the search reads them instead of deriving them again from the day number
        LocalDateTime wallTime = offset == after.getOffset().getTotalSeconds() ? after.toLocalDateTime() : null;
        long horizon = startMinute + CronFields.HORIZON_MINUTES;
        while (true) {
            long segmentEnd = timeline.end(segment);
            long endMinute = segmentEnd == Long.MAX_VALUE ? Long.MAX_VALUE : ceilDiv(segmentEnd + offset, 60);
            long from = startMinute;
            if (fixedTime && segment > 0 && timeline.offset(segment - 1) > offset) {
                // after a fall-back the clock repeats; fixed-time entries already ran in the first pass
                from = Math.max(from, ceilDiv(timeline.start(segment) + timeline.offset(segment - 1), 60));
            }
            long match = wallTime != null && from == startMinute
                    ? fields.nextMatchAfter(wallTime, startMinute - 1, Math.min(endMinute, horizon))
                    : fields.nextMatch(from, Math.min(endMinute, horizon));
            if (match != CronFields.NONE) {
                return match * 60 - offset;
            }
            if (segmentEnd == Long.MAX_VALUE || endMinute >= horizon) {
                return Long.MIN_VALUE;
            }
            int previousOffset = offset;
            wallTime = null;
            segment++;
            offset = timeline.offset(segment);
            if (fixedTime && offset > previousOffset) {
                // spring forward: wall times in the gap never happen; a fixed-time entry due then runs at the jump
                long gapStart = ceilDiv(segmentEnd + previousOffset, 60);
                long gapEnd = ceilDiv(segmentEnd + offset, 60);
                if (fields.nextMatch(gapStart, gapEnd) != CronFields.NONE) {
                    return segmentEnd;
                }
            }
            startMinute = ceilDiv(segmentEnd + offset, 60);
        }
    }

    private static long ceilDiv(long x, long y) {
        return -Math.floorDiv(-x, y);
    }

    /** Minute and hour fields are both fixed (neither starts with '*'): the DST rules for fixed-time entries apply. */
    public boolean isFixedTime() {
        return fixedTime;
    }

    /** An English description for people, e.g. "At 02:30 on Monday through Friday". */
    public String describe() {
        return CronDescriber.describe(normalized);
    }

    /** The expression as five upper-case fields separated by single spaces, macros expanded. */
    public String normalized() {
        return normalized;
    }

    @Override
    public String toString() {
        return source;
    }

    /** Equal when they fire at the same times: the same fields, including what H hashed to. */
    @Override
    public boolean equals(Object o) {
        return o instanceof CronExpression other && fixedTime == other.fixedTime && fields.equals(other.fields);
    }

    @Override
    public int hashCode() {
        return fields.hashCode();
    }
}
