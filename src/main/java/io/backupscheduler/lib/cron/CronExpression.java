package io.backupscheduler.lib.cron;

import java.time.Instant;
import java.time.ZoneId;
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
        ZoneId zone = from.getZone();
        long fire = nextFireEpochSecond(ZoneTimeline.of(zone), from.toEpochSecond());
        if (fire == Long.MIN_VALUE) {
            return Optional.empty();
        }
        return Optional.of(ZonedDateTime.ofInstant(Instant.ofEpochSecond(fire), zone));
    }

    /** The fire after the instant {@code after} (epoch seconds), or Long.MIN_VALUE when there is none. */
    long nextFireEpochSecond(ZoneTimeline timeline, long after) {
        int segment = timeline.segmentAt(after);
        int offset = timeline.offset(segment);
        long startMinute = Math.floorDiv(after + offset, 60) + 1;
        long horizon = startMinute + CronFields.HORIZON_MINUTES;
        while (true) {
            long segmentEnd = timeline.end(segment);
            long endMinute = segmentEnd == Long.MAX_VALUE ? Long.MAX_VALUE : ceilDiv(segmentEnd + offset, 60);
            long from = startMinute;
            if (fixedTime && segment > 0 && timeline.offset(segment - 1) > offset) {
                // after a fall-back the clock repeats; fixed-time entries already ran in the first pass
                from = Math.max(from, ceilDiv(timeline.start(segment) + timeline.offset(segment - 1), 60));
            }
            long match = fields.nextMatch(from, Math.min(endMinute, horizon));
            if (match != CronFields.NONE) {
                return match * 60 - offset;
            }
            if (segmentEnd == Long.MAX_VALUE || endMinute >= horizon) {
                return Long.MIN_VALUE;
            }
            int previousOffset = offset;
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
