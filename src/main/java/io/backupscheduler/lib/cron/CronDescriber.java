package io.backupscheduler.lib.cron;

import java.util.ArrayList;
import java.util.List;

/** English descriptions of normalised expressions for the console, e.g. "At 02:30 on Monday through Friday". */
final class CronDescriber {
    private static final String[] DAYS = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
    private static final String[] MONTHS = {"", "January", "February", "March", "April", "May", "June", "July",
            "August", "September", "October", "November", "December"};
    private static final String[] ORDINALS = {"", "first", "second", "third", "fourth", "fifth"};
    private static final String[] DAY_ABBREVIATIONS = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"};
    private static final String[] MONTH_ABBREVIATIONS = {"", "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG",
            "SEP", "OCT", "NOV", "DEC"};

    private CronDescriber() {
    }

    static String describe(String normalized) {
        String[] f = normalized.split(" ");
        StringBuilder text = new StringBuilder(time(f[0], f[1]));
        String days = days(f[2], f[4]);
        if (!days.isEmpty()) {
            text.append(' ').append(days);
        }
        if (!f[3].equals("*")) {
            text.append(" in ").append(list(f[3], "month"));
        }
        return text.toString();
    }

    private static String time(String minute, String hour) {
        boolean minuteNumber = isNumber(minute);
        if (minuteNumber && isNumberList(hour)) {
            List<String> times = new ArrayList<>();
            for (String h : hour.split(",")) {
                times.add(String.format("%02d:%02d", Integer.parseInt(h), Integer.parseInt(minute)));
            }
            return "At " + join(times);
        }
        if (minute.equals("*") && hour.equals("*")) {
            return "Every minute";
        }
        String minutes = minute.startsWith("*/") ? "Every " + minute.substring(2) + " minutes"
                : minute.equals("*") ? "Every minute"
                : minute.equals("0") ? "At the start"
                : "At minute " + list(minute, "minute");
        if (hour.equals("*")) {
            return minute.equals("0") ? "Every hour, on the hour"
                    : minuteNumber ? "At " + minute + " minutes past every hour" : minutes;
        }
        return minutes + (minute.equals("0") ? " of hour " : " past hour ") + list(hour, "hour");
    }

    private static String days(String dom, String dow) {
        boolean anyDom = dom.equals("*");
        boolean anyDow = dow.equals("*");
        if (anyDom && anyDow) {
            return "";
        }
        String dayOfMonth = "on " + dayOfMonth(dom);
        String dayOfWeek = "on " + list(dow, "weekday");
        if (anyDom) {
            return dayOfWeek;
        }
        if (anyDow) {
            return dayOfMonth;
        }
        if (dom.startsWith("*") || dow.startsWith("*")) {
            return dayOfMonth + " if it is " + list(dow, "weekday");
        }
        return dayOfMonth + " and " + dayOfWeek;
    }

    private static String dayOfMonth(String dom) {
        List<String> parts = new ArrayList<>();
        List<String> numbers = new ArrayList<>();
        for (String item : dom.split(",")) {
            if (item.equals("L")) {
                parts.add("the last day of the month");
            } else {
                numbers.add(item);
            }
        }
        if (!numbers.isEmpty()) {
            parts.add(0, "day " + list(String.join(",", numbers), "day") + " of the month");
        }
        return join(parts);
    }

    /** A list field in words: "1 through 5", "every 15th minute from 0 through 30", "Monday and Friday". */
    private static String list(String field, String unit) {
        List<String> parts = new ArrayList<>();
        for (String item : field.split(",")) {
            parts.add(item(item, unit));
        }
        return join(parts);
    }

    private static String item(String item, String unit) {
        if (unit.equals("weekday") && item.endsWith("L") && item.length() > 1) {
            return "the last " + name(item.substring(0, item.length() - 1), unit) + " of the month";
        }
        if (unit.equals("weekday") && item.contains("#")) {
            String[] p = item.split("#");
            return "the " + ORDINALS[Integer.parseInt(p[1])] + " " + name(p[0], unit) + " of the month";
        }
        String range = item;
        String step = null;
        int slash = item.indexOf('/');
        if (slash >= 0) {
            range = item.substring(0, slash);
            step = item.substring(slash + 1);
        }
        String words;
        if (range.equals("*")) {
            words = step == null ? "every " + unit : "every " + ordinal(step) + " " + unit;
            return words;
        }
        if (range.startsWith("H")) {
            words = "a hashed " + unit + (range.length() > 1 ? " in " + range.substring(2, range.length() - 1).replace("-", " through ") : "");
        } else if (range.contains("-")) {
            String[] p = range.split("-", 2);
            words = name(p[0], unit) + " through " + name(p[1], unit);
        } else {
            words = name(range, unit) + (step != null ? " onwards" : "");
        }
        return step == null ? words : "every " + ordinal(step) + " " + unit + " from " + words;
    }

    private static String name(String value, String unit) {
        if (unit.equals("weekday")) {
            int index = indexOf(DAY_ABBREVIATIONS, value);
            return DAYS[index >= 0 ? index : Integer.parseInt(value)];
        }
        if (unit.equals("month")) {
            int index = indexOf(MONTH_ABBREVIATIONS, value);
            return MONTHS[index >= 0 ? index : Integer.parseInt(value)];
        }
        return value;
    }

    private static int indexOf(String[] names, String value) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(value)) {
                return i;
            }
        }
        return -1;
    }

    private static String ordinal(String number) {
        int n = Integer.parseInt(number);
        if (n == 1) {
            return "single";
        }
        String suffix = (n % 100 >= 11 && n % 100 <= 13) ? "th" : switch (n % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
        return n + suffix;
    }

    private static boolean isNumber(String text) {
        return !text.isEmpty() && text.chars().allMatch(Character::isDigit);
    }

    private static boolean isNumberList(String text) {
        String[] items = text.split(",");
        if (items.length > 6) {
            return false;
        }
        for (String item : items) {
            if (!isNumber(item)) {
                return false;
            }
        }
        return true;
    }

    private static String join(List<String> parts) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        return String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
    }
}
