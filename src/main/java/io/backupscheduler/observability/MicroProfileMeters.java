package io.backupscheduler.observability;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.function.DoubleSupplier;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * MicroProfile Metrics' application registry (Open Liberty, Payara), served at {@code /metrics}. On a server without
 * the API (WildFly) beans.xml leaves this bean out, so the missing type is never loaded.
 */
@Dependent
class MicroProfileMeters implements MeterRegistryBridge {
    @Inject
    MetricRegistry registry; // injected, not looked up: Payara's producer reads the injection point

    @Override
    public Count counter(MeterName name, Tags tags) {
        return registry.counter(metadata(name), tags(tags))::inc;
    }

    @Override
    public Durations timer(MeterName name, Tags tags) {
        return registry.timer(metadata(name), tags(tags))::update;
    }

    @Override
    public void gauge(MeterName name, Tags tags, DoubleSupplier value) {
        registry.gauge(metadata(name), value::getAsDouble, tags(tags));
    }

    @Override
    public int preference() {
        return 1; // the specification's own metrics, where the server has them
    }

    @Override
    public String describe() {
        return "MicroProfile Metrics (/metrics)";
    }

    private static Metadata metadata(MeterName name) {
        return Metadata.builder().withName(name.name()).withDescription(name.description()).withUnit(name.unit()).build();
    }

    private static Tag[] tags(Tags tags) {
        Tag[] result = new Tag[tags.size()];
        for (int i = 0; i < result.length; i++) {
            result[i] = new Tag(tags.key(i), tags.value(i));
        }
        return result;
    }
}
