package io.backupscheduler.lib.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The backup point of a COMMAND job: the files the command wrote under its target. A snapshot of the target before
 * the run (path, size, modification time) tells which files are new or changed afterwards, which catches tools
 * that keep the source's modification times (rsync -t, cp -p). Those files are hashed into a manifest whose
 * paths are relative to the target; verify reads them back against it and restore copies them out. The
 * scheduler's own archives and manifests in the target are never taken for output.
 */
public final class ProducedFiles {
    private static final Pattern OWN_FILES = Pattern.compile("point-\\d+-(full|incremental|command)\\.(tar\\.zst|manifest)(\\.part)?");

    /** What a finished command left: the manifest of its files, and those that changed while they were hashed. */
    public record Result(Manifest manifest, long files, long bytes, List<String> changedWhileRead) {
    }

    /** Size and modification time of every file under a target, by path relative to it. */
    public static final class Snapshot {
        private final Map<String, Long> fingerprints;

        private Snapshot(Map<String, Long> fingerprints) {
            this.fingerprints = fingerprints;
        }

        boolean unchanged(String path, BasicFileAttributes attributes) {
            Long before = fingerprints.get(path);
            return before != null && before == fingerprint(attributes);
        }

        public int size() {
            return fingerprints.size();
        }
    }

    private ProducedFiles() {
    }

    public static Snapshot snapshot(Path target, ArchiveControl control) throws IOException {
        Map<String, Long> fingerprints = new HashMap<>();
        walk(target, control, (path, attributes) -> fingerprints.put(path, fingerprint(attributes)));
        return new Snapshot(fingerprints);
    }

    /**
     * The files under the target that are new or changed since the snapshot, relative to it and in path order; empty
     * when the command wrote nothing there, so that no point need be begun for it.
     */
    public static List<String> changedSince(Path target, Snapshot before, ArchiveControl control) throws IOException {
        List<String> produced = new ArrayList<>();
        walk(target, control, (path, attributes) -> {
            if (!before.unchanged(path, attributes)) {
                produced.add(path);
            }
        });
        produced.sort(null);
        return produced;
    }

    /**
     * Hashes the files a command produced (as {@link #changedSince} listed them) into the point's manifest.
     *
     * @param pointId the point the manifest entries belong to
     */
    public static Result record(Path target, List<String> produced, long pointId, ArchiveControl control) throws IOException {
        Map<String, ManifestEntry> entries = new LinkedHashMap<>();
        List<String> changed = new ArrayList<>();
        long bytes = 0;
        byte[] buffer = new byte[TarZstd.BUFFER];
        for (String path : produced) {
            control.checkpoint();
            Path file = target.resolve(path);
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            MessageDigest digest = TarZstd.sha256();
            long read = hash(file, digest, control, buffer);
            BasicFileAttributes after = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (read != attributes.size() || fingerprint(after) != fingerprint(attributes)) {
                changed.add(path); // still being written by something the command left behind
            }
            entries.put(path, new ManifestEntry(path, read, after.lastModifiedTime().toMillis(), TarZstd.mode(file),
                    TarZstd.hex(digest.digest()), pointId));
            bytes += read;
        }
        return new Result(new Manifest(entries, List.of()), entries.size(), bytes, changed);
    }

    /** The problems found reading the point's files back, empty when each still has its size and SHA-256. */
    public static List<String> verify(Path directory, Manifest manifest, ArchiveControl control) {
        List<String> problems = new ArrayList<>();
        byte[] buffer = new byte[TarZstd.BUFFER];
        for (ManifestEntry entry : manifest.files().values()) {
            control.checkpoint();
            MessageDigest digest = TarZstd.sha256();
            try {
                long size = hash(Restorer.target(directory, entry.path()), digest, control, buffer);
                String sha = TarZstd.hex(digest.digest());
                if (size != entry.size() || !sha.equals(entry.sha256())) {
                    problems.add(entry.path() + ": " + size + " bytes with SHA-256 " + sha + ", the manifest says " + entry.size()
                            + " bytes with " + entry.sha256());
                }
            } catch (NoSuchFileException e) {
                problems.add(entry.path() + ": in the manifest but gone from " + directory);
            } catch (IOException e) {
                problems.add(entry.path() + ": cannot be read: " + e.getMessage());
            }
        }
        return problems;
    }

