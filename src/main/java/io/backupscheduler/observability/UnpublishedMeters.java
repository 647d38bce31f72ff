package io.backupscheduler.observability;

import java.util.function.DoubleSupplier;

/** Where meters go on a server without a metrics registry: nowhere (the application still runs). */
final class UnpublishedMeters implements MeterRegistryBridge {
    @Override
    public Count counter(MeterName name, Tags tags) {
        return amount -> { };
    }

    @Override
    public Durations timer(MeterName name, Tags tags) {
        return duration -> { };
    }

    @Override
    public void gauge(MeterName name, Tags tags, DoubleSupplier value) {
        // nothing reads it
    }

    @Override
    public String describe() {
        return "nothing";
    }
}
