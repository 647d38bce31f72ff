package io.backupscheduler.lib.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

/** The CPU time of a segment pool's threads is added to the account of the thread that ran the pool. */
class WorkerCpuTest {
    /** Spins until this thread has used {@code millis} of CPU. */
    private static long burn(long millis) {
        long until = WorkerCpu.ofThisThread() + millis * 1_000_000;
        long spins = 0;
        while (WorkerCpu.ofThisThread() < until) {
            spins++;
        }
        return spins;
    }

    @Test
    void helpersAddTheirCpuToTheAccountOfTheThreadThatStartedThem() throws Exception {
        LongAdder account = WorkerCpu.open();
        try {
            List<SegmentPool.Task<Long>> tasks = List.of(() -> burn(60), () -> burn(60), () -> burn(60));
            SegmentPool.runAll(tasks, 3, "cpu-test", () -> { });
        } finally {
            WorkerCpu.close();
        }
        assertThat(account.sum()).as("nanoseconds of the three helpers' CPU").isBetween(170_000_000L, 2_000_000_000L);


        long before = account.sum();
        SegmentPool.runAll(List.<SegmentPool.Task<Long>>of(() -> burn(20), () -> burn(20)), 2, "cpu-test", () -> { });
        assertThat(account.sum()).as("helpers started once the account is closed count nowhere").isEqualTo(before);
    }
}
