package io.backupscheduler.job;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Free space where enabled jobs write: what the low-disk event, the target-disk health check and the low-disk alert
 * look at. A target that does not exist yet is judged by its nearest existing parent (it will be created there).
 */
@ApplicationScoped
public class TargetDisks {
    @PersistenceContext
    EntityManager em;

    /** One enabled job's target and the free space of the file store under it. */
    public record TargetSpace(long jobId, String jobName, String target, long freeMb, double freePercent) {
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<TargetSpace> enabledTargets() {
        List<Object[]> rows = em.createQuery("select j.id, j.name, j.targetPath from BackupJob j where j.enabled = true"
                + " order by j.id", Object[].class).getResultList();
        Map<Path, long[]> byStore = new HashMap<>();
        List<TargetSpace> spaces = new ArrayList<>();
        for (Object[] row : rows) {
            String target = (String) row[2];
            if (target == null || target.isBlank()) {
                continue; // a RESTIC job with a remote repository writes nothing to this host's disks
            }
            long[] space = space(Path.of(target), byStore);
            if (space != null) {
                spaces.add(new TargetSpace((Long) row[0], (String) row[1], target, space[0] / (1024 * 1024),
                        100.0 * space[0] / space[1]));
            }
        }
        return spaces;
    }

    /** Usable and total bytes of the file store holding the path, or null when nothing of it can be read. */
    private static long[] space(Path target, Map<Path, long[]> cache) {
        Path existing = target;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return null;
        }
        return cache.computeIfAbsent(existing, path -> {
            try {
                FileStore store = Files.getFileStore(path);
                long total = store.getTotalSpace();
                return total <= 0 ? null : new long[] {store.getUsableSpace(), total};
            } catch (IOException e) {
                return null;
            }
        });
    }
}