    /**
     * Copies the selected files of the point into the destination, checking each hash; {@code existing} as for
     * {@link Restorer#restore(Manifest, java.util.Map, Path, RestoreSelection, ExistingFiles, ArchiveControl, RestoreListener, int)}.
     */
    public static Restorer.Result restore(Path directory, Manifest manifest, Path destination, RestoreSelection selection,
                                          ExistingFiles existing, ArchiveControl control, RestoreListener listener) throws IOException {
        Destination target = new Destination(destination, existing);
        List<ManifestEntry> wanted = new ArrayList<>();
        for (ManifestEntry entry : manifest.files().values()) {
            if (selection.selects(entry.path())) {
                target.check(entry.path()); // refuse before writing anything
                wanted.add(entry);
            }
        }
        long files = 0;
        long bytes = 0;
        long skipped = 0;
        byte[] buffer = new byte[TarZstd.BUFFER];
        for (ManifestEntry entry : wanted) {
            control.checkpoint();
            try {
                Destination.Placement placement = target.place(entry.path());
                if (placement == null) {
                    skipped++;
                    listener.restored(entry.path(), entry.size(), RestoreListener.Outcome.SKIPPED);
                    continue;
                }
                copyOne(directory, entry, placement, control, buffer);
                files++;
                bytes += entry.size();
                listener.restored(entry.path(), entry.size(), placement.outcome());
            } catch (IOException e) {
                throw new Restorer.Failed(entry.path() + ": " + e.getMessage(), files, e);
            }
        }
        return new Restorer.Result(files, bytes, skipped);
    }

    private static void copyOne(Path directory, ManifestEntry entry, Destination.Placement placement, ArchiveControl control,
                                byte[] buffer) throws IOException {
        boolean whole = false;
        try {
            MessageDigest digest = TarZstd.sha256();
            try (InputStream in = Files.newInputStream(Restorer.target(directory, entry.path()));
                 OutputStream out = placement.open()) {
                long copied = TarZstd.copy(in, out, entry.size(), digest, control, buffer);
                if (copied != entry.size() || in.read() >= 0) {
                    throw new IOException("is no longer " + entry.size() + " bytes long in " + directory);
                }
            } catch (NoSuchFileException e) {
                throw new IOException("is gone from " + directory, e);
            }
            String sha = TarZstd.hex(digest.digest());
            if (!sha.equals(entry.sha256())) {
                throw new IOException("copied with SHA-256 " + sha + ", the manifest says " + entry.sha256()
                        + ": the file changed since the point was made");
            }
            placement.commit(entry);
            whole = true;
        } finally {
            if (!whole) {
                placement.abandon();
            }
        }
    }

    /** Removes the point's files from its directory, except those in {@code keep}; a file already gone is fine. */
    public static void delete(Path directory, Manifest manifest, java.util.Set<Path> keep) throws IOException {
        for (ManifestEntry entry : manifest.files().values()) {
            Path file = Restorer.target(directory, entry.path());
            if (!keep.contains(file)) {
                Files.deleteIfExists(file);
            }
        }
    }

    private interface FileSink {
        void accept(String path, BasicFileAttributes attributes);
    }

    private static void walk(Path target, ArchiveControl control, FileSink sink) throws IOException {
        Files.walkFileTree(target, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                control.checkpoint();
                if (attributes.isRegularFile() && !OWN_FILES.matcher(file.getFileName().toString()).matches()) {
                    sink.accept(relative(target, file), attributes);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                throw new IOException("cannot read " + file + ": " + e.getMessage(), e);
            }
        });
    }

    private static long hash(Path file, MessageDigest digest, ArchiveControl control, byte[] buffer) throws IOException {
        long size = 0;
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                control.beforeBytes(n);
                digest.update(buffer, 0, n);
                size += n;
            }
        }
        return size;
    }

    private static long fingerprint(BasicFileAttributes attributes) {
        return attributes.lastModifiedTime().toMillis() * 1_000_003L ^ attributes.size();
    }

    static String relative(Path root, Path file) {
        StringBuilder path = new StringBuilder();
        for (Path part : root.relativize(file)) {
            if (path.length() > 0) {
                path.append('/');
            }
            path.append(part);
        }
        return path.toString();
    }
}
