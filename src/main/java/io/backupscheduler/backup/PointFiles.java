package io.backupscheduler.backup;

import io.backupscheduler.lib.archive.Manifest;
import io.backupscheduler.lib.archive.PointSealing;
import io.backupscheduler.secret.PointKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A point's files as the code reads and writes them: an encrypted point's key (made when the point begins, kept
 * beside its archive wrapped by the point keyset) and its manifest, opened with that key. Every reader of a point's
 * manifest or segments goes through here, so none needs to know whether the point is encrypted.
 */
@ApplicationScoped
public class PointFiles {
    @Inject
    PointKeys keys;

    @Inject
    BucketPoints bucketPoints;

    /** Makes the key of a point that is to be encrypted (no-op otherwise). */
    public void createKey(BackupPoint point) throws IOException {
        if (point.isEncrypted()) {
            keys.create(point.keyPath(), point.getId());
        }
    }

    /** How the point's files are sealed: its key, or none. A key that does not open is an IOException saying why. */
    public PointSealing sealing(BackupPoint point) throws IOException {
        cached(point);
        return point.isEncrypted() ? keys.open(point.keyPath(), point.getId()) : PointSealing.NONE;
    }

    /** As {@link #sealing(BackupPoint)}, with the point's wrapped key read from {@code keyPath} (a copy's, downloaded). */
    public PointSealing sealing(BackupPoint point, Path keyPath) throws IOException {
        return point.isEncrypted() ? keys.open(keyPath, point.getId()) : PointSealing.NONE;
    }

    public Manifest manifest(BackupPoint point) throws IOException {
        cached(point);
        return Manifest.read(Path.of(point.getManifestPath()), sealing(point));
    }

    /** A sealed point kept in its bucket has its manifest and key fetched back when the target directory lost them. */
    private void cached(BackupPoint point) throws IOException {
        if (point.isBucketOnly() && point.getStatus() != PointStatus.WRITING) {
            bucketPoints.cache(point);
        }
    }

    /** Removes the key with the point's other files (its segments are unreadable without it anyway). */
    public void deleteKey(BackupPoint point) throws IOException {
        if (point.isEncrypted()) {
            Files.deleteIfExists(point.keyPath());
        }
    }
}
