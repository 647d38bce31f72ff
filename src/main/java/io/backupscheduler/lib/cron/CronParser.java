package io.backupscheduler.lib.cron;

import java.util.Locale;
import java.util.Map;

/**
 * Turns the text of a cron expression into {@link CronFields}. Errors name the field and the bad value,
 * e.g. {@code "hour: 24 is outside 0-23"}.
 */
final class CronParser {
    static final Map<String, String> MACROS = Map.of(
            "@yearly", "0 0 1 1 *",
            "@annually", "0 0 1 1 *",
            "@monthly", "0 0 1 * *",
            "@weekly", "0 0 * * 0",
            "@daily", "0 0 * * *",
            "@midnight", "0 0 * * *",
            "@hourly", "0 * * * *");

    private final String hashKey;

    /** What the parse produced: the fields, the normalised text, and whether the entry is fixed-time. */
    record Parsed(CronFields fields, String normalized, boolean fixedTime) {
    }

    CronParser(String hashKey) {
        this.hashKey = hashKey == null ? "" : hashKey;
    }

    Parsed parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("expression: is empty; expected 5 fields or a macro such as @daily");
        }
        String trimmed = text.strip();
        for (int i = 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            if (c > 126 || (c < 32 && !Character.isWhitespace(c))) {
                throw new IllegalArgumentException("expression: character " + (i + 1) + " is not printable ASCII");
            }
        }
        if (trimmed.startsWith("@")) {
            String expanded = MACROS.get(trimmed.toLowerCase(Locale.ROOT));
            if (expanded == null) {
                throw new IllegalArgumentException("expression: unknown macro " + trimmed
                        + "; use @yearly, @annually, @monthly, @weekly, @daily, @midnight or @hourly");
            }
            trimmed = expanded;
        }
        String[] parts = trimmed.split("\\s+");
        if (parts.length != 5) {
            throw new IllegalArgumentException("expression: expected 5 fields (minute hour day-of-month month day-of-week), found "
                    + parts.length);
        }
        FieldBits minute = parseField(CronField.MINUTE, parts[0]);
        FieldBits hour = parseField(CronField.HOUR, parts[1]);
        FieldBits dom = parseField(CronField.DAY_OF_MONTH, parts[2]);
        FieldBits month = parseField(CronField.MONTH, parts[3]);
        FieldBits dow = parseField(CronField.DAY_OF_WEEK, parts[4]);
        int dowBits = (int) dow.values;
        if ((dowBits & (1 << 7)) != 0) {
            dowBits = (dowBits | 1) & ~(1 << 7); // 7 is Sunday too
        }
        CronFields fields = new CronFields(minute.values, (int) hour.values, (int) dom.values, dom.last, (int) month.values,
                dowBits, dow.lastWeekdays, dow.nthWeekdays, parts[2].startsWith("*"), parts[4].startsWith("*"));
        String normalized = String.join(" ", parts).toUpperCase(Locale.ROOT);
        boolean fixedTime = !parts[0].startsWith("*") && !parts[1].startsWith("*");
        return new Parsed(fields, normalized, fixedTime);
    }

    /** The values of one field, and the day extensions (L, dL, d#n) where they apply. */
    private static final class FieldBits {
        long values;
        boolean last;
        int lastWeekdays;
        long nthWeekdays;
    }

    private FieldBits parseField(CronField field, String text) {
        FieldBits bits = new FieldBits();
        String[] items = text.split(",", -1);
        for (String item : items) {
            if (item.isEmpty()) {
                throw field.error("empty list item in '" + text + "'");
            }
            parseItem(field, item, bits);
        }
        return bits;
    }

    private void parseItem(CronField field, String original, FieldBits bits) {
        String item = original.toUpperCase(Locale.ROOT); // ASCII only: same length, same positions
        if (field == CronField.DAY_OF_MONTH && item.equals("L")) {
            bits.last = true;
            return;
        }
        if (field == CronField.DAY_OF_WEEK && item.length() > 1 && item.endsWith("L")) {
            int weekday = value(field, item.substring(0, item.length() - 1)) % 7;
            bits.lastWeekdays |= 1 << weekday;
            return;
        }
        if (field == CronField.DAY_OF_WEEK && item.contains("#")) {
            String[] parts = item.split("#", -1);
            if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
                throw field.error("'" + original + "' is not weekday#n");
            }
            int weekday = value(field, parts[0]) % 7;
            int n = number(field, parts[1], "#");
            if (n < 1 || n > 5) {
                throw field.error("#" + n + " is outside 1-5");
            }
            bits.nthWeekdays |= 1L << (weekday * 5 + n - 1);
            return;
        }
        String range = item;
        int step = 1;
        int slash = item.indexOf('/');
        if (slash >= 0) {
            range = item.substring(0, slash);
            String stepText = original.substring(slash + 1);
            if (stepText.isEmpty() || !stepText.chars().allMatch(Character::isDigit) || stepText.length() > 4) {
                throw field.error("'" + stepText + "' in '" + original + "' is not a valid step");
            }
            step = Integer.parseInt(stepText);
            if (step < 1) {
                throw field.error("step must be at least 1 in '" + original + "'");
            }
            if (range.isEmpty()) {
                throw field.error("'" + original + "' has a step but no range");
            }
        }
        int from;
        int to;
        if (range.equals("*")) {
            from = field.min;
            to = field.max; // in day of week 0-7, as cronie: */7 means Sunday twice over, which is Sunday
        } else if (range.startsWith("H")) {
            int[] hashed = hashRange(field, range, slash >= 0);
            from = hashed[0];
            to = hashed[1];
            if (slash >= 0) {
                from = hashed[0] + (int) (hash(field, 1) % step);
                if (from > to) {
                    from = hashed[0];
                }
            }
        } else {
            int dash = range.indexOf('-', 1);
            if (dash > 0) {
                from = value(field, range.substring(0, dash));
                to = value(field, range.substring(dash + 1));
                if (from > to) {
                    throw field.error("range " + range + " is reversed");
                }
            } else {
                from = value(field, range);
                to = slash >= 0 ? field.max : from; // n/s runs from n to the field's maximum
            }
        }
        for (int v = from; v <= to; v += step) {
            bits.values |= 1L << v;
        }
    }

    /** H, H(a-b): the bounds to pick or step within; a bare H picks one value. */
    private int[] hashRange(CronField field, String range, boolean stepped) {
        int low = field.min;
        int high = field.hashMax();
        if (range.length() > 1) {
            if (!range.startsWith("H(") || !range.endsWith(")")) {
                throw field.error("'" + range + "' is not H, H(a-b) or H/step");
            }
            String inner = range.substring(2, range.length() - 1);
            int dash = inner.indexOf('-', 1);
            if (dash < 0) {
                throw field.error("'" + range + "' needs a range, as in H(0-29)");
            }
            low = value(field, inner.substring(0, dash));
            high = value(field, inner.substring(dash + 1));
            if (low > high) {
                throw field.error("range " + inner + " is reversed");
            }
        }
        if (stepped) {
            return new int[] {low, high};
        }
        int picked = low + (int) (hash(field, 0) % (high - low + 1));
        return new int[] {picked, picked};
    }

    /** A stable, well-spread non-negative number from the hash key and the field: FNV-1a, then SplitMix64. */
    private long hash(CronField field, int salt) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < hashKey.length(); i++) {
            h ^= hashKey.charAt(i);
            h *= 0x100000001b3L;
        }
        long z = h + (field.ordinal() * 2L + salt + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return (z ^ (z >>> 31)) >>> 1;
    }

    private static int value(CronField field, String text) {
        if (text.isEmpty()) {
            throw field.error("a value is missing");
        }
        if (Character.isLetter(text.charAt(0))) {
            if (!field.hasNames()) {
                throw field.error("names are not allowed ('" + text + "')");
            }
            int named = field.valueOfName(text);
            if (named < 0) {
                throw field.error("unknown name '" + text + "'");
            }
            return named;
        }
        int value = number(field, text, "value");
        if (value < field.min || value > field.max) {
            throw field.error(value + " is outside " + field.min + "-" + field.max);
        }
        return value;
    }

    private static int number(CronField field, String text, String what) {
        if (text.isEmpty() || text.length() > 4 || !text.chars().allMatch(Character::isDigit)) {
            throw field.error("'" + text + "' is not a valid " + what);
        }
        return Integer.parseInt(text);
    }
}
