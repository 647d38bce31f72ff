package io.backupscheduler.lib.archive;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Restores a backup point into a directory: the files its manifest lists (all, or a selection of files and
 * folders), each read from the archive of the point that holds its bytes, hashed and checked against the manifest,
 * with its modification time and mode. Archive segments are independent zstd streams, so they are read in
 * parallel, one thread each up to the parallelism asked for. Nothing is written outside the destination: an archive
 * entry or manifest path with {@code ..}, an absolute path, a drive, or a symbolic link in the destination that
 * leads elsewhere is refused.
 */
public final class Restorer {
    /** What a restore did: files written (including those kept beside existing ones), their bytes, files skipped. */
    public record Result(long files, long bytes, long skipped) {
    }

    /** A restore that stopped at a file: names it, and says how many files were restored before. */
    public static final class Failed extends IOException {
        private final long restoredBefore;

        Failed(String message, long restoredBefore, Throwable cause) {
            super(message, cause);
            this.restoredBefore = restoredBefore;
        }

        public long restoredBefore() {
            return restoredBefore;
        }
    }

    private Restorer() {
    }

    /** Restores every file into a new or empty destination, one segment at a time. */
    public static Result restore(Manifest manifest, Map<Long, List<Path>> archives, Path destination, RestoreSelection selection,
                                 ArchiveControl control) throws IOException {
        return restore(manifest, archives, destination, selection, null, control, RestoreListener.NONE, 1);
    }

    /**
     * @param archives    the archive segments of every point the manifest refers to, by point id
     * @param existing    what to do with a file already at the destination; null: there must be none
     * @param parallelism how many segments are read at once
     */
    public static Result restore(Manifest manifest, Map<Long, List<Path>> archives, Path destination, RestoreSelection selection,
                                 ExistingFiles existing, ArchiveControl control, RestoreListener listener, int parallelism)
            throws IOException {
        return restore(manifest, archives, Map.of(), destination, selection, existing, control, listener, parallelism);
    }

    /** @param sealings how each point's segments are sealed, by point id; a point not in it: not sealed */
    public static Result restore(Manifest manifest, Map<Long, List<Path>> archives, Map<Long, PointSealing> sealings, Path destination,
                                 RestoreSelection selection, ExistingFiles existing, ArchiveControl control, RestoreListener listener,
                                 int parallelism) throws IOException {
        Destination target = new Destination(destination, existing);
        Map<Long, Map<String, ManifestEntry>> byPoint = new TreeMap<>();
        for (ManifestEntry entry : manifest.files().values()) {
            if (selection.selects(entry.path())) {
                target.check(entry.path()); // refuse before writing anything
                byPoint.computeIfAbsent(entry.storedIn(), id -> new ConcurrentHashMap<>()).put(entry.path(), entry);
            }
        }
        List<SegmentTask> tasks = new ArrayList<>();
        for (Map.Entry<Long, Map<String, ManifestEntry>> point : byPoint.entrySet()) {
            List<Path> segments = archives.get(point.getKey());
            if (segments == null || segments.isEmpty()) {
                throw new Failed("the archive of backup point " + point.getKey() + " is not known", 0, null);
            }
            for (Path segment : segments) {
                if (!Files.isRegularFile(segment)) {
                    throw new Failed("the archive of backup point " + point.getKey() + " is missing (" + segment + ")", 0, null);
                }
                tasks.add(new SegmentTask(point.getKey(), segment, sealings.getOrDefault(point.getKey(), PointSealing.NONE), point.getValue()));
            }
        }
        Progress progress = new Progress(target, control, listener);
        runAll(tasks, progress, parallelism);
        for (Map.Entry<Long, Map<String, ManifestEntry>> point : byPoint.entrySet()) {
            if (!point.getValue().isEmpty()) {
                String example = point.getValue().keySet().iterator().next();
                throw new Failed(point.getValue().size() + " files are missing from the archive of backup point " + point.getKey()
                        + ", e.g. " + example, progress.files.get(), null);
            }
        }
        return new Result(progress.files.get(), progress.bytes.get(), progress.skipped.get());
    }

    private static void runAll(List<SegmentTask> tasks, Progress progress, int parallelism) throws IOException {
        List<SegmentPool.Task<Void>> work = new ArrayList<>();
        for (SegmentTask task : tasks) {
            work.add(() -> {
                task.run(progress);
                return null;
            });
        }
        SegmentPool.runAll(work, parallelism, "restore-segment", () -> progress.aborted.set(true));
    }

    /** What the segment threads share: where files go, how far the restore got, and whether one of them failed. */
    private static final class Progress {
        final Destination target;
        final ArchiveControl control;
        final RestoreListener listener;
        final AtomicLong files = new AtomicLong();
        final AtomicLong bytes = new AtomicLong();
        final AtomicLong skipped = new AtomicLong();
        final AtomicBoolean aborted = new AtomicBoolean();

