package io.backupscheduler.console;

import java.util.Map;
import org.primefaces.model.FilterMeta;

/** Reads the values of a lazy table's column filters the same way on every page. */
final class LazyFilters {
    private LazyFilters() {
    }

    /** The filter's value, or null when the column is not filtered. */
    static Object value(Map<String, FilterMeta> filterBy, String field) {
        return filterBy == null || filterBy.get(field) == null ? null : filterBy.get(field).getFilterValue();
    }

    /** The filter's value as text, or null when the column is not filtered. */
    static String text(Map<String, FilterMeta> filterBy, String field) {
        Object value = value(filterBy, field);
        return value == null ? null : String.valueOf(value);
    }

    /** An id typed into a filter: null when empty, -1 (matches nothing) when it is not a number. */
    static Long id(Map<String, FilterMeta> filterBy, String field) {
        String text = text(filterBy, field);
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            return -1L; // matches nothing: the filter field says what it wants
        }
    }

    /** The enum constant a filter selected (a constant or its name), or null for any. */
    static <E extends Enum<E>> E constant(Map<String, FilterMeta> filterBy, String field, Class<E> type) {
        Object value = value(filterBy, field);
        for (E candidate : type.getEnumConstants()) {
            if (candidate == value || candidate.name().equals(String.valueOf(value))) {
                return candidate;
            }
        }
        return null;
    }
}
