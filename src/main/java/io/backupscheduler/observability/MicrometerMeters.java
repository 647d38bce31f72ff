package io.backupscheduler.observability;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.DoubleSupplier;

/**
 * Micrometer, which WildFly offers in place of MicroProfile Metrics: its Prometheus registry serves the same names
 * (dots become underscores) on the management port ({@code /prometheus}, see {@code server-config/wildfly}).
 * On a server without the API (Liberty, Payara) beans.xml leaves this bean out, so the missing type is never loaded.
 *
 * <p>WildFly's per-application registry forwards only the registry's own shortcut methods to the exported registry
 * (meters built with {@code Counter.builder(..).register(..)} stay private to the application), so meters are made
 * with those: without descriptions or histogram buckets.
 */
@Dependent
class MicrometerMeters implements MeterRegistryBridge {
    @Inject
    MeterRegistry registry;
    /** Micrometer holds gauge sources weakly: these keep them alive for the application's life. */
    private final List<DoubleSupplier> gaugeSources = new CopyOnWriteArrayList<>();

    @Override
    public Count counter(MeterName name, Tags tags) {
        return registry.counter(name.name(), tags(tags))::increment;
    }

    @Override
    public Durations timer(MeterName name, Tags tags) {
        return registry.timer(name.name(), tags(tags))::record; // Prometheus shows timers in seconds, as the others do
    }

    @Override
    public void gauge(MeterName name, Tags tags, DoubleSupplier value) {
        gaugeSources.add(value);
        registry.gauge(name.name(), tags(tags), value, DoubleSupplier::getAsDouble);
    }

    @Override
    public String describe() {
        return "Micrometer (" + registry.getClass().getSimpleName() + ")";
    }

    private static List<Tag> tags(Tags tags) {
        List<Tag> result = new ArrayList<>(tags.size());
        for (int i = 0; i < tags.size(); i++) {
            result.add(Tag.of(tags.key(i), tags.value(i)));
        }
        return result;
    }
}
