package io.backupscheduler.observability;

import jakarta.enterprise.inject.Instance;
import java.util.logging.Logger;

/**
 * Picks the metrics registry this server offers. beans.xml keeps only the bridges whose API the server has
 * (WildFly has no MicroProfile Metrics, Liberty and Payara no Micrometer); MicroProfile Metrics wins where both are.
 */
final class MeterRegistries {
    private static final Logger LOG = Logger.getLogger(MeterRegistries.class.getName());

    private MeterRegistries() {
    }

    static MeterRegistryBridge pick(Instance<MeterRegistryBridge> available) {
        MeterRegistryBridge chosen = null;
        for (MeterRegistryBridge bridge : available) {
            if (chosen == null || bridge.preference() > chosen.preference()) {
                chosen = bridge;
            }
        }
        if (chosen == null) {
            LOG.warning("this server offers neither MicroProfile Metrics nor Micrometer: metrics are not published");
            return new UnpublishedMeters();
        }
        String registry = chosen.describe();
        LOG.info(() -> "metrics are published through " + registry);
        return chosen;
    }
}
