package io.backupscheduler.api;

import io.backupscheduler.errors.FieldError;
import io.backupscheduler.errors.InvalidInputException;
import io.backupscheduler.errors.NoSuchEntityException;
import io.backupscheduler.paging.PageRequest;
import io.backupscheduler.paging.SortOrder;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads query parameters that arrive as text, so that {@code ?page=abc} is a 400 naming {@code page}
 * rather than the 404 JAX-RS gives for an unconvertible parameter.
 */
final class QueryParameters {
    static final int DEFAULT_SIZE = 20;

    private QueryParameters() {
    }

    /** {@code page} from 0, {@code size} 1 to 500, {@code sort} as {@code property} or {@code property,asc|desc}. */
    static PageRequest pageRequest(String page, String size, List<String> sort, Set<String> sortable, SortOrder defaultSort) {
        List<FieldError> errors = new ArrayList<>();
        int pageNumber = integer("page", page, 0, 0, Integer.MAX_VALUE / PageRequest.MAX_SIZE, errors);
        int pageSize = integer("size", size, DEFAULT_SIZE, 1, PageRequest.MAX_SIZE, errors);
        List<SortOrder> orders = new ArrayList<>();
        for (String item : sort == null ? List.<String>of() : sort) {
            if (item == null || item.isBlank()) {
                continue;
            }
            String[] parts = item.split(",", -1);
            String property = parts[0].strip();
            if (!sortable.contains(property)) {
                errors.add(new FieldError("sort", "cannot sort by '" + property + "'; use one of "
                        + sortable.stream().sorted().collect(Collectors.joining(", "))));
                continue;
            }
            String direction = parts.length > 1 ? parts[1].strip().toLowerCase(Locale.ROOT) : "asc";
            if (parts.length > 2 || !(direction.equals("asc") || direction.equals("desc"))) {
                errors.add(new FieldError("sort", "'" + item + "' is not property,asc or property,desc"));
                continue;
            }
            orders.add(new SortOrder(property, direction.equals("asc")));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        if (orders.isEmpty()) {
            orders.add(defaultSort);
        }
        return new PageRequest(pageNumber, pageSize, orders);
    }

    /** An optional id used as a filter (jobId=12): null when absent, a 400 naming the field when not a positive number. */
    static Long filterId(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            long id = Long.parseLong(text.strip());
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw InvalidInputException.of(field, "must be an id (a positive whole number)");
    }

    /** An ISO-8601 instant with an offset, or {@code otherwise} when absent. */
    static Instant instant(String field, String text, Instant otherwise) {
        if (text == null || text.isBlank()) {
            return otherwise;
        }
        try {
            return OffsetDateTime.parse(text.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw InvalidInputException.of(field, "must be an ISO-8601 instant with an offset, e.g. 2026-12-01T02:00:00Z");
        }
    }

    static <E extends Enum<E>> E enumValue(String field, String text, Class<E> type) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.of(field, "'" + text + "' is not one of "
                    + Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", ")));
        }
    }

    static Boolean booleanValue(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw InvalidInputException.of(field, "'" + text + "' is not true or false");
        };
    }

    /** An id from the path; one that cannot be an id names nothing, so it is a 404 like an unknown one. */
    static long id(String entity, String text) {
        try {
            long id = Long.parseLong(text);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new NoSuchEntityException(entity, text);
    }

    /** A whole number from {@code min} to {@code max}, {@code defaultValue} when absent; a 400 naming the field otherwise. */
    static int intValue(String field, String text, int defaultValue, int min, int max) {
        List<FieldError> errors = new ArrayList<>();
        int value = integer(field, text, defaultValue, min, max, errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return value;
    }

    private static int integer(String field, String text, int defaultValue, int min, int max, List<FieldError> errors) {
        if (text == null || text.isBlank()) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(text.strip());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(new FieldError(field, "'" + text + "' is not a whole number from " + min + " to " + max));
        return defaultValue;
    }
}
