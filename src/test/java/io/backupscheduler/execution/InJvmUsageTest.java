package io.backupscheduler.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.backupscheduler.job.JobKind;
import io.backupscheduler.job.ResourceLimits;
import io.backupscheduler.queue.RunPurpose;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A run whose work runs in the server reports the CPU time its threads spent, as a share of one core. */
class InJvmUsageTest {
    @Test
    void theCpuOfTheServersThreadsIsTheRunsUsage() throws Exception {
        ActiveRun run = new ActiveRun(1, 2, 3, "job", new RunWork(RunPurpose.BACKUP, JobKind.DIRECTORY, List.of(), List.of(0),
                List.of("/src"), List.of(), List.of(), "/dst", null, null, false), new ResourceLimits(), Path.of("/tmp/run"), Instant.now(), null);
        assertThat(run.usage().cpuAveragePercent()).isZero();

        Thread.sleep(1000);
        run.addCpu(100_000_000L); // 100 ms of CPU in about a second
        io.backupscheduler.lib.process.ResourceUsage usage = run.usage();
        assertThat(usage.cpuAveragePercent()).isBetween(5.0, 11.0);
        assertThat(usage.cpuPeakPercent()).isGreaterThanOrEqualTo(usage.cpuAveragePercent());
        assertThat(usage.peakRssMb()).as("no process of its own").isZero();

        Thread.sleep(1000);
        run.addCpu(900_000_000L); // a busy second: the peak is that second's share, above the run's average
        usage = run.usage();
        assertThat(usage.cpuAveragePercent()).isBetween(35.0, 51.0);
        assertThat(usage.cpuPeakPercent()).isBetween(60.0, 91.0);
    }
}
