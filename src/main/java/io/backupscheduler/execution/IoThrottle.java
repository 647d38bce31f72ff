package io.backupscheduler.execution;

/**
 * Holds in-JVM work to a byte rate: each {@link #acquire} books its bytes on a virtual clock advancing at the
 * rate, and waits when the booking runs more than a second's burst ahead of real time. Zero or negative: no limit.
 */
public final class IoThrottle {
    private static final long BURST_NANOS = 1_000_000_000L;

    private final long bytesPerSecond;
    private final NanoClock clock;
    private long bookedUntil;

    /** The time source and sleeper, replaceable in tests. */
    public interface NanoClock {
        long nanoTime();

        void sleepNanos(long nanos) throws InterruptedException;

        NanoClock SYSTEM = new NanoClock() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public void sleepNanos(long nanos) throws InterruptedException {
                Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
            }
        };
    }

    public IoThrottle(long bytesPerSecond) {
        this(bytesPerSecond, NanoClock.SYSTEM);
    }

    IoThrottle(long bytesPerSecond, NanoClock clock) {
        this.bytesPerSecond = bytesPerSecond;
        this.clock = clock;
        this.bookedUntil = clock.nanoTime();
    }

    public boolean limited() {
        return bytesPerSecond > 0;
    }

    public long bytesPerSecond() {
        return bytesPerSecond;
    }

    /** Waits, if needed, so that moving these bytes keeps the average at or under the rate. */
    public synchronized void acquire(long bytes) throws InterruptedException {
        if (bytesPerSecond <= 0 || bytes <= 0) {
            return;
        }
        long now = clock.nanoTime();
        bookedUntil = Math.max(bookedUntil, now) + (long) (bytes * 1e9 / bytesPerSecond);
        long ahead = bookedUntil - now - BURST_NANOS;
        if (ahead > 0) {
            clock.sleepNanos(ahead);
        }
    }

    /**
     * The rate for a run: its explicit bytes per second when set, otherwise what its I/O priority implies from
     * {@code megabytesPerSecondByPriority} (eight figures for priorities 0-7, 0 meaning no limit).
     */
    public static long rateFor(Long explicitBytesPerSecond, Integer ioPriority, long[] megabytesPerSecondByPriority) {
        if (explicitBytesPerSecond != null && explicitBytesPerSecond > 0) {
            return explicitBytesPerSecond;
        }
        if (ioPriority == null || ioPriority < 0 || ioPriority >= megabytesPerSecondByPriority.length) {
            return 0;
        }
        return megabytesPerSecondByPriority[ioPriority] * 1_000_000L;
    }
}
