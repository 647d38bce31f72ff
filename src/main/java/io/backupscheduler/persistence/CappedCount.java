package io.backupscheduler.persistence;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.util.Map;

/**
 * The count behind a list page, stopped at {@link #CAP} + 1 rows. An exact count of a million executions is a
 * scan of a million index entries on every page view (200 ms and more on PostgreSQL); nobody pages through ten
 * thousand rows, they filter. SQL, because JPQL has no limit in a subquery.
 */
public final class CappedCount {
    public static final long CAP = 10_000;

    private CappedCount() {
    }

    /**
     * Counts the rows of {@code table} that {@code sqlWhere} (SQL, starting with {@code " where"}) matches, up to
     * the cap + 1. Enum parameters, alone or in collections, are bound by name as the entities store them.
     */
    public static long count(EntityManager em, String table, String sqlWhere, Map<String, ?> parameters) {
        Query count = em.createNativeQuery("select count(*) from (select 1 as one from " + table + sqlWhere
                + " fetch first " + (CAP + 1) + " rows only) capped");
        parameters.forEach((name, value) -> count.setParameter(name, stored(value)));
        return ((Number) count.getSingleResult()).longValue();
    }

    private static Object stored(Object value) {
        if (value instanceof Enum<?> constant) {
            return constant.name();
        }
        if (value instanceof java.util.Collection<?> values) {
            return values.stream().map(CappedCount::stored).toList();
        }
        return value;
    }
}