        Progress(Destination target, ArchiveControl control, RestoreListener listener) {
            this.target = target;
            this.control = control;
            this.listener = listener;
        }
    }

    private record SegmentTask(long pointId, Path segment, PointSealing sealing, Map<String, ManifestEntry> wanted) {
        void run(Progress progress) throws IOException {
            byte[] buffer = new byte[TarZstd.BUFFER];
            String current = null;
            String previous = null;
            try (TarArchiveInputStream tar = TarZstd.reader(segment, sealing)) {
                TarArchiveEntry entry;
                while (!wanted.isEmpty() && !progress.aborted.get() && (entry = tar.getNextEntry()) != null) {
                    progress.control.checkpoint();
                    current = entry.getName();
                    progress.target.check(current);
                    ManifestEntry expected = entry.isFile() ? wanted.remove(current) : null;
                    if (expected != null) {
                        restoreOne(tar, expected, progress, buffer);
                    }
                    previous = current;
                    current = null;
                }
            } catch (com.github.luben.zstd.ZstdException | IllegalArgumentException | UncheckedIOException e) {
                throw new Failed("the archive of backup point " + pointId + " cannot be read (" + segment.getFileName() + ", "
                        + where(current, previous) + "): " + e.getMessage() + notRestored(current), progress.files.get(), e);
            } catch (Failed e) {
                throw e;
            } catch (IOException e) {
                throw new Failed((current == null ? "" : current + ": ") + e.getMessage() + " (archive " + segment.getFileName()
                        + " of backup point " + pointId + (current == null ? ", " + where(null, previous) : "") + ")"
                        + notRestored(current), progress.files.get(), e);
            }
        }

        /** Damage between files names no file itself: the files of the point still waiting are named instead. */
        private String notRestored(String current) {
            if (current != null || wanted.isEmpty()) {
                return "";
            }
            List<String> waiting = wanted.keySet().stream().sorted().limit(3).toList();
            return "; " + wanted.size() + " files of the point are not restored, e.g. " + String.join(", ", waiting);
        }

        /** The file being read, or (between files, in a damaged header) the last one read whole. */
        private static String where(String current, String previous) {
            return current != null ? "at " + current : previous != null ? "in the entry after " + previous : "at its first entry";
        }

        private static void restoreOne(TarArchiveInputStream tar, ManifestEntry expected, Progress progress, byte[] buffer)
                throws IOException {
            Destination.Placement placement = progress.target.place(expected.path());
            if (placement == null) {
                progress.skipped.incrementAndGet();
                progress.listener.restored(expected.path(), expected.size(), RestoreListener.Outcome.SKIPPED);
                return;
            }
            MessageDigest digest = TarZstd.sha256();
            boolean whole = false;
            try {
                try (OutputStream out = placement.open()) {
                    TarZstd.copy(tar, out, expected.size(), digest, progress.control, buffer);
                }
                String sha = TarZstd.hex(digest.digest());
                if (!sha.equals(expected.sha256())) {
                    throw new IOException("restored with SHA-256 " + sha + ", the manifest says " + expected.sha256()
                            + ": the archive is damaged");
                }
                placement.commit(expected);
                whole = true;
            } finally {
                if (!whole) {
                    placement.abandon();
                }
            }
            progress.files.incrementAndGet();
            progress.bytes.addAndGet(expected.size());
            progress.listener.restored(expected.path(), expected.size(), placement.outcome());
        }
    }

    static void applyMode(Path file, int mode) throws IOException {
        try {
            Files.setPosixFilePermissions(file, TarZstd.permissions(mode));
        } catch (UnsupportedOperationException e) {
            // a file system without POSIX modes keeps its defaults
        }
    }

    /** Where a stored path lands under the destination; refused when it would land anywhere else. */
    static Path target(Path root, String storedPath) throws IOException {
        if (storedPath.isEmpty() || storedPath.startsWith("/") || storedPath.startsWith("\\") || storedPath.contains("\0")
                || storedPath.matches("^[A-Za-z]:.*")) {
            throw new IOException("refused archive entry '" + storedPath + "': not a relative path");
        }
        for (String part : storedPath.split("[/\\\\]")) {
            if (part.equals("..")) {
                throw new IOException("refused archive entry '" + storedPath + "': it climbs out with '..'");
            }
        }
        Path file = root.resolve(storedPath).normalize();
        if (!file.startsWith(root) || file.equals(root)) {
            throw new IOException("refused archive entry '" + storedPath + "': it would land outside " + root);
        }
        return file;
    }
}
