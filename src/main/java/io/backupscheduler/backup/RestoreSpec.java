package io.backupscheduler.backup;

import io.backupscheduler.lib.archive.ExistingFiles;
import java.util.List;

/**
 * A restore as asked for: the paths of the point to restore (none: every file), the destination directory, and
 * what to do with files already there (null: the destination must be new or empty), and whether to read the point's
 * copy on its job's copy target rather than its own files (when those are lost, or the copy is nearer).
 */
public record RestoreSpec(List<String> paths, String destination, ExistingFiles existingFiles, boolean fromCopy) {
    public RestoreSpec {
        paths = paths == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(paths));
    }

    public RestoreSpec(List<String> paths, String destination, ExistingFiles existingFiles) {
        this(paths, destination, existingFiles, false);
    }
}
