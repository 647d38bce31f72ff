package io.backupscheduler.backup;

import io.backupscheduler.lib.archive.ArchiveControl;
import io.backupscheduler.lib.archive.ExistingFiles;
import io.backupscheduler.lib.archive.Manifest;
import io.backupscheduler.lib.archive.ManifestEntry;
import io.backupscheduler.lib.archive.PointSealing;
import io.backupscheduler.lib.archive.ProducedFiles;
import io.backupscheduler.lib.archive.RestoreListener;
import io.backupscheduler.lib.archive.RestoreSelection;
import io.backupscheduler.lib.archive.Restorer;
import io.backupscheduler.errors.ConflictException;
import io.backupscheduler.errors.NoSuchEntityException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The work of a queued restore or drill, as its run does it: the request is read back and checked again (the point
 * may have failed verification or been pruned since it was queued), then the files are restored with their hashes
 * checked, segments in parallel; a drill then reads back every file it restored and compares its hash once more.
 */
@ApplicationScoped
public class BackupRestore {
    @Inject
    RestorePlanning planning;

    @Inject
    ResticSnapshots snapshots;

    @Inject
    PointFiles pointFiles;

    @Inject
    PointCopies copies;

    @Inject
    @ConfigProperty(name = "backup.restore.parallelism", defaultValue = "0")
    int parallelism;

    /** A restore ready to run: what it restores from, where to, and the totals its progress runs to. */
    public final class Prepared {
        private final RestoreRequest request;
        private final BackupPoint point;
        private final Map<Long, List<Path>> archives;
        private final Map<Long, PointSealing> sealings;
        private final Manifest manifest;
        private final Path destination;

        private Prepared(RestoreRequest request, BackupPoint point, Map<Long, List<Path>> archives, Map<Long, PointSealing> sealings,
                         Manifest manifest, Path destination) {
            this.request = request;
            this.point = point;
            this.archives = archives;
            this.sealings = sealings;
            this.manifest = manifest;
            this.destination = destination;
        }

        public RestoreRequest request() {
            return request;
        }

        public BackupPoint point() {
            return point;
        }

        public Path destination() {
            return destination;
        }

        /** Files and bytes the restore will write: what progress runs to. */
        public long[] totals() {
            long bytes = 0;
            for (ManifestEntry entry : manifest.files().values()) {
                bytes += entry.size();
            }
            return new long[] {manifest.files().size(), bytes};
        }

        /** The files the restore writes, by path: what a restic restore selects and then checks. */
        public Map<String, ManifestEntry> files() {
            return manifest.files();
        }

        /** Restores a DIRECTORY or COMMAND point; a restic snapshot is restored by restic (the run's work, not this). */
        public Restorer.Result restore(ArchiveControl control, RestoreListener listener) throws IOException {
            if (point.getKind() == BackupKind.RESTIC) {
                throw new IllegalStateException("backup point " + point.getId() + " is a restic snapshot: restic restore writes it");
            }
            ExistingFiles existing = request.getExistingFiles();
            if (point.getKind() == BackupKind.COMMAND) {
                return ProducedFiles.restore(Path.of(point.getArchivePath()), manifest, destination, RestoreSelection.ALL, existing, control,
                        listener);
            }
            int threads = parallelism > 0 ? parallelism : Runtime.getRuntime().availableProcessors();
            return Restorer.restore(manifest, archives, sealings, destination, RestoreSelection.ALL, existing, control, listener, threads);
        }

        /** Reads back every restored file and compares its hash with the manifest: a drill's proof. Problems, if any. */
        public List<String> verifyRestored(ArchiveControl control) {
            return ProducedFiles.verify(destination, manifest, control);
        }
    }

    /**
     * @param drill   whether the run is a drill (whose request, when a schedule queued it, is made now)
     * @param scratch where a drill restores (its run's scratch directory); ignored for a restore
     * @param staging where a restore from copies downloads them (the caller deletes it after the run); unused otherwise
     */
    public Prepared prepare(long queueEntryId, long jobId, boolean drill, Path scratch, Path staging, long seed) throws IOException {
        RestoreRequest request;
        try {
            request = planning.request(queueEntryId, jobId, drill);
        } catch (ConflictException | NoSuchEntityException e) {
            throw new IOException(e.getMessage(), e);
        }
        List<BackupPoint> chain;
        try {
            chain = planning.usableChain(request.getPointId()); // it may have failed verification or gone since it was queued
        } catch (ConflictException | NoSuchEntityException e) {
            throw new IOException(e.getMessage() + " (now)", e);
        }
        BackupPoint point = chain.get(0);
        Map<Long, List<Path>> archives = new HashMap<>();
        Map<Long, PointSealing> sealings = new HashMap<>();
        // a copy (asked for) or a point kept in its bucket is downloaded and checked against its SHA-256 before the
        // first file is written; the rest is read where it is
        Manifest full = null;
        for (BackupPoint link : chain) {
            if (request.isFromCopy() || link.isBucketOnly()) {
                PointCopies.StagedPoint staged = copies.stage(link, staging);
                archives.put(link.getId(), staged.segments());
                sealings.put(link.getId(), pointFiles.sealing(link, staged.key()));
                if (link == point) {
                    full = Manifest.read(staged.manifest(), sealings.get(link.getId()));
                }
            } else {
                archives.put(link.getId(), link.archiveFiles());
                sealings.put(link.getId(), pointFiles.sealing(link)); // a key that does not open stops the restore before any file
            }
        }
        if (full == null) {
            full = point.getKind() == BackupKind.RESTIC ? snapshotManifest(point) : pointFiles.manifest(point);
        }
        RestoreSelection selection = RestoreSelection.of(request.getPaths());
        Map<String, ManifestEntry> chosen = new LinkedHashMap<>();
        full.files().forEach((path, entry) -> {
            if (selection.selects(path)) {
                chosen.put(path, entry);
            }
        });
        if (request.getSampleFiles() != null && request.getSampleFiles() < chosen.size()) {
            chosen.keySet().retainAll(new java.util.HashSet<>(sample(new ArrayList<>(chosen.keySet()), request.getSampleFiles(), seed)));
        }
        Path destination = request.isDrill() ? scratch : Path.of(request.getDestination());
        return new Prepared(request, point, archives, sealings, new Manifest(chosen, List.of()), destination);
    }

    /** A restic snapshot's files as a manifest (without hashes: restic checks its own content with restore --verify). */
    private Manifest snapshotManifest(BackupPoint point) throws IOException {
        Map<String, ManifestEntry> files = new LinkedHashMap<>();
        try {
            snapshots.files(point).forEach(entry -> files.put(entry.path(), entry));
        } catch (ConflictException e) {
            throw new IOException(e.getMessage(), e);
        }
        return new Manifest(files, List.of());
    }

    /** A different sample each drill (seeded by its run), so that over time every file is read. */
    private static List<String> sample(List<String> paths, int size, long seed) {
        Collections.shuffle(paths, new Random(seed));
        return paths.subList(0, size);
    }
}
