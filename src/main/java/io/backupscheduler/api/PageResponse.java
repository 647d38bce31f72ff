package io.backupscheduler.api;

import io.backupscheduler.paging.Page;
import java.util.List;

/**
 * A page of a list as JSON: the items, the total that matched, and where this page is. {@code totalExact} is
 * false when the list stopped counting at its cap (executions and schedules count up to 10,000): there are more,
 * and later pages can still be asked for; filters narrow the list.
 */
public record PageResponse<T>(List<T> items, long total, boolean totalExact, int page, int size, int totalPages) {
    static <T> PageResponse<T> of(Page<T> page) {
        int totalPages = (int) ((page.total() + page.size() - 1) / page.size());
        return new PageResponse<>(page.items(), page.total(), page.totalExact(), page.page(), page.size(), totalPages);
    }
}
