package io.backupscheduler.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RunPatternsTest {

    @Test
    void failuresCountOnlyWhileNoSuccessIsAmongTheNewest() {
        assertThat(RunPatterns.failedInARow(List.of("FAILED", "TIMED_OUT", "FAILED", "SUCCEEDED"), 3)).isTrue();
        assertThat(RunPatterns.failedInARow(List.of("FAILED", "SUCCEEDED", "FAILED", "FAILED"), 3)).isFalse();
        assertThat(RunPatterns.failedInARow(List.of("FAILED", "FAILED"), 3)).as("fewer runs than the threshold").isFalse();
        assertThat(RunPatterns.failedInARow(List.of("REJECTED_LIMIT"), 1)).isTrue();
        assertThat(RunPatterns.failedInARow(List.of("SUCCEEDED"), 1)).isFalse();
    }

    @Test
    void aRunIsSlowAgainstTheMedianOfTheRunsBeforeIt() {
        // newest first: 100 s against a median of 10 s (one 60 s outlier does not move the median)
        assertThat(RunPatterns.slowerThan(List.of(100_000L, 10_000L, 9_000L, 60_000L, 11_000L), 3.0))
                .hasValueCloseTo(100_000 / 10_500.0, org.assertj.core.data.Offset.offset(0.001));
        assertThat(RunPatterns.slowerThan(List.of(25_000L, 10_000L, 9_000L, 11_000L), 3.0)).as("2.5 times is within 3").isEmpty();
    }

    @Test
    void withoutABaselineNoRunIsSlow() {
        assertThat(RunPatterns.slowerThan(List.of(100_000L, 1_000L, 1_000L), 2.0)).as("two earlier runs are too few").isEmpty();
        assertThat(RunPatterns.slowerThan(List.of(), 2.0)).isEmpty();
    }

    @Test
    void theBaselineIsTheTenRunsBeforeTheNewest() {
        // ten quick runs, then older slow ones that fall outside the baseline
        List<Long> durations = new java.util.ArrayList<>(List.of(5_000L));
        for (int i = 0; i < 10; i++) {
            durations.add(1_000L);
        }
        durations.addAll(List.of(50_000L, 50_000L, 50_000L));
        assertThat(RunPatterns.slowerThan(durations, 4.0)).hasValueCloseTo(5.0, org.assertj.core.data.Offset.offset(0.001));
    }

    @Test
    void medianOfEvenAndOddCounts() {
        assertThat(RunPatterns.median(List.of(3L, 1L, 2L))).isEqualTo(2.0);
        assertThat(RunPatterns.median(List.of(4L, 1L, 2L, 3L))).isEqualTo(2.5);
    }
}
