package io.backupscheduler.api;

import io.backupscheduler.paging.Page;
import java.util.List;

/** A page of a list as JSON: the items, the total that matched, and where this page is. */
public record PageResponse<T>(List<T> items, long total, int page, int size, int totalPages) {
    static <T> PageResponse<T> of(Page<T> page) {
        int totalPages = (int) ((page.total() + page.size() - 1) / page.size());
        return new PageResponse<>(page.items(), page.total(), page.page(), page.size(), totalPages);
    }
}
