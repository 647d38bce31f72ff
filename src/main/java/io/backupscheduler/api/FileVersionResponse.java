package io.backupscheduler.api;

import io.backupscheduler.backup.BackupCatalogue;
import io.backupscheduler.backup.BackupKind;
import java.time.Instant;

/** One version of a file: the point that holds it (id, kind, when it was taken) and the file as it was there. */
public record FileVersionResponse(long pointId, BackupKind pointKind, Instant pointStartedAt, String path, long size,
                                  Instant modifiedAt, String mode, String sha256) {
    static FileVersionResponse of(BackupCatalogue.Version version) {
        return new FileVersionResponse(version.pointId(), version.kind(), version.pointStartedAt(), version.file().path(),
                version.file().size(), version.file().modifiedAt(), version.file().octalMode(), version.file().sha256());
    }
}
