package io.backupscheduler.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class IcsHolidaysTest {
    private static final String ICS = String.join("\r\n",
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN",
            "BEGIN:VEVENT", "UID:1@test", "DTSTAMP:20260101T000000Z", "DTSTART;VALUE=DATE:20261225",
            "RRULE:FREQ=YEARLY", "SUMMARY:Christmas", "END:VEVENT",
            "BEGIN:VEVENT", "UID:2@test", "DTSTAMP:20260101T000000Z", "DTSTART;VALUE=DATE:20261228",
            "DTEND;VALUE=DATE:20261230", "SUMMARY:Closing", "END:VEVENT",
            "BEGIN:VEVENT", "UID:3@test", "DTSTAMP:20260101T000000Z", "DTSTART;VALUE=DATE:20260501", "SUMMARY:Labour day",
            "END:VEVENT",
            "BEGIN:VEVENT", "UID:4@test", "DTSTAMP:20260101T000000Z", "DTSTART:20261231T100000Z", "SUMMARY:Meeting",
            "END:VEVENT",
            "BEGIN:VEVENT", "UID:5@test", "DTSTAMP:20260101T000000Z", "DTSTART;VALUE=DATE:20260105",
            "RRULE:FREQ=WEEKLY", "SUMMARY:Mondays", "END:VEVENT",
            "END:VCALENDAR", "");

    @Test
    void allDayEventsBecomeHolidaysAndTheRestIsReported() {
        IcsHolidays.Result result = IcsHolidays.parse(ICS);
        assertThat(result.holidays()).containsExactlyInAnyOrder(
                new Holiday(LocalDate.of(2026, 12, 25), true, "Christmas"),
                new Holiday(LocalDate.of(2026, 12, 28), false, "Closing"),
                new Holiday(LocalDate.of(2026, 12, 29), false, "Closing"),
                new Holiday(LocalDate.of(2026, 5, 1), false, "Labour day"));
        assertThat(result.skipped()).containsExactly("'Meeting': not an all-day event",
                "'Mondays': repeats other than every year");
    }

    @Test
    void somethingElseIsRefused() {
        assertThatThrownBy(() -> IcsHolidays.parse("hello")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not an iCalendar file");
    }
}
