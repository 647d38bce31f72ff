package io.backupscheduler.lib.archive;

import java.util.ArrayList;
import java.util.List;

/**
 * Which files of a point a restore takes: every file, or those that are one of the given paths or lie under one
 * of them (a folder). Paths are relative to the point, with '/', as the catalogue shows them.
 */
public final class RestoreSelection {
    public static final RestoreSelection ALL = new RestoreSelection(List.of());

    private final List<String> paths;

    private RestoreSelection(List<String> paths) {
        this.paths = List.copyOf(paths);
    }

    /** The selection of these paths (blank and duplicate ones dropped, trailing '/' ignored); none selects all. */
    public static RestoreSelection of(List<String> paths) {
        List<String> clean = new ArrayList<>();
        for (String path : paths == null ? List.<String>of() : paths) {
            String stripped = path == null ? "" : path.strip();
            while (stripped.endsWith("/")) {
                stripped = stripped.substring(0, stripped.length() - 1);
            }
            if (!stripped.isEmpty() && !clean.contains(stripped)) {
                clean.add(stripped);
            }
        }
        return new RestoreSelection(clean);
    }

    public List<String> paths() {
        return paths;
    }

    public boolean all() {
        return paths.isEmpty();
    }

    public boolean selects(String path) {
        if (paths.isEmpty()) {
            return true;
        }
        for (String selected : paths) {
            if (path.equals(selected) || path.startsWith(selected) && path.length() > selected.length()
                    && path.charAt(selected.length()) == '/') {
                return true;
            }
        }
        return false;
    }

    /** The selected paths no file of the manifest matches: what a request named that the point does not hold. */
    public List<String> unmatched(Manifest manifest) {
        List<String> missing = new ArrayList<>();
        for (String selected : paths) {
            RestoreSelection one = new RestoreSelection(List.of(selected));
            if (manifest.files().keySet().stream().noneMatch(one::selects)) {
                missing.add(selected);
            }
        }
        return missing;
    }

    /** How many files and bytes of the manifest the selection takes: the totals a restore's progress runs to. */
    public long[] totals(Manifest manifest) {
        long files = 0;
        long bytes = 0;
        for (ManifestEntry entry : manifest.files().values()) {
            if (selects(entry.path())) {
                files++;
                bytes += entry.size();
            }
        }
        return new long[] {files, bytes};
    }

    @Override
    public String toString() {
        return paths.isEmpty() ? "every file" : String.join(", ", paths);
    }
}
