package io.backupscheduler.paging;

import java.util.List;

/** Page {@code page} (from 0) of {@code size} rows, ordered by {@code sort} (first order wins). */
public record PageRequest(int page, int size, List<SortOrder> sort) {
    public static final int MAX_SIZE = 500;

    public PageRequest {
        if (page < 0) {
            throw new IllegalArgumentException("page must be >= 0");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("size must be between 1 and " + MAX_SIZE);
        }
        sort = List.copyOf(sort);
    }

    /** For tables that hand over a row offset rather than a page number. */
    public static PageRequest ofOffset(int first, int size, List<SortOrder> sort) {
        return new PageRequest(first / size, size, sort);
    }

    public int offset() {
        return page * size;
    }
}
