package io.backupscheduler.backup;

import io.backupscheduler.lib.archive.ExistingFiles;
import java.util.List;

/**
 * A restore as asked for: the paths of the point to restore (none: every file), the destination directory, and
 * what to do with files already there (null: the destination must be new or empty).
 */
public record RestoreSpec(List<String> paths, String destination, ExistingFiles existingFiles) {
    public RestoreSpec {
        paths = paths == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(paths));
    }
}
