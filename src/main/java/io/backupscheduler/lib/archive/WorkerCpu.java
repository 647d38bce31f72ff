package io.backupscheduler.lib.archive;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.atomic.LongAdder;

/**
 * CPU time of the threads that work for one caller. In-JVM work has no process whose CPU could be sampled, so the
 * caller counts its own thread's time and opens an account that the helper threads it starts (the segment pool's,
 * which inherit it) add theirs to as each task ends.
 */
public final class WorkerCpu {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final InheritableThreadLocal<LongAdder> ACCOUNT = new InheritableThreadLocal<>();

    private WorkerCpu() {
    }

    /** CPU time the calling thread used so far, in nanoseconds; 0 where the JVM cannot tell. */
    public static long ofThisThread() {
        return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : 0;
    }

    /** Opens an account for the helpers the calling thread starts from now on; {@link #close()} ends it. */
    public static LongAdder open() {
        LongAdder account = new LongAdder();
        ACCOUNT.set(account);
        return account;
    }

    public static void close() {
        ACCOUNT.remove();
    }

    /** Adds what a helper's task used to the account its thread inherited, if any. */
    static <T> T counted(SegmentPool.Task<T> task) throws java.io.IOException {
        long start = ofThisThread();
        try {
            return task.run();
        } finally {
            LongAdder account = ACCOUNT.get();
            if (account != null) {
                account.add(ofThisThread() - start);
            }
        }
    }
}
