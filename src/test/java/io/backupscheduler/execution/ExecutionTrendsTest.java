package io.backupscheduler.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.backupscheduler.job.BackupJob;
import io.backupscheduler.job.TestJobs;
import io.backupscheduler.persistence.JpaTestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The dashboard's aggregates, with the native functions they use, on a real (H2) database. */
class ExecutionTrendsTest {
    private JpaTestDatabase db;

    @BeforeEach
    void setUp() {
        db = JpaTestDatabase.h2();
    }

    @AfterEach
    void close() {
        db.close();
    }

    private long job(String name) {
        return db.inTransaction(em -> {
            BackupJob job = TestJobs.directory(name);
            em.persist(job);
            return job.getId();
        });
    }

    @Test
    void runsPerHourSuccessRateAndDurationPercentiles() {
        long nightly = job("nightly");
        long hourly = job("hourly");
        Instant now = Instant.parse("2026-11-27T15:30:00Z");
        db.inTransaction(em -> {
            ExecutionFixtures.finishedRun(em, nightly, "nightly", Instant.parse("2026-11-27T15:05:00Z"), 10, ExecutionStatus.SUCCEEDED);
            ExecutionFixtures.finishedRun(em, nightly, "nightly", Instant.parse("2026-11-27T14:59:59Z"), 20, ExecutionStatus.SUCCEEDED);
            ExecutionFixtures.finishedRun(em, nightly, "nightly", Instant.parse("2026-11-27T14:10:00Z"), 5, ExecutionStatus.FAILED);
            ExecutionFixtures.finishedRun(em, nightly, "nightly", Instant.parse("2026-11-27T13:00:00Z"), 5, ExecutionStatus.CANCELLED);
            ExecutionFixtures.finishedRun(em, nightly, "nightly", Instant.parse("2026-11-26T15:00:00Z"), 5, ExecutionStatus.FAILED);
            for (int i = 1; i <= 20; i++) {
                ExecutionFixtures.finishedRun(em, hourly, "hourly", Instant.parse("2026-11-27T10:00:00Z").plusSeconds(i * 60L), i,
                        ExecutionStatus.SUCCEEDED);
            }
            return null;
        });
        db.inTransaction(em -> {
            ExecutionTrends trends = new ExecutionTrends();
            trends.em = em;
            ExecutionTrends.Hourly perHour = trends.runsPerHour(now, 24);
            assertThat(perHour.hours()).hasSize(24).startsWith(Instant.parse("2026-11-26T16:00:00Z"))
                    .endsWith(Instant.parse("2026-11-27T15:00:00Z"));
            long[] succeeded = perHour.counts().get(ExecutionStatus.SUCCEEDED);
            assertThat(succeeded[23]).as("15:00-16:00").isEqualTo(1);
            assertThat(succeeded[22]).as("14:59:59 belongs to 14:00").isEqualTo(1);
            assertThat(perHour.counts().get(ExecutionStatus.FAILED)[22]).isEqualTo(1);
            assertThat(succeeded[18]).as("10:00-11:00").isEqualTo(20);
            assertThat(Arrays.stream(perHour.counts().get(ExecutionStatus.FAILED)).sum()).as("yesterday 15:00 is outside").isEqualTo(1);

            ExecutionTrends.SuccessRate rate = trends.successRate(now.minus(Duration.ofHours(24)));
            assertThat(rate.succeeded()).isEqualTo(22);
            assertThat(rate.failed()).as("cancelled runs are neither").isEqualTo(1);
            assertThat(rate.percent()).isCloseTo(100.0 * 22 / 23, org.assertj.core.data.Offset.offset(0.001));

            assertThat(trends.durations(now.minus(Duration.ofDays(7)), 10)).satisfiesExactly(
                    first -> {
                        assertThat(first.jobName()).isEqualTo("hourly");
                        assertThat(first.runs()).isEqualTo(20);
                        assertThat(first.p50Millis()).isEqualTo(10_500);
                        assertThat(first.p95Millis()).isEqualTo(19_050);
                    },
                    second -> {
                        assertThat(second.jobName()).isEqualTo("nightly");
                        assertThat(second.p50Millis()).isEqualTo(15_000);
                    });
            return null;
        });
    }
}
