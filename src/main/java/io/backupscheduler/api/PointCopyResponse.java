package io.backupscheduler.api;

import io.backupscheduler.backup.CopyStatus;
import io.backupscheduler.backup.PointCopy;
import java.time.Instant;

/** A point's copy as the API shows it: where (no credential), whether it is verified, how big, and why it failed. */
public record PointCopyResponse(String target, CopyStatus status, int objects, long bytes, Instant startedAt, Instant finishedAt,
                                Instant verifiedAt, String error) {
    static PointCopyResponse of(PointCopy copy) {
        return copy == null ? null : new PointCopyResponse(copy.getTarget(), copy.getStatus(), copy.getObjectCount(), copy.getBytes(),
                copy.getStartedAt(), copy.getFinishedAt(), copy.getVerifiedAt(), copy.getError());
    }
}
