package io.backupscheduler.lib.archive;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;

/**
 * A point's journal as {@link PointWriter} fills it: hashes the bytes of every stored file and appends the manifest
 * lines, on a thread of its own, in the order the writer handed them over. The writer's thread reads, frames and
 * feeds the compressor; on two cores it is a full backup's critical path, and SHA-256 of every byte (1.3 s of a core
 * per 2 GiB) no longer runs in it. The writer reads into buffers it takes from here, and each goes back once hashed;
 * {@link #drain()} waits until everything handed over is written to the journal.
 */
final class HashingJournal implements Closeable {
    private static final int BUFFERS = 32;
    private static final int PENDING_CHARS = 64 * 1024;
    private static final byte[] FAILED = new byte[0]; // told apart by identity

    private sealed interface Work {
    }

    private record Bytes(MessageDigest digest, byte[] buffer, int length) implements Work {
    }

    private record Stored(MessageDigest digest, String path, long size, long modifiedMillis, int mode, long pointId,
                          boolean changedWhileRead) implements Work {
    }

    private record Line(String text) implements Work {
    }

    private record Drained(CountDownLatch done) implements Work {
    }

    private record Stop() implements Work {
    }

    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(BUFFERS);
    private final BlockingQueue<Work> work = new ArrayBlockingQueue<>(4 * BUFFERS);
    private final BufferedWriter out;
    private final HelperThread helper;
    // lines of unchanged files, handed over together: one hand-over each would cost an incremental point a thread
    // wake-up per file
    private final StringBuilder pending = new StringBuilder();

    /** Appends to {@code journal}; the writer's buffers are {@code bufferSize} bytes each. */
    HashingJournal(Path journal, int bufferSize) throws IOException {
        out = Files.newBufferedWriter(journal, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        for (int i = 0; i < BUFFERS; i++) {
            free.add(new byte[bufferSize]);
        }
        helper = new HelperThread("archive-journal", "the point's journal", this::work, free, FAILED);
    }

    /** A buffer to read the next bytes of a file into; waits while all are being hashed. */
    byte[] buffer() throws IOException {
        return helper.take(free, FAILED);
    }

    /** The bytes read into {@code buffer} belong to the file that {@code digest} hashes; the buffer is read-only now. */
    void hash(MessageDigest digest, byte[] buffer, int length) throws IOException {
        put(new Bytes(digest, buffer, length));
    }

    /** A buffer taken but not handed over with bytes (the file ended): it goes back. */
    void giveBack(byte[] buffer) {
        free.offer(buffer);
    }

    /** The file whose bytes {@code digest} has seen is stored: its manifest line follows its bytes' hash. */
    void stored(MessageDigest digest, String path, long size, long modifiedMillis, int mode, long pointId,
                boolean changedWhileRead) throws IOException {
        handOverPending();
        put(new Stored(digest, path, size, modifiedMillis, mode, pointId, changedWhileRead));
    }

    /** A file that did not change since the point before. */
    void unchanged(ManifestEntry entry) throws IOException {
        pending.append(Manifest.line(entry));
        if (pending.length() >= PENDING_CHARS) {
            handOverPending();
        }
    }

    /** Waits until every line handed over so far is written out to the journal file (not forced). */
    void drain() throws IOException {
        handOverPending();
        CountDownLatch done = new CountDownLatch(1);
        put(new Drained(done));
        helper.await(done);
    }

    /** Stops the thread; lines not drained may or may not be in the journal (a resume cuts it at its checkpoint). */
    @Override
    public void close() throws IOException {
        try {
            helper.stop(work, new Stop());
        } finally {
            try {
                out.close();
            } catch (IOException e) {
                // what it failed to write out was never drained: a resume cuts the journal at its last checkpoint anyway
            }
        }
    }

    private void work() throws IOException {
        while (true) {
            Work next;
            try {
                next = work.take();
            } catch (InterruptedException e) {
                return; // closed while it waited
            }
            if (next instanceof Bytes bytes) {
                bytes.digest().update(bytes.buffer(), 0, bytes.length());
                free.offer(bytes.buffer());
            } else if (next instanceof Stored file) {
                ManifestEntry entry = new ManifestEntry(file.path(), file.size(), file.modifiedMillis(), file.mode(),
                        TarZstd.hex(file.digest().digest()), file.pointId());
                out.write(Manifest.line(entry));
                if (file.changedWhileRead()) {
                    out.write(Manifest.changedLine(file.path()));
                }
            } else if (next instanceof Line line) {
                out.write(line.text());
            } else if (next instanceof Drained drained) {
                out.flush();
                drained.done().countDown();
            } else {
                return;
            }
        }
    }

    private void handOverPending() throws IOException {
        if (!pending.isEmpty()) {
            put(new Line(pending.toString()));
            pending.setLength(0);
        }
    }

    private void put(Work next) throws IOException {
        helper.put(work, next);
    }
}
