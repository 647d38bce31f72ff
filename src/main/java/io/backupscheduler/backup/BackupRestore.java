package io.backupscheduler.backup;

import io.backupscheduler.audit.AuditLog;
import io.backupscheduler.lib.archive.ArchiveControl;
import io.backupscheduler.lib.archive.Manifest;
import io.backupscheduler.lib.archive.ProducedFiles;
import io.backupscheduler.lib.archive.Restorer;
import io.backupscheduler.errors.ConflictException;
import io.backupscheduler.errors.InvalidInputException;
import io.backupscheduler.job.AllowedPaths;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Restores a backup point (with the points it builds on) into a directory that is new or empty: restoring never
 * overwrites or mixes with existing files, and never writes outside the destination.
 */
@ApplicationScoped
public class BackupRestore {
    private static final Logger LOG = Logger.getLogger(BackupRestore.class.getName());

    @Inject
    BackupPoints points;

    @Inject
    AllowedPaths allowedPaths;

    @Inject
    AuditLog audit;

    public Restorer.Result restore(long pointId, String destination, String pathPrefix, String by) {
        if (destination == null || destination.isBlank()) {
            throw InvalidInputException.of("destination", "is required: an absolute path to a new or empty directory");
        }
        Path target = Path.of(destination.strip());
        if (!target.isAbsolute() || !target.normalize().equals(target)) {
            throw InvalidInputException.of("destination", "must be an absolute path without '.' or '..' parts");
        }
        allowedPaths.problem(target.toString(), AllowedPaths.Use.RESTORE).ifPresent(problem -> {
            throw InvalidInputException.of("destination", problem);
        });
        if (pathPrefix != null && (pathPrefix.startsWith("/") || List.of(pathPrefix.split("/")).contains(".."))) {
            throw InvalidInputException.of("pathPrefix", "must be a relative path inside the backup, e.g. photos/2026");
        }
        if (Files.exists(target) && (!Files.isDirectory(target) || !isEmpty(target))) {
            throw InvalidInputException.of("destination", destination + " exists and is not an empty directory");
        }
        List<BackupPoint> chain = points.chain(pointId);
        BackupPoint point = chain.get(0);
        for (BackupPoint link : chain) {
            if (!link.getStatus().usable()) {
                throw new ConflictException("status", "backup point " + link.getId() + " is " + link.getStatus() + "; it cannot be restored"
                        + (link == point ? "" : " (point " + pointId + " builds on it)"));
            }
        }
        Map<Long, List<Path>> archives = new HashMap<>();
        chain.forEach(link -> archives.put(link.getId(), link.archiveFiles()));
        try {
            Manifest manifest = Manifest.read(Path.of(point.getManifestPath()));
            Restorer.Result result = point.getKind() == BackupKind.COMMAND
                    ? ProducedFiles.restore(Path.of(point.getArchivePath()), manifest, target, pathPrefix, ArchiveControl.NONE)
                    : Restorer.restore(manifest, archives, target, pathPrefix, ArchiveControl.NONE);
            audit.record("backup.restore", "backup-point", pointId, "to " + target + (pathPrefix == null ? "" : ", only " + pathPrefix)
                    + ": " + result.files() + " files", null, null);
            LOG.info(() -> "backup point " + pointId + " restored to " + target + " by " + by + ": " + result.files() + " files, "
                    + result.bytes() + " bytes");
            return result;
        } catch (IOException e) {
            LOG.warning(() -> "restore of backup point " + pointId + " to " + target + " failed: " + e.getMessage());
            throw new ConflictException("restore", "restore of backup point " + pointId + " failed: " + e.getMessage());
        }
    }

    private static boolean isEmpty(Path directory) {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }
}
