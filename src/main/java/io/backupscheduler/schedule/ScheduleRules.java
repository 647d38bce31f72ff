package io.backupscheduler.schedule;

import io.backupscheduler.errors.FieldError;
import io.backupscheduler.lib.calendar.BusinessCalendar;
import io.backupscheduler.lib.calendar.CalendarCronRule;
import io.backupscheduler.lib.calendar.DailyRule;
import io.backupscheduler.lib.calendar.FireRule;
import io.backupscheduler.lib.cron.CronExpression;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The checks on a schedule that need more than one field, and the fire rule a timed schedule follows. Days are
 * judged in the calendar's zone, so a schedule with a calendar runs in that zone (its own zone may be left
 * empty or must agree); without a calendar, business days are Monday to Friday in the schedule's zone.
 */
public final class ScheduleRules {
    private ScheduleRules() {
    }

    /** Whole-spec problems, each naming its field; {@code calendarZone} is the chosen calendar's zone, if any. */
    public static List<FieldError> check(ScheduleSpec spec, ZoneId calendarZone) {
        List<FieldError> errors = new ArrayList<>();
        if (spec.getType() == null) {
            return errors; // reported by the field check
        }
        ZoneId zone = null;
        if (spec.getZone() != null && !spec.getZone().isBlank()) {
            try {
                zone = ZoneId.of(spec.getZone().strip());
            } catch (DateTimeException e) {
                errors.add(new FieldError("zone", "'" + spec.getZone() + "' is not a time zone; use an IANA name such as Europe/Berlin"));
            }
        }
        if (zone != null && calendarZone != null && !zone.equals(calendarZone)) {
            errors.add(new FieldError("zone", "must be empty or the calendar's zone (" + calendarZone + "): days are judged there"));
        }
        switch (spec.getType()) {
            case CRON -> {
                if (spec.getExpression() == null || spec.getExpression().isBlank()) {
                    errors.add(new FieldError("expression", "is required for a CRON schedule, e.g. 30 2 * * 1-5"));
                } else {
                    try {
                        CronExpression.parse(spec.getExpression(), hashKey(spec.getName()));
                    } catch (IllegalArgumentException e) {
                        errors.add(new FieldError("expression", e.getMessage()));
                    }
                }
                if (spec.getDayFilter() != null && spec.getDayFilter() != DayFilter.ALL_DAYS && spec.getCalendarId() == null) {
                    errors.add(new FieldError("calendarId", "is required when dayFilter is " + spec.getDayFilter()));
                }
            }
            case BUSINESS_DAYS, MONTH_END, QUARTER_END -> {
                if (spec.getTimeOfDay() == null || spec.getTimeOfDay().isBlank()) {
                    errors.add(new FieldError("timeOfDay", "is required for a " + spec.getType() + " schedule, as HH:mm"));
                }
            }
            case EVENT -> {
                if (spec.getEventType() == null) {
                    errors.add(new FieldError("eventType", "is required for an EVENT schedule: FILE_CHANGE, WEBHOOK or SYSTEM"));
                }
                if (spec.getEventSource() == null || spec.getEventSource().isBlank()) {
                    errors.add(new FieldError("eventSource", "is required for an EVENT schedule: a path glob, a webhook name"
                            + " or a system event such as job-succeeded"));
                } else if (spec.getEventType() == EventType.SYSTEM) {
                    try {
                        SystemEvent.ofKey(systemEventName(spec.getEventSource()));
                    } catch (IllegalArgumentException e) {
                        errors.add(new FieldError("eventSource", e.getMessage() + "; one of application-started, job-succeeded,"
                                + " job-failed, job-dead, low-disk, optionally followed by ':' and a job name"));
                    }
                } else if (spec.getEventType() == EventType.FILE_CHANGE && !spec.getEventSource().strip().startsWith("/")) {
                    errors.add(new FieldError("eventSource", "must be an absolute path or glob, e.g. /srv/incoming/**.csv"));
                }
            }
            default -> throw new IllegalStateException(spec.getType().name());
        }
        return errors;
    }

    /** A system event source is {@code event} or {@code event:job name}. */
    static String systemEventName(String source) {
        int colon = source.indexOf(':');
        return (colon < 0 ? source : source.substring(0, colon)).strip();
    }

    /** The key Jenkins-style H fields hash: the schedule's name, so that spreading is stable per schedule. */
    static String hashKey(String scheduleName) {
        return scheduleName == null ? "" : scheduleName.strip();
    }

    /** The rule of a timed schedule; empty for EVENT schedules. {@code calendar} may be null. */
    public static Optional<FireRule> ruleOf(Schedule schedule, BusinessCalendar calendar) {
        ZoneId zone = ZoneId.of(schedule.getZone());
        BusinessCalendar days = calendar != null ? calendar : BusinessCalendar.standard("Monday to Friday", zone);
        return switch (schedule.getType()) {
            case CRON -> {
                CronExpression cron = CronExpression.parse(schedule.getExpression(), hashKey(schedule.getName()));
                yield Optional.of(calendar == null || schedule.getDayFilter() == DayFilter.ALL_DAYS
                        ? new CronRule(cron)
                        : new CalendarCronRule(cron, calendar, schedule.getDayFilter() == DayFilter.BUSINESS_DAYS_ONLY
                        ? CalendarCronRule.Filter.BUSINESS_DAYS_ONLY : CalendarCronRule.Filter.SKIP_HOLIDAYS));
            }
            case BUSINESS_DAYS -> Optional.of(new DailyRule(days, DailyRule.Days.BUSINESS_DAYS, schedule.time()));
            case MONTH_END -> Optional.of(new DailyRule(days, schedule.isLastBusinessDay()
                    ? DailyRule.Days.MONTH_END_BUSINESS_DAY : DailyRule.Days.MONTH_END, schedule.time()));
            case QUARTER_END -> Optional.of(new DailyRule(days, schedule.isLastBusinessDay()
                    ? DailyRule.Days.QUARTER_END_BUSINESS_DAY : DailyRule.Days.QUARTER_END, schedule.time()));
            case EVENT -> Optional.empty();
        };
    }

    /** A plain cron expression as a fire rule. */
    private record CronRule(CronExpression cron) implements FireRule {
        @Override
        public Optional<ZonedDateTime> nextAfter(ZonedDateTime from) {
            return cron.nextAfter(from);
        }

        @Override
        public String describe() {
            return cron.describe();
        }
    }
}
