package io.backupscheduler.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.backupscheduler.job.JobKind;
import io.backupscheduler.job.ResourceLimits;
import io.backupscheduler.queue.RunPurpose;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** What a run shows the watchdog of its batch job, how a dropped job's run ends, and that a run ends only once. */
class ActiveRunEndingTest {
    private static final Instant DISPATCHED = Instant.parse("2026-12-06T07:15:24Z");

    private static ActiveRun run() {
        return new ActiveRun(207, 158, 3, "job", new RunWork(RunPurpose.BACKUP, JobKind.COMMAND, List.of("true"), List.of(0), List.of(),
                List.of(), List.of(), "/dst", null, null, false), new ResourceLimits(), Path.of("/tmp/run"), DISPATCHED, null);
    }

    @Test
    void theSignsFollowTheJobFromDispatchThroughItsSteps() {
        ActiveRun run = run();
        assertThat(run.signs()).isEqualTo(new BatchJobSigns(false, false, false, false, DISPATCHED));
        run.batchStarted(114);
        assertThat(run.signs().submitted()).isTrue();
        run.jobBegan();
        BatchJobSigns began = run.signs();
        assertThat(began.began()).isTrue();
        assertThat(began.inStep()).isFalse();
        assertThat(began.lastSign()).isAfter(DISPATCHED);
        run.stepEntered();
        assertThat(run.signs().inStep()).isTrue();
        run.stepLeft();
        assertThat(run.signs().inStep()).isFalse();
        assertThat(run.signs().lastSign()).isAfterOrEqualTo(began.lastSign());
    }

    @Test
    void aDroppedJobFailsWithTheReasonEvenAfterAStepReportedSuccess() {
        ActiveRun unreported = run();
        unreported.lost("dropped");
        assertThat(unreported.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(unreported.error()).isEqualTo("dropped");

        ActiveRun succeeded = run();
        succeeded.ended(ExecutionStatus.SUCCEEDED, 0, null, null, null);
        succeeded.lost("dropped before verify");
        assertThat(succeeded.status()).as("the steps after the success never ran").isEqualTo(ExecutionStatus.FAILED);
        assertThat(succeeded.error()).isEqualTo("dropped before verify");
        assertThat(succeeded.exitCode()).isZero();
    }

    @Test
    void aReportedFailureTimeoutOrCancelOutlivesTheDrop() {
        for (ExecutionStatus reported : List.of(ExecutionStatus.FAILED, ExecutionStatus.TIMED_OUT, ExecutionStatus.CANCELLED)) {
            ActiveRun run = run();
            run.ended(reported, 3, "exit code 3: boom", null, null);
            run.lost("dropped");
            assertThat(run.status()).isEqualTo(reported);
            assertThat(run.error()).isEqualTo("exit code 3: boom");
        }
    }

    @Test
    void onlyOneOfManyEndersEndsTheRun() throws Exception {
        ActiveRun run = run();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> enders = IntStream.range(0, 8).<Callable<Boolean>>mapToObj(i -> run::beginEnding).toList();
            long winners = 0;
            for (Future<Boolean> ended : threads.invokeAll(enders)) {
                winners += ended.get() ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
            assertThat(run.beginEnding()).isFalse();
            assertThat(run.signs().ending()).as("the watchdog leaves a run being ended alone").isTrue();
        } finally {
            threads.shutdownNow();
        }
    }
}
