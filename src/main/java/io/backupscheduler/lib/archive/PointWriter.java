package io.backupscheduler.lib.archive;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a directory backup point so that it can stop and go on: files go into archive segments (tar.zst) and
 * their manifest lines into a journal. A checkpoint finishes the open segment, forces the journal to disk
 * and returns how far the point got; a writer resumed from that checkpoint drops whatever came after it (a
 * half-written segment, journal lines past the mark) and goes on with the next segment. Sealing turns the journal
 * into the point's manifest.
 *
 * <p>Segment 0 is the archive path itself ({@code point-12-full.tar.zst}), segment k the same name with
 * {@code .k} before {@code .tar.zst}, so a point written in one go looks as it always did.
 */
public final class PointWriter implements Closeable {
    /** How far a point got: the segments finished and the journal's length at that moment. */
    public record Checkpoint(int segments, long journalBytes) implements Serializable {
    }

    /** What a finished point holds. */
    public record Sealed(Manifest manifest, long filesStored, long bytesStored, long filesTotal, long bytesTotal,
                         long archiveBytes, int segments, List<String> changedWhileRead) {
    }

    private final Path archive;
    private final Path journal;
    private final long pointId;
    private final PointSealing sealing;
    private int segments;
    private Path openSegment;
    private TarWriter tar;
    private HashingJournal journalOut;

    private PointWriter(Path archive, long pointId, int segments, PointSealing sealing) {
        this.archive = archive;
        this.journal = journalOf(archive);
        this.pointId = pointId;
        this.segments = segments;
        this.sealing = sealing;
    }

    /** A new point: leftovers of an earlier attempt at the same point are removed. */
    public static PointWriter start(Path archive, long pointId) throws IOException {
        return start(archive, pointId, PointSealing.NONE);
    }

    /** A new point whose segments are sealed (encrypted) as they are written. */
    public static PointWriter start(Path archive, long pointId, PointSealing sealing) throws IOException {
        PointWriter writer = new PointWriter(archive, pointId, 0, sealing);
        writer.dropSegmentsFrom(0);
        Files.deleteIfExists(writer.journal);
        writer.openJournal();
        return writer;
    }

    /** Goes on with a point from a checkpoint: what was written after it is dropped. */
    public static PointWriter resume(Path archive, long pointId, Checkpoint checkpoint) throws IOException {
        return resume(archive, pointId, checkpoint, PointSealing.NONE);
    }

    /** As {@link #resume(Path, long, Checkpoint)}, sealing what it writes from here as the point's key says. */
    public static PointWriter resume(Path archive, long pointId, Checkpoint checkpoint, PointSealing sealing) throws IOException {
        return resume(archive, pointId, checkpoint, sealing, false);
    }

    /**
     * As {@link #resume(Path, long, Checkpoint, PointSealing)}; {@code segmentsShipped}: the finished segments were
     * moved elsewhere (uploaded to a bucket), so only the journal need be here.
     */
    public static PointWriter resume(Path archive, long pointId, Checkpoint checkpoint, PointSealing sealing, boolean segmentsShipped)
            throws IOException {
        PointWriter writer = new PointWriter(archive, pointId, checkpoint.segments(), sealing);
        for (int i = 0; i < checkpoint.segments() && !segmentsShipped; i++) {
            if (!Files.isRegularFile(segment(archive, i))) {
                throw new IOException("cannot resume backup point " + pointId + ": its segment " + segment(archive, i) + " is gone");
            }
        }
        writer.dropSegmentsFrom(checkpoint.segments());
        try (FileChannel channel = FileChannel.open(writer.journal, StandardOpenOption.WRITE)) {
            if (channel.size() < checkpoint.journalBytes()) {
                throw new IOException("cannot resume backup point " + pointId + ": its journal is shorter than at the checkpoint");
            }
            channel.truncate(checkpoint.journalBytes());
        }
        writer.openJournal();
        return writer;
    }

