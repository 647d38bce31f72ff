package io.backupscheduler.lib.cron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CronExpressionTest {
    private static final ZoneId UTC = ZoneOffset.UTC;

    private static ZonedDateTime at(String isoLocal) {
        return ZonedDateTime.of(java.time.LocalDateTime.parse(isoLocal), UTC);
    }

    private static List<String> fires(String expression, String fromLocal, int count) {
        CronExpression cron = CronExpression.parse(expression);
        List<String> fires = new ArrayList<>();
        ZonedDateTime t = at(fromLocal);
        for (int i = 0; i < count; i++) {
            t = cron.nextAfter(t).orElseThrow();
            fires.add(t.toLocalDateTime().toString());
        }
        return fires;
    }

    @Test
    void theNextFireIsStrictlyAfterTheStart() {
        assertThat(fires("30 2 * * *", "2026-01-01T02:30", 2)).containsExactly("2026-01-02T02:30", "2026-01-03T02:30");
        assertThat(fires("30 2 * * *", "2026-01-01T02:29:59", 1)).containsExactly("2026-01-01T02:30");
        assertThat(fires("* * * * *", "2026-01-01T00:00:30", 2)).containsExactly("2026-01-01T00:01", "2026-01-01T00:02");
    }

    @Test
    void rangesListsAndSteps() {
        assertThat(fires("*/20 9-10 * * *", "2026-01-01T00:00", 7)).containsExactly("2026-01-01T09:00",
                "2026-01-01T09:20", "2026-01-01T09:40", "2026-01-01T10:00", "2026-01-01T10:20", "2026-01-01T10:40",
                "2026-01-02T09:00");
        assertThat(fires("5-20/5,59 0 * * *", "2026-01-01T00:00", 5)).containsExactly("2026-01-01T00:05",
                "2026-01-01T00:10", "2026-01-01T00:15", "2026-01-01T00:20", "2026-01-01T00:59");
        // n/s runs from n to the field's maximum
        assertThat(fires("50/4 0 * * *", "2026-01-01T00:00", 3)).containsExactly("2026-01-01T00:50",
                "2026-01-01T00:54", "2026-01-01T00:58");
    }

    @Test
    void namesInAnyCaseAlsoInRanges() {
        assertThat(fires("0 12 * jan-Feb mon-wed", "2026-02-26T00:00", 3)).containsExactly(
                "2027-01-04T12:00", "2027-01-05T12:00", "2027-01-06T12:00");
        assertThat(CronExpression.parse("0 0 * * sun").normalized()).isEqualTo("0 0 * * SUN");
    }

    @Test
    void zeroAndSevenAreSunday() {
        List<String> seven = fires("0 0 * * 7", "2026-01-01T00:00", 3);
        assertThat(seven).isEqualTo(fires("0 0 * * 0", "2026-01-01T00:00", 3));
        assertThat(seven).allMatch(d -> java.time.LocalDateTime.parse(d).getDayOfWeek() == DayOfWeek.SUNDAY);
        assertThat(fires("0 0 * * 5-7", "2026-01-01T00:00", 3)).containsExactly(
                "2026-01-02T00:00", "2026-01-03T00:00", "2026-01-04T00:00");
    }

    @Test
    void eitherDayFieldMayMatchWhenNeitherStartsWithAStar() {
        // cronie: days 1 to 7 AND every Monday
        List<String> fires = fires("30 3 1-7 * 1", "2026-06-01T00:00", 10);
        assertThat(fires).containsExactly("2026-06-01T03:30", "2026-06-02T03:30", "2026-06-03T03:30",
                "2026-06-04T03:30", "2026-06-05T03:30", "2026-06-06T03:30", "2026-06-07T03:30",
                "2026-06-08T03:30", "2026-06-15T03:30", "2026-06-22T03:30");
    }

    @Test
    void bothDayFieldsMustMatchWhenOneStartsWithAStar() {
        // '*/2' starts with '*': odd days that are also Mondays
        assertThat(fires("0 0 */2 * 1", "2026-05-31T00:00", 3)).containsExactly(
                "2026-06-01T00:00", "2026-06-15T00:00", "2026-06-29T00:00");
    }

    @Test
    void lastDayLastWeekdayAndNthWeekday() {
        assertThat(fires("0 23 L * *", "2026-01-15T00:00", 3)).containsExactly(
                "2026-01-31T23:00", "2026-02-28T23:00", "2026-03-31T23:00");
        assertThat(fires("0 23 L 2 *", "2027-12-01T00:00", 1)).containsExactly("2028-02-29T23:00");
        assertThat(fires("0 22 * * 5L", "2026-01-01T00:00", 2)).containsExactly("2026-01-30T22:00", "2026-02-27T22:00");
        assertThat(fires("30 3 * * 1#1", "2026-06-02T00:00", 2)).containsExactly("2026-07-06T03:30", "2026-08-03T03:30");
        assertThat(fires("0 0 * * MON#5", "2026-01-01T00:00", 2)).containsExactly("2026-03-30T00:00", "2026-06-29T00:00");
    }

    @Test
    void macros() {
        assertThat(fires("@yearly", "2026-05-05T00:00", 1)).containsExactly("2027-01-01T00:00");
        assertThat(fires("@annually", "2026-05-05T00:00", 1)).containsExactly("2027-01-01T00:00");
        assertThat(fires("@monthly", "2026-05-05T00:00", 1)).containsExactly("2026-06-01T00:00");
        assertThat(fires("@weekly", "2026-05-05T00:00", 1)).containsExactly("2026-05-10T00:00");
        assertThat(fires("@daily", "2026-05-05T10:00", 1)).containsExactly("2026-05-06T00:00");
        assertThat(fires("@midnight", "2026-05-05T10:00", 1)).containsExactly("2026-05-06T00:00");
        assertThat(fires("@HOURLY", "2026-05-05T10:00", 1)).containsExactly("2026-05-05T11:00");
        assertThat(CronExpression.parse("@daily").normalized()).isEqualTo("0 0 * * *");
    }

    @Test
    void impossibleExpressionsNeverFireAndRareOnesAreFound() {
        assertThat(CronExpression.parse("0 0 30 2 *").nextAfter(at("2026-01-01T00:00"))).isEmpty();
        assertThat(CronExpression.parse("0 0 31 4,6,9,11 *").nextAfter(at("2026-01-01T00:00"))).isEmpty();
        assertThat(fires("0 0 29 2 *", "2026-01-01T00:00", 2)).containsExactly("2028-02-29T00:00", "2032-02-29T00:00");
        // the fifth Monday of February: only in leap years whose February starts on a Monday
        assertThat(fires("0 0 * 2 1#5", "2026-01-01T00:00", 1)).containsExactly("2044-02-29T00:00");
    }

    @Test
    void theResultIsInTheZoneOfTheStart() {
        ZonedDateTime from = ZonedDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneId.of("Asia/Kathmandu"));
        ZonedDateTime next = CronExpression.parse("15 6 * * *").nextAfter(from).orElseThrow();
        assertThat(next.getZone()).isEqualTo(ZoneId.of("Asia/Kathmandu"));
        assertThat(next.toLocalDateTime().toString()).isEqualTo("2026-01-01T06:15");
        assertThat(next.getOffset()).isEqualTo(ZoneOffset.ofHoursMinutes(5, 45));
    }

    @Test
    void hashedValuesAreStableAndSpreadByKey() {
        CronExpression a = CronExpression.parse("H H * * *", "nightly-db");
        assertThat(CronExpression.parse("H H * * *", "nightly-db").nextAfter(at("2026-01-01T00:00")))
                .isEqualTo(a.nextAfter(at("2026-01-01T00:00")));
        Set<String> times = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            times.add(CronExpression.parse("H H(1-5) * * *", "job-" + i).nextAfter(at("2026-01-01T00:00"))
                    .orElseThrow().toLocalTime().toString());
        }
        assertThat(times).as("50 jobs should not pile up on a few times").hasSizeGreaterThan(35);
        assertThat(times).allMatch(t -> t.compareTo("01:00") >= 0 && t.compareTo("06:00") < 0);
        List<String> stepped = fires("H/15 * * * *", "2026-01-01T00:00", 4);
        int first = java.time.LocalDateTime.parse(stepped.get(0)).getMinute();
        assertThat(first).isLessThan(15);
        assertThat(stepped).extracting(s -> java.time.LocalDateTime.parse(s).getMinute())
                .containsExactly(first, first + 15, first + 30, first + 45);
        ZonedDateTime dom = CronExpression.parse("0 0 H * *", "x").nextAfter(at("2026-01-01T00:00")).orElseThrow();
        assertThat(dom.getDayOfMonth()).isBetween(1, 28);
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @CsvSource(delimiter = '|', value = {
            "''                 | expression: is empty",
            "'0 0 * *'          | expression: expected 5 fields",
            "'0 0 * * * *'      | expression: expected 5 fields",
            "'60 * * * *'       | minute: 60 is outside 0-59",
            "'0 24 * * *'       | hour: 24 is outside 0-23",
            "'0 0 0 * *'        | day of month: 0 is outside 1-31",
            "'0 0 * 13 *'       | month: 13 is outside 1-12",
            "'0 0 * * 8'        | day of week: 8 is outside 0-7",
            "'0 5-1 * * *'      | hour: range 5-1 is reversed",
            "'*/0 * * * *'      | minute: step must be at least 1",
            "'*/x * * * *'      | minute: 'x' in '*/x' is not a valid step",
            "'0 0 * * FOO'      | day of week: unknown name 'FOO'",
            "'0 0 * JANUARY *'  | month: unknown name 'JANUARY'",
            "'MON * * * *'      | minute: names are not allowed ('MON')",
            "'0 0 1,,2 * *'     | day of month: empty list item in '1,,2'",
            "'0 0 * * 1#6'      | day of week: #6 is outside 1-5",
            "'0 0 * * 1#0'      | day of week: #0 is outside 1-5",
            "'@every5m'         | expression: unknown macro @every5m",
            "'@reboot'          | expression: unknown macro @reboot",
            "'0 0 ? * *'        | day of month: '?' is not a valid value",
            "'0 0 LW * *'       | day of month: names are not allowed ('LW')",
            "'1- * * * *'       | minute: a value is missing"})
    void badExpressionsAreRefusedNamingTheField(String expression, String message) {
        assertThatThrownBy(() -> CronExpression.parse(expression))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void expressionsAreEqualWhenTheyFireAlike() {
        assertThat(CronExpression.parse("0 0 * * 7")).isEqualTo(CronExpression.parse("0 0 * * SUN"))
                .hasSameHashCodeAs(CronExpression.parse("0 0 * * 0"));
        assertThat(CronExpression.parse("@daily")).isEqualTo(CronExpression.parse("0 0 * * *"));
        assertThat(CronExpression.parse("H 0 * * *", "a")).isNotEqualTo(CronExpression.parse("H 0 * * *", "b"));
        assertThat(CronExpression.parse("0 0 1 * 1")).isNotEqualTo(CronExpression.parse("0 0 1 * *"));
    }

    @Test
    void fixedTimeMeansNeitherMinuteNorHourStartsWithAStar() {
        assertThat(CronExpression.parse("30 2 * * *").isFixedTime()).isTrue();
        assertThat(CronExpression.parse("H H * * *").isFixedTime()).isTrue();
        assertThat(CronExpression.parse("*/5 2 * * *").isFixedTime()).isFalse();
        assertThat(CronExpression.parse("0 * * * *").isFixedTime()).isFalse();
        assertThat(CronExpression.parse("@hourly").isFixedTime()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "30 2 * * 1-5     | At 02:30 on Monday through Friday",
            "0 0 * * *        | At 00:00",
            "* * * * *        | Every minute",
            "*/15 * * * *     | Every 15 minutes",
            "0 * * * *        | Every hour, on the hour",
            "5 * * * *        | At 5 minutes past every hour",
            "0 6,18 * * *     | At 06:00 and 18:00",
            "0 23 L * *       | At 23:00 on the last day of the month",
            "0 22 * * 5L      | At 22:00 on the last Friday of the month",
            "30 3 * * 1#1     | At 03:30 on the first Monday of the month",
            "30 3 1-7 * 1     | At 03:30 on day 1 through 7 of the month and on Monday",
            "0 4 1 1,7 *      | At 04:00 on day 1 of the month in January and July",
            "*/10 9-17 * * MON-FRI | Every 10 minutes past hour 9 through 17 on Monday through Friday"})
    void descriptionsReadAsEnglish(String expression, String description) {
        assertThat(CronExpression.parse(expression).describe()).isEqualTo(description);
    }
}
