package io.backupscheduler.lib.archive;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A segment file written on a thread of its own. zstd hands its compressed output back on the thread that feeds it,
 * which on two cores is a full backup's critical path (it also reads every file and frames the tar stream); the
 * write calls into the page cache took a third of that thread's time, about as much as reading the files. Here the
 * feeding thread only copies the output into one of a few large buffers; the file's thread writes them in order.
 * {@link #flush()} and {@link #close()} wait until everything handed over is written; a write that failed on the
 * file's thread fails the next call here.
 */
final class WriteBehindFile extends OutputStream {
    private static final int BUFFERS = 4;
    private static final int BUFFER_SIZE = 1024 * 1024;
    private static final ByteBuffer STOP = ByteBuffer.allocate(0); // told apart by identity

    private final BlockingQueue<ByteBuffer> free = new ArrayBlockingQueue<>(BUFFERS);
    private final BlockingQueue<ByteBuffer> filled = new ArrayBlockingQueue<>(BUFFERS + 1);
    private final FileChannel channel;
    private final HelperThread helper;
    private ByteBuffer current;
    private boolean closed;

    /** Creates (or truncates) {@code file}. */
    WriteBehindFile(Path file) throws IOException {
        channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        for (int i = 0; i < BUFFERS; i++) {
            // direct, so that the file's thread writes them without the copy the JDK makes of a heap buffer first
            free.add(ByteBuffer.allocateDirect(BUFFER_SIZE));
        }
        helper = new HelperThread("archive-segment-file", "the segment", this::writeAll, free, STOP);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int count) throws IOException {
        ensureOpen();
        while (count > 0) {
            if (current == null) {
                current = helper.take(free, STOP);
            }
            int n = Math.min(count, current.remaining());
            current.put(bytes, offset, n);
            offset += n;
            count -= n;
            if (!current.hasRemaining()) {
                handOver();
            }
        }
    }

    /** Waits until every byte written so far is in the file (the page cache; not forced). */
    @Override
    public void flush() throws IOException {
        ensureOpen();
        handOver();
        // every buffer back in the free queue means the file's thread has written them all
        ByteBuffer[] all = new ByteBuffer[BUFFERS];
        for (int i = 0; i < BUFFERS; i++) {
            all[i] = helper.take(free, STOP);
        }
        for (ByteBuffer buffer : all) {
            free.offer(buffer);
        }
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        try {
            if (!helper.failed()) {
                flush();
            }
        } finally {
            closed = true;
            helper.stop(filled, STOP);
            channel.close();
        }
        helper.failIfFailed();
    }

    private void writeAll() throws IOException {
        while (true) {
            ByteBuffer next;
            try {
                next = filled.take();
            } catch (InterruptedException e) {
                return;
            }
            if (next == STOP) {
                return;
            }
            next.flip();
            while (next.hasRemaining()) {
                channel.write(next);
            }
            next.clear();
            free.offer(next);
        }
    }

    private void handOver() throws IOException {
        if (current == null) {
            return;
        }
        if (current.position() == 0) { // taken but never written to: back to the free ones, for flush() to count
            free.offer(current);
            current = null;
            return;
        }
        ByteBuffer next = current;
        current = null;
        helper.put(filled, next);
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("the segment file is closed");
        }
    }
}