    /** The file holding segment {@code index} of the point whose first segment is {@code archive}. */
    public static Path segment(Path archive, int index) {
        if (index == 0) {
            return archive;
        }
        String name = archive.getFileName().toString();
        String base = name.endsWith(".tar.zst") ? name.substring(0, name.length() - ".tar.zst".length()) : name;
        return archive.resolveSibling(base + "." + index + ".tar.zst");
    }

    /** Every segment of a point written in {@code count} segments. */
    public static List<Path> segments(Path archive, int count) {
        List<Path> paths = new ArrayList<>();
        for (int i = 0; i < Math.max(1, count); i++) {
            paths.add(segment(archive, i));
        }
        return paths;
    }

    /** How many finished segments of the point are on disk (consecutive from 0). */
    public static int countSegments(Path archive) {
        int count = 0;
        while (Files.isRegularFile(segment(archive, count))) {
            count++;
        }
        return count;
    }

    /** Removes everything of a point that will not be finished: segments, a half-written one, the journal. */
    public static void discard(Path archive) throws IOException {
        new PointWriter(archive, 0, 0, PointSealing.NONE).dropSegmentsFrom(0);
        Files.deleteIfExists(journalOf(archive));
    }

    public static Path journalOf(Path archive) {
        return archive.resolveSibling(archive.getFileName() + ".journal");
    }

    /** A file that did not change since the point before: its bytes stay where they are. */
    public void unchanged(ManifestEntry entry) throws IOException {
        journalOut.unchanged(entry);
    }

    /**
     * Streams a file into the open segment; its hash and manifest line follow on the journal's thread. Notes it when
     * it changed while it was read.
     */
    public void store(Path file, String path, BasicFileAttributes attributes, ArchiveControl control) throws IOException {
        if (tar == null) {
            openSegment = segment(archive, segments);
            tar = TarZstd.writer(partOf(openSegment), sealing, openSegment.getFileName().toString());
        }
        long size = attributes.size();
        long mtime = attributes.lastModifiedTime().toMillis();
        int mode = TarZstd.mode(file, attributes);
        tar.startFile(path, size, mtime, mode);
        MessageDigest digest = TarZstd.sha256();
        long read;
        try (InputStream in = Files.newInputStream(file)) {
            read = copy(in, size, digest, control);
            if (in.read() >= 0) {
                read = -1; // it grew while we read
            }
        }
        tar.endFile();
        BasicFileAttributes after = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        boolean changed = read != size || after.size() != size || after.lastModifiedTime().toMillis() != mtime;
        journalOut.stored(digest, path, size, mtime, mode, pointId, changed);
    }

    /** As {@link TarZstd#copy}, each buffer handed to the journal's thread to hash as it goes into the segment. */
    private long copy(InputStream in, long size, MessageDigest digest, ArchiveControl control) throws IOException {
        long done = 0;
        long fromInput = 0;
        boolean ended = false;
        while (done < size) {
            byte[] buffer = journalOut.buffer();
            int want = (int) Math.min(buffer.length, size - done);
            int n;
            try {
                control.beforeBytes(want);
                n = ended ? -1 : in.read(buffer, 0, want);
            } catch (IOException | RuntimeException e) {
                journalOut.giveBack(buffer);
                throw e;
            }
            if (n < 0) {
                ended = true; // it shrank while we read: zeros make up the size the header promised
                java.util.Arrays.fill(buffer, 0, want, (byte) 0);
                n = want;
            } else {
                fromInput += n;
            }
            journalOut.hash(digest, buffer, n);
            tar.write(buffer, 0, n);
            done += n;
        }
        return fromInput;
    }

