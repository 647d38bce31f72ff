package io.backupscheduler.lib.cron;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Daylight saving time as cronie handles it. Fires are listed as local time with offset, so the pass of a
 * repeated hour is visible.
 */
class CronDaylightSavingTest {
    private static List<String> fires(String expression, String zone, String fromLocal, int count) {
        CronExpression cron = CronExpression.parse(expression);
        ZonedDateTime t = ZonedDateTime.of(LocalDateTime.parse(fromLocal), ZoneId.of(zone));
        List<String> fires = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            t = cron.nextAfter(t).orElseThrow();
            fires.add(t.toOffsetDateTime().toString());
        }
        return fires;
    }

    @Test
    void newYorkSpringForwardRunsASkippedFixedTimeOnceAtTheJump() {
        // 2026-03-08 02:00 EST becomes 03:00 EDT
        assertThat(fires("30 2 * * *", "America/New_York", "2026-03-07T12:00", 3)).containsExactly(
                "2026-03-08T03:00-04:00", "2026-03-09T02:30-04:00", "2026-03-10T02:30-04:00");
        assertThat(fires("0,15,30,45 2 * * *", "America/New_York", "2026-03-08T01:50", 2)).containsExactly(
                "2026-03-08T03:00-04:00", "2026-03-09T02:00-04:00");
        assertThat(fires("0 3 * * *", "America/New_York", "2026-03-08T01:00", 1)).containsExactly("2026-03-08T03:00-04:00");
    }

    @Test
    void newYorkSpringForwardSkipsWildcardEntriesInTheGap() {
        assertThat(fires("*/30 * * * *", "America/New_York", "2026-03-08T01:00", 3)).containsExactly(
                "2026-03-08T01:30-05:00", "2026-03-08T03:00-04:00", "2026-03-08T03:30-04:00");
        assertThat(fires("15 * * * *", "America/New_York", "2026-03-08T01:00", 2)).containsExactly(
                "2026-03-08T01:15-05:00", "2026-03-08T03:15-04:00");
    }

    @Test
    void newYorkFallBackRunsAFixedTimeOnlyInTheFirstPass() {
        // 2026-11-01 02:00 EDT becomes 01:00 EST: 01:00-01:59 happens twice
        assertThat(fires("30 1 * * *", "America/New_York", "2026-10-31T12:00", 2)).containsExactly(
                "2026-11-01T01:30-04:00", "2026-11-02T01:30-05:00");
    }

    @Test
    void newYorkFallBackRunsWildcardEntriesInBothPasses() {
        assertThat(fires("*/30 1 * * *", "America/New_York", "2026-11-01T00:00", 5)).containsExactly(
                "2026-11-01T01:00-04:00", "2026-11-01T01:30-04:00", "2026-11-01T01:00-05:00", "2026-11-01T01:30-05:00",
                "2026-11-02T01:00-05:00");
    }

    @Test
    void aFireInTheOtherSeasonCarriesTheOffsetInForceThen() {
        // the result's wall time is counted on from the start's; the offset must still be the fire's own
        assertThat(fires("0 12 1 7 *", "America/New_York", "2026-01-15T10:00", 2)).containsExactly(
                "2026-07-01T12:00-04:00", "2027-07-01T12:00-04:00");
        assertThat(fires("0 12 1 1 *", "America/New_York", "2026-07-15T10:00", 1)).containsExactly(
                "2027-01-01T12:00-05:00");
        assertThat(fires("0 0 1 1 *", "America/New_York", "1850-06-01T00:00", 1)).containsExactly(
                "1851-01-01T00:00-04:56:02");
    }

    @Test
    void lordHoweShiftsByThirtyMinutes() {
        // 2026-10-04 02:00 +10:30 becomes 02:30 +11:00
        assertThat(fires("15 2 * * *", "Australia/Lord_Howe", "2026-10-03T12:00", 2)).containsExactly(
                "2026-10-04T02:30+11:00", "2026-10-05T02:15+11:00");
        assertThat(fires("*/10 2 * * *", "Australia/Lord_Howe", "2026-10-04T01:55", 2)).containsExactly(
                "2026-10-04T02:30+11:00", "2026-10-04T02:40+11:00");
        // 2026-04-05 02:00 +11:00 becomes 01:30 +10:30: 01:30-01:59 happens twice
        assertThat(fires("45 1 * * *", "Australia/Lord_Howe", "2026-04-04T12:00", 2)).containsExactly(
                "2026-04-05T01:45+11:00", "2026-04-06T01:45+10:30");
        assertThat(fires("*/15 1 * * *", "Australia/Lord_Howe", "2026-04-05T01:20", 4)).containsExactly(
                "2026-04-05T01:30+11:00", "2026-04-05T01:45+11:00", "2026-04-05T01:30+10:30", "2026-04-05T01:45+10:30");
    }

    @Test
    void santiagoChangesAtMidnight() {
        // 2026-09-06 00:00 -04:00 becomes 01:00 -03:00: the whole hour after midnight is skipped
        assertThat(fires("30 0 * * *", "America/Santiago", "2026-09-05T12:00", 2)).containsExactly(
                "2026-09-06T01:00-03:00", "2026-09-07T00:30-03:00");
        assertThat(fires("0 0 * * *", "America/Santiago", "2026-09-05T12:00", 2)).containsExactly(
                "2026-09-06T01:00-03:00", "2026-09-07T00:00-03:00");
        // 2026-04-05 00:00 -03:00 becomes 2026-04-04 23:00 -04:00: 23:00-23:59 on the 4th happens twice
        assertThat(fires("30 23 * * *", "America/Santiago", "2026-04-04T12:00", 2)).containsExactly(
                "2026-04-04T23:30-03:00", "2026-04-05T23:30-04:00");
    }

    @Test
    void aDailyBackupRunsExactlyOnceOnEveryDayOfAYearInEveryZone() {
        for (String zone : List.of("America/New_York", "Europe/London", "Australia/Lord_Howe", "America/Santiago",
                "Asia/Kathmandu", "Pacific/Chatham", "America/St_Johns", "Africa/Casablanca")) {
            for (String expression : List.of("30 2 * * *", "0 0 * * *", "30 0 * * *", "59 23 * * *", "0 1 * * *")) {
                CronExpression cron = CronExpression.parse(expression);
                ZonedDateTime t = ZonedDateTime.of(2025, 12, 31, 23, 59, 59, 0, ZoneId.of(zone));
                java.time.LocalDate expected = java.time.LocalDate.of(2026, 1, 1);
                while (expected.getYear() == 2026) {
                    t = cron.nextAfter(t).orElseThrow();
                    assertThat(t.toLocalDate()).as("%s in %s", expression, zone).isEqualTo(expected);
                    expected = expected.plusDays(1);
                }
            }
        }
    }
}
