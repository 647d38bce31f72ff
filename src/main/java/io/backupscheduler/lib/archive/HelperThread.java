package io.backupscheduler.lib.archive;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The thread that takes part of a point writer's work off the writer's own thread (the journal's hashing), and the
 * hand-overs between the two. What makes it more than a {@link Thread}: the failure it ends with fails the writer's
 * next call instead of leaving the writer waiting for buffers that never come back, and an interrupted wait on the
 * writer's side becomes an {@link InterruptedIOException} naming what was being written.
 */
final class HelperThread {
    /** The helper's loop; it returns when it takes its stop marker, and throws to fail the writer. */
    interface Loop {
        void run() throws IOException;
    }

    private final String what;
    private final Thread thread;
    private volatile Throwable failure;

    /**
     * Starts {@code loop} on a daemon thread named {@code name}. {@code what} names the thing written, for messages
     * ("the point's journal"). On failure, {@code free} is emptied and given {@code failed}, so that a writer waiting in
     * {@link #take} wakes and throws.
     */
    <T> HelperThread(String name, String what, Loop loop, BlockingQueue<T> free, T failed) {
        this.what = what;
        // created on the writer's thread, so it inherits the run's CPU account (WorkerCpu) and adds its time to it
        thread = new Thread(() -> {
            try {
                WorkerCpu.counted(() -> {
                    loop.run();
                    return null;
                });
            } catch (Throwable e) {
                failure = e;
                free.clear(); // nothing is handed back any more
                free.offer(failed);
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** The next of {@code free}, waiting for one; throws once the helper has failed. */
    <T> T take(BlockingQueue<T> free, T failed) throws IOException {
        failIfFailed();
        T next;
        try {
            next = free.take();
        } catch (InterruptedException e) {
            throw interrupted();
        }
        if (next == failed) { // the marker stays, for every later call to find
            free.offer(next);
            failIfFailed();
        }
        return next;
    }

    /** Hands {@code next} over, waiting for room; a queue that stays full belongs to a helper that failed. */
    <T> void put(BlockingQueue<T> queue, T next) throws IOException {
        failIfFailed();
        try {
            while (!queue.offer(next, 100, TimeUnit.MILLISECONDS)) {
                failIfFailed();
            }
        } catch (InterruptedException e) {
            throw interrupted();
        }
    }

    /** Waits until the helper counts {@code done} down, or fails. */
    void await(CountDownLatch done) throws IOException {
        try {
            while (!done.await(100, TimeUnit.MILLISECONDS)) {
                failIfFailed();
            }
        } catch (InterruptedException e) {
            throw interrupted();
        }
        failIfFailed();
    }

    /** Drops what the helper has not taken yet, hands it {@code stop} and waits for it to end. */
    <T> void stop(BlockingQueue<T> queue, T stop) {
        queue.clear(); // also makes room for the stop when the helper has failed and takes nothing any more
        queue.offer(stop);
        try {
            thread.join();
        } catch (InterruptedException e) {
            thread.interrupt();
            Thread.currentThread().interrupt();
        }
    }

    private void failIfFailed() throws IOException {
        Throwable failed = failure;
        if (failed instanceof IOException io) {
            throw new IOException(what + " could not be written: " + io.getMessage(), io);
        }
        if (failed != null) {
            throw new IOException(what + " could not be written", failed);
        }
    }

    private InterruptedIOException interrupted() {
        Thread.currentThread().interrupt();
        return new InterruptedIOException("interrupted while " + what + " was written");
    }
}