    /** Finishes the open segment and forces the journal to disk; what is written so far survives a process crash. */
    public Checkpoint checkpoint() throws IOException {
        if (tar != null) {
            tar.finish();
            tar.close();
            tar = null;
            // Not forced: a checkpoint survives a process crash or a node stop (the page cache has it), and after a
            // power loss a damaged segment fails the read-back in verify, whose next attempt starts afresh. Forcing
            // every segment cost a 2 GiB backup 35% of its time here; the small journal is forced.
            Files.move(partOf(openSegment), openSegment, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            segments++;
        }
        journalOut.drain();
        force(journal);
        return new Checkpoint(segments, Files.size(journal));
    }

    public int segmentCount() {
        return segments;
    }

    /** Stops without a checkpoint: the open segment is dropped, the journal kept for a resume. */
    @Override
    public void close() throws IOException {
        try {
            if (tar != null) {
                try {
                    tar.close();
                } catch (IOException e) {
                    // it is dropped anyway
                }
                Files.deleteIfExists(partOf(openSegment));
                tar = null;
            }
        } finally {
            if (journalOut != null) {
                journalOut.close();
                journalOut = null;
            }
        }
    }

    /**
     * Turns the journal of a point written to the end into its manifest (written atomically at {@code manifestPath}):
     * every file present now, each pointing at the point that holds its bytes, and what was deleted since
     * {@code previous}. The journal is removed.
     */
    public static Sealed seal(Path archive, long pointId, int segmentCount, Manifest previous, Path manifestPath) throws IOException {
        return seal(archive, pointId, segmentCount, previous, manifestPath, PointSealing.NONE);
    }

    /** As {@link #seal(Path, long, int, Manifest, Path)}, the manifest (and an empty archive) sealed as the segments are. */
    public static Sealed seal(Path archive, long pointId, int segmentCount, Manifest previous, Path manifestPath, PointSealing sealing)
            throws IOException {
        return seal(archive, pointId, segmentCount, previous, manifestPath, sealing, 0);
    }

    /**
     * As {@link #seal(Path, long, int, Manifest, Path, PointSealing)} for a point whose finished segments were moved
     * elsewhere as they were finished: {@code shippedBytes} is their size, added to that of the segments still here.
     */
    public static Sealed seal(Path archive, long pointId, int segmentCount, Manifest previous, Path manifestPath, PointSealing sealing,
                              long shippedBytes) throws IOException {
        Path journal = journalOf(archive);
        Map<String, ManifestEntry> now = new LinkedHashMap<>();
        List<String> changed = new ArrayList<>();
        Manifest.readLines(journal, now, changed);
        long[] stored = new long[2];
        long bytesTotal = 0;
        for (ManifestEntry entry : now.values()) {
            bytesTotal += entry.size();
            if (entry.storedIn() == pointId) {
                stored[0]++;
                stored[1] += entry.size();
            }
        }
        List<String> deleted = new ArrayList<>();
        for (String path : previous.files().keySet()) {
            if (!now.containsKey(path)) {
                deleted.add(path);
            }
        }
        Manifest manifest = new Manifest(now, deleted);
        manifest.write(manifestPath, sealing);
        long archiveBytes = shippedBytes;
        int segmentsOnDisk = segmentCount;
        if (segmentCount == 0) {
            TarZstd.writer(archive, sealing, archive.getFileName().toString()).close(); // nothing changed: an empty archive, so that every point has one
            segmentsOnDisk = 1;
        }
        for (Path segment : segments(archive, segmentsOnDisk)) {
            if (shippedBytes == 0 || Files.isRegularFile(segment)) {
                archiveBytes += Files.size(segment);
            }
        }
        Files.deleteIfExists(journal);
        return new Sealed(manifest, stored[0], stored[1], now.size(), bytesTotal, archiveBytes, segmentsOnDisk, changed);
    }

    private void openJournal() throws IOException {
        journalOut = new HashingJournal(journal, TarZstd.BUFFER);
    }

    private void dropSegmentsFrom(int first) throws IOException {
        for (int i = first; ; i++) {
            Path segment = segment(archive, i);
            boolean any = Files.deleteIfExists(partOf(segment)) | Files.deleteIfExists(segment);
            if (!any && i > first) {
                return;
            }
        }
    }

    private static Path partOf(Path segment) {
        return segment.resolveSibling(segment.getFileName() + ".part");
    }

    private static void force(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }
}
