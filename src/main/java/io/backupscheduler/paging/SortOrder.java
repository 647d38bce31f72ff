package io.backupscheduler.paging;

import java.util.Objects;

/** Sort by one property, named as clients name it ({@code "name"}, {@code "createdAt"}). */
public record SortOrder(String property, boolean ascending) {
    public SortOrder {
        Objects.requireNonNull(property, "property");
    }

    public static SortOrder asc(String property) {
        return new SortOrder(property, true);
    }

    public static SortOrder desc(String property) {
        return new SortOrder(property, false);
    }
}
