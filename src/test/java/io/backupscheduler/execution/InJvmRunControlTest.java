package io.backupscheduler.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backupscheduler.job.JobKind;
import io.backupscheduler.job.ResourceLimits;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** In-JVM work honours cancel and the time limit at its checkpoints, and its I/O rate through the throttle. */
class InJvmRunControlTest {
    /** A clock that only moves when the throttle sleeps. */
    private static final class FakeClock implements IoThrottle.NanoClock {
        long now;
        long slept;

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void sleepNanos(long nanos) {
            now += nanos;
            slept += nanos;
        }
    }

    private static ActiveRun run(ResourceLimits limits, Instant startedAt) {
        return new ActiveRun(1, 2, 3, "job", new RunWork(io.backupscheduler.queue.RunPurpose.BACKUP, JobKind.DIRECTORY, List.of(), List.of(0), List.of("/src"), List.of(), List.of(),
                "/dst", null, null, false), limits, Path.of("/tmp/run"), startedAt, null);
    }

    @Test
    void theThrottleLetsASecondsWorthThroughThenHoldsToTheRate() throws InterruptedException {
        FakeClock clock = new FakeClock();
        IoThrottle throttle = new IoThrottle(10_000_000, clock);
        throttle.acquire(10_000_000);
        assertThat(clock.slept).as("the first second's burst").isZero();
        for (int i = 0; i < 50; i++) {
            throttle.acquire(1_000_000);
        }
        // 60 MB at 10 MB/s take 6 s, of which one is the burst allowance
        assertThat(clock.slept / 1e9).isBetween(4.99, 5.01);
        assertThat(clock.now / 1e9).isBetween(4.99, 5.01);
    }

    @Test
    void noRateNoWait() throws InterruptedException {
        FakeClock clock = new FakeClock();
        IoThrottle throttle = new IoThrottle(0, clock);
        throttle.acquire(Long.MAX_VALUE / 2);
        assertThat(clock.slept).isZero();
        assertThat(throttle.limited()).isFalse();
    }

    @Test
    void anExplicitRateWinsOverThePriorities() {
        long[] byPriority = {0, 0, 0, 0, 0, 50, 20, 5};
        assertThat(IoThrottle.rateFor(2_000_000L, 7, byPriority)).isEqualTo(2_000_000);
        assertThat(IoThrottle.rateFor(null, 7, byPriority)).isEqualTo(5_000_000);
        assertThat(IoThrottle.rateFor(null, 2, byPriority)).isZero();
        assertThat(IoThrottle.rateFor(null, null, byPriority)).isZero();
    }

    @Test
    void aCancelledRunStopsAtItsNextCheckpoint() {
        ActiveRun run = run(new ResourceLimits(), Instant.now());
        RunControl control = new RunControl(run, new IoThrottle(0));
        control.checkpoint();
        run.cancel("alice", false);
        assertThatThrownBy(control::checkpoint).isInstanceOf(RunStopped.class).hasMessage("cancelled by alice");
        assertThat(run.timedOut()).isFalse();
    }

    @Test
    void aRunPastItsTimeLimitExpiresAtItsNextCheckpoint() {
        ActiveRun run = run(new ResourceLimits(null, null, 5, null), Instant.now().minusSeconds(6));
        RunControl control = new RunControl(run, new IoThrottle(0));
        assertThatThrownBy(() -> control.throttle(10)).isInstanceOf(RunStopped.class).hasMessage("ran past its time limit of 5 s");
        assertThat(run.timedOut()).isTrue();
        assertThat(run.cancelRequested()).isTrue();
    }
}
