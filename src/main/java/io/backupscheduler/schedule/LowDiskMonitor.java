package io.backupscheduler.schedule;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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

    @PersistenceContext
    EntityManager em;

    @Inject
    SystemEvents systemEvents;

    @Inject
    @ConfigProperty(name = "backup.events.low-disk-percent", defaultValue = "10")
    double lowDiskPercent;

    /** Targets below the threshold at the last look: an event is raised on the way down only. */
    private final Set<String> low = ConcurrentHashMap.newKeySet();

    public void check() {
        List<Object[]> targets = em.createQuery("select j.id, j.name, j.targetPath from BackupJob j where j.enabled = true",
                Object[].class).getResultList();
        Map<String, Double> freeByStore = new java.util.HashMap<>();
        for (Object[] row : targets) {
            long jobId = (Long) row[0];
            String target = (String) row[2];
            Double free = freePercent(Path.of(target), freeByStore);
            if (free == null) {
                continue;
            }
            String key = jobId + ":" + target;
            if (free < lowDiskPercent) {
                if (low.add(key)) {
                    LOG.warning(() -> String.format("low disk: %.1f%% free on the target %s of job '%s'", free, target, row[1]));
                    systemEvents.raise(SystemEvent.LOW_DISK, jobId, Json.createObjectBuilder().add("target", target)
                            .add("freePercent", Math.round(free * 10) / 10.0).build().toString());
                }
            } else {
                low.remove(key);
            }
        }
    }

    /** Free space in percent on the file store holding the path (or its nearest existing parent). */
    private static Double freePercent(Path target, Map<String, Double> cache) {
        Path existing = target;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return null;
        }
        try {
            FileStore store = Files.getFileStore(existing);
            return cache.computeIfAbsent(store.name() + "@" + existing.getRoot(), k -> {
                try {
                    long total = store.getTotalSpace();
                    return total <= 0 ? null : 100.0 * store.getUsableSpace() / total;
                } catch (IOException e) {
                    return null;
                }
            });
        } catch (IOException e) {
            return null;
        }
    }
}
