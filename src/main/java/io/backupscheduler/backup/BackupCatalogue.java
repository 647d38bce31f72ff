package io.backupscheduler.backup;

import io.backupscheduler.errors.ConflictException;
import io.backupscheduler.errors.InvalidInputException;
import io.backupscheduler.errors.NoSuchEntityException;
import io.backupscheduler.lib.archive.FileIndex;
import io.backupscheduler.paging.Page;
import io.backupscheduler.paging.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What is inside backup points, without restoring them: one directory level of a point, a name search, the
 * versions of one file across a job's points, and what changed between two points. Each point's manifest (a restic
 * snapshot's {@code restic ls}) is read once into a {@link FileIndex} and kept while it is used, up to {@code backup.catalogue.cache-files} files in all.
 */
@ApplicationScoped
public class BackupCatalogue {
    private static final Logger LOG = Logger.getLogger(BackupCatalogue.class.getName());

    @Inject
    BackupPoints points;

    @Inject
    ResticSnapshots snapshots;

    @Inject
    PointFiles pointFiles;

    @Inject
    @ConfigProperty(name = "backup.catalogue.cache-files", defaultValue = "1000000")
    long cacheFiles;

    /** Indexes by point id, least recently used first. */
    private final LinkedHashMap<Long, FileIndex> cache = new LinkedHashMap<>(16, 0.75f, true);
    private long cachedFiles;

    /** One version of a file: the point that holds it and what the file was there. */
    public record Version(long pointId, BackupKind kind, Instant pointStartedAt, FileIndex.Item file) {
    }

    /** A page of a directory of a point ({@code query} null), or of the files under it whose name contains the query. */
    public Page<FileIndex.Item> files(long pointId, String path, String query, PageRequest page) {
        String directory = CataloguePaths.normalize("path", path);
        FileIndex index = index(points.get(pointId));
        if (!index.isDirectory(directory)) {
            throw new NoSuchEntityException("directory '" + directory + "' in backup point", pointId);
        }
        FileIndex.Listing listing = query == null || query.isBlank()
                ? index.list(directory, page.offset(), page.size())
                : index.search(directory, query.strip(), page.offset(), page.size());
        return new Page<>(listing.items(), listing.total(), page.page(), page.size(), true);
    }

    /** Every usable point of the job that holds this file, newest first. */
    public List<Version> versions(long jobId, String path) {
        String file = CataloguePaths.normalize("path", path);
        if (file.isEmpty()) {
            throw InvalidInputException.of("path", "is required: the path of a file in the job's backups, e.g. etc/nginx.conf");
        }
        List<Version> versions = new ArrayList<>();
        for (BackupPoint point : points.usable(jobId)) {
            index(point).file(file).ifPresent(item -> versions.add(new Version(point.getId(), point.getKind(), point.getStartedAt(), item)));
        }
        if (versions.isEmpty()) {
            throw new NoSuchEntityException("file '" + file + "' in the backups of job", jobId);
        }
        return versions;
    }

    /** What changed from point {@code againstId} to point {@code pointId}, both of one job; at most {@code limit} of each kind. */
    public FileIndex.Difference diff(long pointId, long againstId, int limit) {
        BackupPoint point = points.get(pointId);
        BackupPoint against = points.get(againstId);
        if (point.getJobId() != against.getJobId()) {
            throw InvalidInputException.of("against", "point " + againstId + " belongs to job " + against.getJobId()
                    + ", point " + pointId + " to job " + point.getJobId() + ": compare points of one job");
        }
        return index(point).since(index(against), limit);
    }

    /** Whether the point holds this path, as a file or as a folder; the root ("") always. */
    public boolean holds(long pointId, String path) {
        FileIndex index = index(points.get(pointId));
        return index.file(path).isPresent() || index.isDirectory(path);
    }

    /**
     * The point's index, read from its manifest on first use. A point removed or failed later is refused before its
     * index is looked at, so a stale index is never served; it only waits to be evicted.
     */
    private FileIndex index(BackupPoint point) {
        if (point.getStatus() != PointStatus.WRITTEN && point.getStatus() != PointStatus.VERIFIED) {
            throw new ConflictException("status", "backup point " + point.getId() + " is " + point.getStatus()
                    + ": only written or verified points can be browsed");
        }
        Optional<FileIndex> cached = cached(point.getId());
        if (cached.isPresent()) {
            return cached.get();
        }
        long started = System.nanoTime();
        FileIndex index;
        if (point.getKind() == BackupKind.RESTIC) {
            index = new FileIndex(snapshots.files(point)); // restic ls: a snapshot has no manifest of ours
        } else {
            try {
                index = new FileIndex(pointFiles.manifest(point).files().values());
            } catch (IOException | RuntimeException e) {
                throw new ConflictException("manifest", "the manifest of backup point " + point.getId() + " cannot be read: " + e.getMessage());
            }
        }
        LOG.fine(() -> "indexed backup point " + point.getId() + ": " + index.size() + " files in "
                + (System.nanoTime() - started) / 1_000_000 + " ms");
        keep(point.getId(), index);
        return index;
    }

    private synchronized Optional<FileIndex> cached(long pointId) {
        return Optional.ofNullable(cache.get(pointId));
    }

    /** Keeps the index, dropping the least recently used ones while the cache holds more files than allowed. */
    private synchronized void keep(long pointId, FileIndex index) {
        FileIndex previous = cache.put(pointId, index);
        cachedFiles += index.size() - (previous == null ? 0 : previous.size());
        Iterator<Map.Entry<Long, FileIndex>> eldest = cache.entrySet().iterator();
        while (cachedFiles > cacheFiles && cache.size() > 1 && eldest.hasNext()) {
            Map.Entry<Long, FileIndex> entry = eldest.next();
            if (entry.getKey() != pointId) {
                cachedFiles -= entry.getValue().size();
                eldest.remove();
            }
        }
    }
}
