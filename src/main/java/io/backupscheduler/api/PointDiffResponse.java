package io.backupscheduler.api;

import io.backupscheduler.lib.archive.FileIndex;
import java.util.List;

/**
 * What changed from point {@code against} to point {@code point}: files added, changed (other size or content) and
 * deleted, each sorted by path and cut at {@code limit}; the totals count them all.
 */
public record PointDiffResponse(long point, long against, int limit, List<CatalogueFileResponse> added, long addedTotal,
                                List<CatalogueFileResponse> changed, long changedTotal, List<CatalogueFileResponse> deleted,
                                long deletedTotal) {
    static PointDiffResponse of(long point, long against, int limit, FileIndex.Difference d) {
        return new PointDiffResponse(point, against, limit, d.added().stream().map(CatalogueFileResponse::of).toList(), d.addedTotal(),
                d.changed().stream().map(CatalogueFileResponse::of).toList(), d.changedTotal(),
                d.deleted().stream().map(CatalogueFileResponse::of).toList(), d.deletedTotal());
    }
}
