package io.backupscheduler.alert;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalDouble;

/** The run-history tests behind CONSECUTIVE_FAILURES and SLOW_RUN, kept pure so they can be tested on their own. */
final class RunPatterns {
    /** Fewer earlier successful runs than this and a run is never called slow: there is no baseline yet. */
    static final int MIN_BASELINE = 3;
    /** How many earlier successful runs make the baseline. */
    static final int BASELINE = 10;

    private RunPatterns() {
    }

    /** Whether the newest {@code n} finished runs (newest first) all failed. */
    static boolean failedInARow(List<String> statusesNewestFirst, int n) {
        return n > 0 && statusesNewestFirst.size() >= n
                && statusesNewestFirst.stream().limit(n).noneMatch("SUCCEEDED"::equals);
    }

    /**
     * How many times its baseline the newest run took, when that is more than {@code factor}: the baseline is the
     * median of up to {@link #BASELINE} runs before it, and needs at least {@link #MIN_BASELINE} of them.
     */
    static OptionalDouble slowerThan(List<Long> durationsNewestFirst, double factor) {
        if (durationsNewestFirst.size() < MIN_BASELINE + 1) {
            return OptionalDouble.empty();
        }
        long latest = durationsNewestFirst.get(0);
        double median = median(durationsNewestFirst.subList(1, Math.min(durationsNewestFirst.size(), BASELINE + 1)));
        double ratio = latest / Math.max(median, 1.0);
        return ratio > factor ? OptionalDouble.of(ratio) : OptionalDouble.empty();
    }

    static double median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2.0;
    }
}
