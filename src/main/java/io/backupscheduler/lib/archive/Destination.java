package io.backupscheduler.lib.archive;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where a restored file lands and what happens to a file already there. Nothing lands outside the root: not by a
 * stored path with '..', and not through a symbolic link an existing tree holds (each parent directory is resolved
 * once and must stay under the root). Replacing goes through a temporary file and a rename, so a restore that
 * fails midway never leaves a half-written file where a whole one was.
 */
final class Destination {
    private final Path root;
    private final Path realRoot;
    private final ExistingFiles existing;
    private final Set<Path> checkedParents = ConcurrentHashMap.newKeySet();

    /** @param existing null when the destination was new or empty: a file found there is an error */
    Destination(Path root, ExistingFiles existing) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        Files.createDirectories(this.root);
        this.realRoot = this.root.toRealPath();
        this.existing = existing;
    }

    /** Refuses a stored path that would land outside before anything is written. */
    void check(String storedPath) throws IOException {
        Restorer.target(root, storedPath);
    }

    /** Where this file goes; null when an existing file stays and the restored copy is skipped. */
    Placement place(String storedPath) throws IOException {
        Path file = Restorer.target(root, storedPath);
        Path parent = file.getParent();
        if (!checkedParents.contains(parent)) {
            try {
                Files.createDirectories(parent);
            } catch (FileAlreadyExistsException e) {
                throw new IOException(storedPath + " cannot be restored: " + e.getFile() + " exists and is not a directory", e);
            }
            if (!parent.toRealPath().startsWith(realRoot)) {
                throw new IOException(storedPath + " cannot be restored: " + parent + " leads outside " + root
                        + " through a symbolic link");
            }
            checkedParents.add(parent);
        }
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return new Placement(file, file, RestoreListener.Outcome.WRITTEN, false);
        }
        if (existing == null) {
            throw new IOException(storedPath + " already exists at " + file + " (the destination was to be new or empty)");
        }
        return switch (existing) {
            case SKIP -> null;
            case OVERWRITE -> {
                if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
                    throw new IOException(storedPath + " cannot overwrite " + file + ": it is a directory");
                }
                yield new Placement(file.resolveSibling("." + file.getFileName() + ".restoring-" + Thread.currentThread().getId()),
                        file, RestoreListener.Outcome.WRITTEN, true);
            }
            case KEEP_BOTH -> new Placement(freeName(file), null, RestoreListener.Outcome.KEPT_BOTH, false);
        };
    }

    private static Path freeName(Path file) {
        Path candidate = file.resolveSibling(file.getFileName() + ".restored");
        for (int n = 2; Files.exists(candidate, LinkOption.NOFOLLOW_LINKS); n++) {
            candidate = file.resolveSibling(file.getFileName() + ".restored-" + n);
        }
        return candidate;
    }

    /** One file's way in: written to {@code writeTo}, then (when replacing) renamed over the existing file. */
    record Placement(Path writeTo, Path replaces, RestoreListener.Outcome outcome, boolean replacing) {
        OutputStream open() throws IOException {
            return Files.newOutputStream(writeTo, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        }

        void commit(ManifestEntry entry) throws IOException {
            Path file = writeTo;
            if (replacing) {
                Files.move(writeTo, replaces, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                file = replaces;
            }
            Files.setLastModifiedTime(file, FileTime.fromMillis(entry.modifiedMillis()));
            Restorer.applyMode(file, entry.mode());
        }

        /** The file was not restored whole: what was written of it goes (it was always a new file of ours). */
        void abandon() {
            try {
                Files.deleteIfExists(writeTo);
            } catch (IOException e) {
                // the restore's error says which file failed; a leftover of it is no worse than the failure
            }
        }
    }
}
