package io.backupscheduler.persistence;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Reads values of native query results, whose Java types differ between drivers (H2, PostgreSQL). */
public final class NativeValues {
    private NativeValues() {
    }

    /** A timestamp column as an Instant, whichever type the driver returned; null stays null. */
    public static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        return value == null ? null : OffsetDateTime.parse(value.toString()).withOffsetSameInstant(ZoneOffset.UTC).toInstant();
    }
}
