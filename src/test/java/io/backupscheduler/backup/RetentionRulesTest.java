package io.backupscheduler.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.backupscheduler.backup.RetentionRules.Candidate;
import io.backupscheduler.backup.RetentionRules.Policy;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetentionRulesTest {
    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

    /** A full every Sunday and an incremental every other day at 02:00, for 60 days back: ids count up in time. */
    private static List<Candidate> sixtyDays() {
        List<Candidate> points = new ArrayList<>();
        Long lastFull = null;
        Long previous = null;
        for (int day = 60; day >= 0; day--) {
            Instant at = NOW.minusSeconds(86_400L * day).minusSeconds(36_000);
            long id = 61 - day;
            boolean full = at.atZone(ZoneOffset.UTC).getDayOfWeek().getValue() == 7 || lastFull == null;
            points.add(new Candidate(id, at, true, full ? null : previous));
            if (full) {
                lastFull = id;
            }
            previous = id;
        }
        return points;
    }

    @Test
    void withoutRulesEverythingUsableStays() {
        List<Candidate> points = List.of(new Candidate(1, NOW.minusSeconds(100), true, null), new Candidate(2, NOW, false, 1L));
        assertThat(RetentionRules.keep(points, new Policy(null, null, null, null, null), NOW, ZoneOffset.UTC)).containsExactly(1L);
    }

    @Test
    void keepLastKeepsTheNewestAndTheChainsTheyNeed() {
        // the newest 3 are incrementals: their chain back to the last Sunday's full stays too
        var keep = RetentionRules.keep(sixtyDays(), new Policy(3, null, null, null, null), NOW, ZoneOffset.UTC);
        assertThat(keep).contains(61L, 60L, 59L);
        Instant lastSunday = sixtyDays().stream().filter(p -> p.basePointId() == null).map(Candidate::at).max(Instant::compareTo).orElseThrow();
        long fullId = sixtyDays().stream().filter(p -> p.at().equals(lastSunday)).findFirst().orElseThrow().id();
        assertThat(keep).contains(fullId);
        assertThat(keep).allMatch(id -> id >= fullId);
    }

    @Test
    void grandfatherFatherSonKeepsOnePerDayWeekAndMonth() {
        var keep = RetentionRules.keep(sixtyDays(), new Policy(null, 7, 4, 3, null), NOW, ZoneOffset.UTC);
        assertThat(keep).contains(61L, 60L, 59L, 58L, 57L, 56L, 55L); // one a day for the last seven days
        assertThat(keep.size()).isLessThan(61);
        assertEveryKeptPointKeepsItsBase(keep);
    }

    @Test
    void maxAgeRemovesOldPointsUnlessAKeptIncrementalNeedsThem() {
        var keep = RetentionRules.keep(sixtyDays(), new Policy(null, null, null, null, 10), NOW, ZoneOffset.UTC);
        assertThat(keep).contains(61L, 51L).doesNotContain(1L, 20L);
        assertEveryKeptPointKeepsItsBase(keep);
    }

    private static void assertEveryKeptPointKeepsItsBase(java.util.Set<Long> keep) {
        for (Candidate point : sixtyDays()) {
            if (keep.contains(point.id()) && point.basePointId() != null) {
                assertThat(keep).as("point %d builds on %d", point.id(), point.basePointId()).contains(point.basePointId());
            }
        }
    }

    @Test
    void failedPointsGo() {
        List<Candidate> points = List.of(new Candidate(1, NOW.minusSeconds(200), true, null), new Candidate(2, NOW.minusSeconds(100), false, 1L),
                new Candidate(3, NOW, true, 1L));
        assertThat(RetentionRules.keep(points, new Policy(5, null, null, null, null), NOW, ZoneOffset.UTC)).containsExactlyInAnyOrder(1L, 3L);
    }
}
