package io.backupscheduler.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class OverlapRulesTest {
    private static final Instant EARLIER = Instant.parse("2026-12-03T01:00:00Z");
    private static final Instant DUE = Instant.parse("2026-12-03T02:00:00Z");

    @Test
    void forbidQueuesAFireWhenNothingIsOpen() {
        OverlapRules.Decision d = OverlapRules.decide(OverlapPolicy.FORBID, List.of(), null, null, DUE, "run now by ops");
        assertThat(d.queue()).isTrue();
        assertThat(d.outcome()).isEqualTo(FireOutcome.QUEUED);
        assertThat(d.note()).isEqualTo("run now by ops");
        assertThat(d.cancel()).isEmpty();
        assertThat(d.dropsEarlier()).isFalse();
    }

    @Test
    void forbidSkipsAFireWhileARunIsOpenAndSaysWhich() {
        OverlapRules.Decision d = OverlapRules.decide(OverlapPolicy.FORBID, List.of(41L, 42L), null, null, DUE, null);
        assertThat(d.queue()).isFalse();
        assertThat(d.outcome()).isEqualTo(FireOutcome.SKIPPED_OVERLAP);
        assertThat(d.note()).isEqualTo("previous run [41, 42] still open (overlap policy FORBID)");
        assertThat(d.cancel()).isEmpty();
    }

    @Test
    void forbidSkipsASecondFireOfTheSamePass() {
        OverlapRules.Decision d = OverlapRules.decide(OverlapPolicy.FORBID, List.of(), EARLIER, "missed", DUE, "misfire");
        assertThat(d.queue()).isFalse();
        assertThat(d.note()).isEqualTo("misfire; the fire of " + EARLIER + " is queued in the same pass (overlap policy FORBID)");
        assertThat(d.dropsEarlier()).isFalse();
    }

    @Test
    void replaceCancelsTheOpenRunsAndIsRecordedAsReplaced() {
        OverlapRules.Decision d = OverlapRules.decide(OverlapPolicy.REPLACE, List.of(7L), null, null, DUE, null);
        assertThat(d.queue()).isTrue();
        assertThat(d.outcome()).isEqualTo(FireOutcome.REPLACED);
        assertThat(d.cancel()).containsExactly(7L);
        assertThat(d.note()).isEqualTo("cancelled [7] (overlap policy REPLACE)");
        assertThat(d.dropsEarlier()).isFalse();
    }

    @Test
    void replaceDropsAnEarlierFireOfTheSamePassAndNotesWhy() {
        OverlapRules.Decision d = OverlapRules.decide(OverlapPolicy.REPLACE, List.of(), EARLIER, "first", DUE, "second");
        assertThat(d.outcome()).isEqualTo(FireOutcome.REPLACED);
        assertThat(d.dropsEarlier()).isTrue();
        assertThat(d.earlierNote()).isEqualTo("first; replaced by the fire of " + DUE + " in the same pass (overlap policy REPLACE)");
        assertThat(d.note()).isEqualTo("second");
        assertThat(d.cancel()).isEmpty();
    }

    @Test
    void replaceWithNothingOpenIsAPlainQueuedFire() {
        OverlapRules.Decision d = OverlapRules.decide(OverlapPolicy.REPLACE, List.of(), null, null, DUE, null);
        assertThat(d.outcome()).isEqualTo(FireOutcome.QUEUED);
        assertThat(d.note()).isNull();
        assertThat(d.dropsEarlier()).isFalse();
    }

    @Test
    void allowQueuesBesideOpenRunsAndEarlierFires() {
        OverlapRules.Decision d = OverlapRules.decide(OverlapPolicy.ALLOW, List.of(3L), EARLIER, "first", DUE, "second");
        assertThat(d.queue()).isTrue();
        assertThat(d.outcome()).isEqualTo(FireOutcome.QUEUED);
        assertThat(d.cancel()).isEmpty();
        assertThat(d.dropsEarlier()).isFalse();
        assertThat(d.note()).isEqualTo("second");
    }
}
