package io.backupscheduler.schedule;

import io.backupscheduler.job.TargetDisks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Raises the {@code low-disk} system event (subject {@code low-disk:<job name>}) when the free space on a job's
 * target falls below the threshold: once when it falls, again only after it has recovered. Looked at by the
 * heartbeat, about once a minute.
 */
@ApplicationScoped
public class LowDiskMonitor {
    private static final Logger LOG = Logger.getLogger(LowDiskMonitor.class.getName());

    @Inject
    TargetDisks disks;

    @Inject
    SystemEvents systemEvents;

    @Inject
    @ConfigProperty(name = "backup.events.low-disk-percent", defaultValue = "10")
    double lowDiskPercent;

    /** Targets below the threshold at the last look: an event is raised on the way down only. */
    private final Set<String> low = ConcurrentHashMap.newKeySet();

    public void check() {
        for (TargetDisks.TargetSpace space : disks.enabledTargets()) {
            String key = space.jobId() + ":" + space.target();
            if (space.freePercent() < lowDiskPercent) {
                if (low.add(key)) {
                    LOG.warning(() -> String.format("low disk: %.1f%% free on the target %s of job %d '%s'", space.freePercent(),
                            space.target(), space.jobId(), space.jobName()));
                    systemEvents.raise(SystemEvent.LOW_DISK, space.jobId(), Json.createObjectBuilder().add("target", space.target())
                            .add("freePercent", Math.round(space.freePercent() * 10) / 10.0).build().toString());
                }
            } else {
                low.remove(key);
            }
        }
    }
}
