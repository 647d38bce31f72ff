package io.backupscheduler.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.backupscheduler.job.JobKind;
import io.backupscheduler.job.ResourceLimits;
import io.backupscheduler.queue.RunPurpose;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The node's runs in progress answer by queue entry, so an entry that comes back to its node is not run twice. */
class RunningExecutionsTest {
    private static ActiveRun run(long executionId, long entryId) {
        return new ActiveRun(executionId, entryId, 3, "job", new RunWork(RunPurpose.BACKUP, JobKind.DIRECTORY, List.of(), List.of(0),
                List.of("/src"), List.of(), List.of(), "/dst", null, null, false), new ResourceLimits(), Path.of("/tmp/run"), Instant.now(), null);
    }

    @Test
    void theRunOfAQueueEntryIsFoundUntilItEnds() {
        RunningExecutions running = new RunningExecutions();
        running.add(run(10, 100));
        running.add(run(11, 101));

        assertThat(running.ofEntry(101)).map(ActiveRun::executionId).contains(11L);
        assertThat(running.ofEntry(102)).isEmpty();
        running.remove(11);
        assertThat(running.ofEntry(101)).isEmpty();
        assertThat(running.ofEntry(100)).map(ActiveRun::executionId).contains(10L);
    }
}
