package io.backupscheduler.lib.calendar;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.List;

/**
 * A fixed wall-clock time on a date, resolved as cronie resolves fixed-time entries: in a spring-forward gap,
 * the first instant after the jump; in a fall-back overlap, the first pass.
 */
final class WallClock {
    private WallClock() {
    }

    static ZonedDateTime resolve(LocalDate date, LocalTime time, ZoneId zone) {
        LocalDateTime local = date.atTime(time);
        List<ZoneOffset> offsets = zone.getRules().getValidOffsets(local);
        if (offsets.isEmpty()) {
            ZoneOffsetTransition gap = zone.getRules().getTransition(local);
            return ZonedDateTime.ofInstant(gap.getInstant(), zone);
        }
        return ZonedDateTime.ofStrict(local, offsets.get(0), zone);
    }
}
