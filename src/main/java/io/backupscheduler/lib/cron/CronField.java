package io.backupscheduler.lib.cron;

/** The five fields in order, with their ranges and the names error messages use. */
enum CronField {
    MINUTE("minute", 0, 59),
    HOUR("hour", 0, 23),
    DAY_OF_MONTH("day of month", 1, 31),
    MONTH("month", 1, 12),
    DAY_OF_WEEK("day of week", 0, 7);

    private static final String[] MONTH_NAMES = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
    private static final String[] DAY_NAMES = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"};

    final String label;
    final int min;
    final int max;

    CronField(String label, int min, int max) {
        this.label = label;
        this.min = min;
        this.max = max;
    }

    /** The value a three-letter name stands for in this field, or -1 when it is not one of its names. */
    int valueOfName(String upperCaseName) {
        String[] names = this == MONTH ? MONTH_NAMES : this == DAY_OF_WEEK ? DAY_NAMES : null;
        if (names != null) {
            for (int i = 0; i < names.length; i++) {
                if (names[i].equals(upperCaseName)) {
                    return this == MONTH ? i + 1 : i;
                }
            }
        }
        return -1;
    }

    boolean hasNames() {
        return this == MONTH || this == DAY_OF_WEEK;
    }

    /** The range H picks from: Jenkins keeps day-of-month hashes within 1-28 so that they exist every month. */
    int hashMax() {
        return this == DAY_OF_MONTH ? 28 : this == DAY_OF_WEEK ? 6 : max;
    }

    IllegalArgumentException error(String message) {
        return new IllegalArgumentException(label + ": " + message);
    }
}
