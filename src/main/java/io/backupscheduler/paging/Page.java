package io.backupscheduler.paging;

import java.util.List;
import java.util.function.Function;

/**
 * One page of results and the total number of rows that matched. Lists that can grow without bound (executions,
 * schedules) count only up to a cap: then {@code total} is the cap and {@code totalExact} is false ("10,000+").
 */
public record Page<T>(List<T> items, long total, int page, int size, boolean totalExact) {
    public Page {
        items = List.copyOf(items);
    }

    public Page(List<T> items, long total, int page, int size) {
        this(items, total, page, size, true);
    }

    /** A page whose count stopped at {@code cap + 1} rows at most (see persistence.CappedCount). */
    public static <T> Page<T> counted(List<T> items, long countUpToCapPlusOne, long cap, int page, int size) {
        return countUpToCapPlusOne > cap ? new Page<>(items, cap, page, size, false) : new Page<>(items, countUpToCapPlusOne, page, size, true);
    }

    public <R> Page<R> map(Function<? super T, ? extends R> mapper) {
        return new Page<>(items.stream().<R>map(mapper).toList(), total, page, size, totalExact);
    }
}
