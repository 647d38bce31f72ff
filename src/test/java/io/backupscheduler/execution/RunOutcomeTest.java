package io.backupscheduler.execution;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RunOutcomeTest {
    private static RunOutcome.Reported reported(ExecutionStatus status, String error, boolean timedOut, boolean cancelled, boolean handBack) {
        return new RunOutcome.Reported(status, error, timedOut, 60, cancelled, handBack, "ops");
    }

    @Test
    void aRunWhoseStepsReportedNothingIsJudgedByTheBatchStatus() {
        assertThat(RunOutcome.of(reported(null, null, false, false, false), "COMPLETED", "n1"))
                .isEqualTo(new RunOutcome(ExecutionStatus.SUCCEEDED, null));
        assertThat(RunOutcome.of(reported(null, null, false, false, false), "FAILED", "n1"))
                .isEqualTo(new RunOutcome(ExecutionStatus.FAILED, "the batch job ended FAILED"));
    }

    @Test
    void whatTheStepsReportedStandsWhenNothingInterfered() {
        assertThat(RunOutcome.of(reported(ExecutionStatus.FAILED, "exit code 2", false, false, false), "FAILED", "n1"))
                .isEqualTo(new RunOutcome(ExecutionStatus.FAILED, "exit code 2"));
        assertThat(RunOutcome.of(reported(ExecutionStatus.REJECTED_LIMIT, "memory", false, true, false), "FAILED", "n1"))
                .isEqualTo(new RunOutcome(ExecutionStatus.REJECTED_LIMIT, "memory"));
    }

    @Test
    void aTimeLimitBeatsACancelAndKeepsTheStepsOwnWordsAboutIt() {
        assertThat(RunOutcome.of(reported(ExecutionStatus.CANCELLED, null, true, true, false), "STOPPED", "n1"))
                .isEqualTo(new RunOutcome(ExecutionStatus.TIMED_OUT, "ran past its time limit of 60 s"));
        assertThat(RunOutcome.of(reported(null, "killed at the time limit of 60 s", true, false, false), "STOPPED", "n1"))
                .isEqualTo(new RunOutcome(ExecutionStatus.TIMED_OUT, "killed at the time limit of 60 s"));
    }

    @Test
    void aCancelSaysWhoOrThatTheNodeShutDown() {
        assertThat(RunOutcome.of(reported(null, null, false, true, false), "STOPPED", "n1"))
                .isEqualTo(new RunOutcome(ExecutionStatus.CANCELLED, "cancelled by ops"));
        assertThat(RunOutcome.of(reported(null, null, false, true, true), "STOPPED", "n1"))
                .isEqualTo(new RunOutcome(ExecutionStatus.CANCELLED, "stopped because node n1 shut down; the entry went back to the queue"));
    }

    @Test
    void aStoppedBatchJobDoesNotTurnASuccessfulStepIntoACancelUnlessOneWasAsked() {
        assertThat(RunOutcome.of(reported(ExecutionStatus.SUCCEEDED, null, false, false, false), "STOPPED", "n1"))
                .isEqualTo(new RunOutcome(ExecutionStatus.SUCCEEDED, null));
    }
}
