package io.backupscheduler.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SupervisionRulesTest {
    private static final Instant STARTED = Instant.parse("2026-12-03T02:00:00Z");
    private static final Duration GRACE = Duration.ofSeconds(10);

    @Test
    void aRunIsOverdueOnlyPastItsLimitTheKillGraceAndTheSlack() {
        // limit 60 s + grace 10 s + slack 5 s: overdue strictly after 75 s
        assertThat(SupervisionRules.overdue(60, STARTED, GRACE, STARTED.plusSeconds(75))).isFalse();
        assertThat(SupervisionRules.overdue(60, STARTED, GRACE, STARTED.plusSeconds(75).plusMillis(1))).isTrue();
        assertThat(SupervisionRules.overdue(60, STARTED, GRACE, STARTED.plusSeconds(61))).isFalse();
    }

    @Test
    void aRunWithoutATimeLimitIsNeverOverdue() {
        assertThat(SupervisionRules.overdue(null, STARTED, GRACE, STARTED.plus(Duration.ofDays(30)))).isFalse();
    }

    @Test
    void leasesAreRenewedThreeTimesPerLeaseAndAtLeastEverySecond() {
        assertThat(SupervisionRules.renewEvery(Duration.ofSeconds(120))).isEqualTo(Duration.ofSeconds(40));
        assertThat(SupervisionRules.renewEvery(Duration.ofSeconds(20))).isEqualTo(Duration.ofSeconds(6));
        assertThat(SupervisionRules.renewEvery(Duration.ofSeconds(2))).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aReclaimIsDueAtItsTimeAndAfter() {
        assertThat(SupervisionRules.reclaimDue(STARTED, STARTED.plusMillis(1))).isFalse();
        assertThat(SupervisionRules.reclaimDue(STARTED, STARTED)).isTrue();
        assertThat(SupervisionRules.reclaimDue(STARTED, Instant.MIN)).isTrue();
    }

    private static final Duration BOUND = Duration.ofSeconds(120);
    private static final Instant SIGN = STARTED.plusSeconds(3);

    private static boolean lost(BatchJobSigns signs, Instant now, String batchStatus) {
        return SupervisionRules.batchJobLost(signs, BOUND, now, () -> batchStatus);
    }

    @Test
    void aJobQuietBetweenStepsForLongerThanTheBoundIsLost() {
        BatchJobSigns betweenSteps = new BatchJobSigns(true, true, false, false, SIGN);
        assertThat(lost(betweenSteps, SIGN.plus(BOUND), "STARTED")).isFalse();
        assertThat(lost(betweenSteps, SIGN.plus(BOUND).plusMillis(1), "STARTED")).isTrue();
    }

    @Test
    void timeInsideAStepNeverCountsHoweverLong() {
        BatchJobSigns inStep = new BatchJobSigns(true, true, true, false, SIGN);
        assertThat(lost(inStep, SIGN.plus(Duration.ofDays(2)), "STARTED")).isFalse();
    }

    @Test
    void aRunBeingEndedIsLeftToItsEndHoweverLongTheDatabaseKeepsIt() {
        BatchJobSigns ending = new BatchJobSigns(true, true, false, true, SIGN);
        assertThat(lost(ending, SIGN.plus(Duration.ofHours(1)), "STARTED")).isFalse();
    }

    @Test
    void aJobThatBeganIsJudgedByItsSignsWithoutReadingItsBatchStatus() {
        BatchJobSigns began = new BatchJobSigns(true, true, false, false, SIGN);
        assertThat(SupervisionRules.batchJobLost(began, BOUND, SIGN.plus(BOUND).plusSeconds(1), () -> {
            throw new AssertionError("the batch status is read only for a job that never began");
        })).isTrue();
    }

    @Test
    void aJobThatNeverBeganIsLostOnlyWhenTheRuntimeSaysItTookIt() {
        BatchJobSigns neverBegan = new BatchJobSigns(true, false, false, false, SIGN);
        Instant late = SIGN.plus(BOUND).plusSeconds(1);
        assertThat(lost(neverBegan, late, "STARTED")).as("taken, then dropped before its listener ran").isTrue();
        assertThat(lost(neverBegan, late, "FAILED")).isTrue();
        assertThat(lost(neverBegan, late, "STARTING")).as("still waiting for a batch thread").isFalse();
        assertThat(lost(neverBegan, late, null)).as("a status that could not be read").isFalse();
        assertThat(lost(neverBegan, SIGN.plusSeconds(60), "STARTED")).as("within the bound").isFalse();
    }

    @Test
    void aJobLeftStartingIsLostAfterTwiceTheBound() {
        BatchJobSigns neverBegan = new BatchJobSigns(true, false, false, false, SIGN);
        assertThat(lost(neverBegan, SIGN.plus(BOUND.multipliedBy(2)), "STARTING")).as("a thread may still take it").isFalse();
        assertThat(lost(neverBegan, SIGN.plus(BOUND.multipliedBy(2)).plusMillis(1), "STARTING"))
                .as("its STARTED and FAILED were never written: the database went away as it was taken").isTrue();
        assertThat(lost(neverBegan, SIGN.plus(Duration.ofHours(1)), null)).as("a status that could not be read, however late")
                .isFalse();
    }

    @Test
    void aJobTheRuntimeHasNotAcceptedYetIsLeftToTheDispatcher() {
        BatchJobSigns notSubmitted = new BatchJobSigns(false, false, false, false, SIGN);
        assertThat(lost(notSubmitted, SIGN.plus(Duration.ofHours(1)), "STARTED")).isFalse();
    }
}
