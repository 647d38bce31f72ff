package io.backupscheduler.lib.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backupscheduler.lib.cron.CronExpression;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CalendarRulesTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final BusinessCalendar GERMANY = new BusinessCalendar("de", BERLIN,
            EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY),
            Set.of(LocalDate.of(2026, 4, 3), LocalDate.of(2026, 4, 6)),      // Good Friday, Easter Monday 2026
            Set.of(MonthDay.of(1, 1), MonthDay.of(12, 25), MonthDay.of(12, 26)));

    private static List<String> fires(FireRule rule, ZonedDateTime from, int count) {
        List<String> fires = new ArrayList<>();
        ZonedDateTime t = from;
        for (int i = 0; i < count; i++) {
            t = rule.nextAfter(t).orElseThrow();
            fires.add(t.toOffsetDateTime().toString());
        }
        return fires;
    }

    private static ZonedDateTime berlin(String local) {
        return ZonedDateTime.of(LocalDateTime.parse(local), BERLIN);
    }

    @Test
    void businessDaysSkipWeekendsOneOffAndYearlyHolidays() {
        DailyRule rule = new DailyRule(GERMANY, DailyRule.Days.BUSINESS_DAYS, LocalTime.of(18, 0));
        assertThat(fires(rule, berlin("2026-04-01T19:00"), 3)).containsExactly(
                "2026-04-02T18:00+02:00", "2026-04-07T18:00+02:00", "2026-04-08T18:00+02:00");
        assertThat(fires(rule, berlin("2026-12-23T19:00"), 3)).containsExactly(
                "2026-12-24T18:00+01:00", "2026-12-28T18:00+01:00", "2026-12-29T18:00+01:00");
        assertThat(GERMANY.isBusinessDay(LocalDate.of(2027, 1, 1))).isFalse();
    }

    @Test
    void weekendsCanBeOtherDays() {
        BusinessCalendar gulf = new BusinessCalendar("ae", ZoneId.of("Asia/Dubai"),
                EnumSet.of(DayOfWeek.FRIDAY, DayOfWeek.SATURDAY), Set.of(), Set.of());
        DailyRule rule = new DailyRule(gulf, DailyRule.Days.BUSINESS_DAYS, LocalTime.of(1, 0));
        assertThat(fires(rule, ZonedDateTime.of(2026, 6, 4, 12, 0, 0, 0, ZoneId.of("Asia/Dubai")), 2))
                .containsExactly("2026-06-07T01:00+04:00", "2026-06-08T01:00+04:00");
        assertThatThrownBy(() -> new BusinessCalendar("none", BERLIN, EnumSet.allOf(DayOfWeek.class), Set.of(), Set.of()))
                .hasMessageStartingWith("weekend:");
    }

    @Test
    void monthEndIsTheLastCalendarOrBusinessDay() {
        DailyRule calendarDay = new DailyRule(GERMANY, DailyRule.Days.MONTH_END, LocalTime.of(23, 0));
        assertThat(fires(calendarDay, berlin("2028-01-31T23:30"), 2)).containsExactly(
                "2028-02-29T23:00+01:00", "2028-03-31T23:00+02:00");
        DailyRule businessDay = new DailyRule(GERMANY, DailyRule.Days.MONTH_END_BUSINESS_DAY, LocalTime.of(23, 0));
        // May 2026 ends on a Sunday; January 2027 on a Sunday; December 2026 on a Thursday (31st)
        assertThat(fires(businessDay, berlin("2026-05-01T00:00"), 1)).containsExactly("2026-05-29T23:00+02:00");
        assertThat(fires(businessDay, berlin("2026-12-01T00:00"), 2)).containsExactly(
                "2026-12-31T23:00+01:00", "2027-01-29T23:00+01:00");
        assertThat(GERMANY.lastBusinessDay(YearMonth.of(2026, 5))).contains(LocalDate.of(2026, 5, 29));
    }

    @Test
    void quarterEndIsTheLastDayOfMarchJuneSeptemberDecember() {
        DailyRule rule = new DailyRule(GERMANY, DailyRule.Days.QUARTER_END, LocalTime.of(20, 0));
        assertThat(fires(rule, berlin("2026-02-10T00:00"), 4)).containsExactly("2026-03-31T20:00+02:00",
                "2026-06-30T20:00+02:00", "2026-09-30T20:00+02:00", "2026-12-31T20:00+01:00");
        DailyRule business = new DailyRule(GERMANY, DailyRule.Days.QUARTER_END_BUSINESS_DAY, LocalTime.of(20, 0));
        // 2027-03-31 is a Wednesday; 2027-06-30 a Wednesday; 2027-09-30 a Thursday; 2027-12-31 a Friday
        // 2028-09-30 is a Saturday: the 29th
        assertThat(fires(business, berlin("2028-07-01T00:00"), 1)).containsExactly("2028-09-29T20:00+02:00");
    }

    @Test
    void aFixedTimeInASpringForwardGapFiresAtTheJumpAndOnceInAnOverlap() {
        BusinessCalendar sevenDays = new BusinessCalendar("all", ZoneId.of("America/New_York"),
                EnumSet.of(DayOfWeek.SATURDAY), Set.of(), Set.of());
        DailyRule rule = new DailyRule(sevenDays, DailyRule.Days.BUSINESS_DAYS, LocalTime.of(2, 30));
        ZonedDateTime from = ZonedDateTime.of(2026, 3, 7, 12, 0, 0, 0, ZoneId.of("America/New_York"));
        assertThat(fires(rule, from, 2)).containsExactly("2026-03-08T03:00-04:00", "2026-03-09T02:30-04:00");
        DailyRule fallBack = new DailyRule(sevenDays, DailyRule.Days.BUSINESS_DAYS, LocalTime.of(1, 30));
        ZonedDateTime october = ZonedDateTime.of(2026, 10, 31, 12, 0, 0, 0, ZoneId.of("America/New_York"));
        assertThat(fires(fallBack, october, 2)).containsExactly("2026-11-01T01:30-04:00", "2026-11-02T01:30-05:00");
    }

    @Test
    void theResultIsInTheZoneOfTheStartButComputedInTheCalendarsZone() {
        DailyRule rule = new DailyRule(GERMANY, DailyRule.Days.BUSINESS_DAYS, LocalTime.of(1, 0));
        ZonedDateTime fromUtc = ZonedDateTime.of(2026, 6, 1, 12, 0, 0, 0, ZoneOffset.UTC);
        ZonedDateTime next = rule.nextAfter(fromUtc).orElseThrow();
        assertThat(next.getZone()).isEqualTo(ZoneOffset.UTC);
        assertThat(next.toString()).isEqualTo("2026-06-01T23:00Z"); // 01:00 in Berlin on Tuesday the 2nd
    }

    @Test
    void cronFilteredByTheCalendar() {
        CalendarCronRule businessOnly = new CalendarCronRule(CronExpression.parse("0 9,17 * * *"), GERMANY,
                CalendarCronRule.Filter.BUSINESS_DAYS_ONLY);
        assertThat(fires(businessOnly, berlin("2026-04-02T10:00"), 3)).containsExactly(
                "2026-04-02T17:00+02:00", "2026-04-07T09:00+02:00", "2026-04-07T17:00+02:00");
        CalendarCronRule noHolidays = new CalendarCronRule(CronExpression.parse("*/30 * * * *"), GERMANY,
                CalendarCronRule.Filter.SKIP_HOLIDAYS);
        assertThat(fires(noHolidays, berlin("2026-12-24T23:10"), 2)).containsExactly(
                "2026-12-24T23:30+01:00", "2026-12-27T00:00+01:00");
        assertThat(noHolidays.describe()).contains("except on holidays");
    }

    @Test
    void aCalendarThatNeverLetsAFireThroughEndsTheSearch() {
        BusinessCalendar weekendsOnlyHoliday = new BusinessCalendar("x", BERLIN, EnumSet.of(DayOfWeek.SATURDAY,
                DayOfWeek.SUNDAY), Set.of(), Set.of());
        CalendarCronRule sundays = new CalendarCronRule(CronExpression.parse("0 12 * * 0"), weekendsOnlyHoliday,
                CalendarCronRule.Filter.BUSINESS_DAYS_ONLY);
        assertThat(sundays.nextAfter(berlin("2026-01-01T00:00"))).isEmpty();
    }
}
