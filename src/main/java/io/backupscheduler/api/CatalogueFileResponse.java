package io.backupscheduler.api;

import io.backupscheduler.lib.archive.FileIndex;
import java.time.Instant;

/**
 * A file or directory inside a backup point: {@code type} FILE or DIRECTORY; a file has its size, modification
 * time, POSIX mode (octal, e.g. "644") and SHA-256; a directory the number of files below it.
 */
public record CatalogueFileResponse(String name, String path, String type, Long size, Instant modifiedAt, String mode,
                                    String sha256, Long files) {
    static CatalogueFileResponse of(FileIndex.Item item) {
        if (item.directory()) {
            return new CatalogueFileResponse(item.name(), item.path(), "DIRECTORY", null, null, null, null, item.files());
        }
        return new CatalogueFileResponse(item.name(), item.path(), "FILE", item.size(), item.modifiedAt(), item.octalMode(),
                item.sha256(), null);
    }
}
