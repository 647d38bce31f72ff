package io.backupscheduler.lib.archive;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs one task per archive segment, up to a number at once: segments are independent zstd streams, so restore and
 * verify read them in parallel. The first failure is thrown as it was (a cancel from the run's control included)
 * once every task has ended; the others are told to stop through {@code onFailure}.
 */
final class SegmentPool {
    /** A segment's work; throws what reading the segment throws. */
    interface Task<T> {
        T run() throws IOException;
    }

    private SegmentPool() {
    }

    /** The tasks' results in the tasks' order. */
    static <T> List<T> runAll(List<Task<T>> tasks, int parallelism, String threadName, Runnable onFailure) throws IOException {
        int threads = Math.max(1, Math.min(parallelism, tasks.size()));
        List<T> results = new ArrayList<>(tasks.size());
        if (threads == 1) {
            for (Task<T> task : tasks) {
                results.add(task.run());
            }
            return results;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<T>> running = new ArrayList<>();
            for (Task<T> task : tasks) {
                running.add(pool.submit(() -> WorkerCpu.counted(task))); // the pool's threads inherit the caller's account
            }
            Throwable first = null;
            for (Future<T> future : running) {
                try {
                    results.add(future.get());
                } catch (ExecutionException e) {
                    onFailure.run(); // the others stop at their next file
                    first = first == null ? e.getCause() : first;
                } catch (InterruptedException e) {
                    onFailure.run();
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while reading the archive's segments", e);
                }
            }
            if (first instanceof IOException io) {
                throw io;
            }
            if (first instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (first != null) {
                throw new IOException(first);
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
