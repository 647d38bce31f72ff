package io.backupscheduler.observability;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * The few kinds of meter the application records, on whichever registry the server offers: MicroProfile Metrics on
 * Open Liberty and Payara, Micrometer on WildFly (which has no MicroProfile Metrics). Names use dots; each registry
 * renders them for Prometheus (docs/operations.md, "Metrics").
 */
interface MeterRegistryBridge {

    /** A monotonic count. */
    interface Count {
        void add(long amount);
    }

    /** A distribution of durations. */
    interface Durations {
        void record(Duration duration);
    }

    Count counter(MeterName name, Tags tags);

    Durations timer(MeterName name, Tags tags);

    void gauge(MeterName name, Tags tags, DoubleSupplier value);

    /** Which registry this is, for the start-up log line. */
    String describe();

    /** Where a server offers two registries, the higher preference is used. */
    default int preference() {
        return 0;
    }
}
