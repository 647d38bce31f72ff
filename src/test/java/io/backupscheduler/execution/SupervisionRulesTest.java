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
}
