package io.backupscheduler.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.backupscheduler.lib.calendar.FireRule;
import io.backupscheduler.lib.cron.CronExpression;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MisfirePlannerTest {
    private static final ZoneId UTC = ZoneOffset.UTC;
    private static final Duration THRESHOLD = Duration.ofMinutes(1);
    private static final FireRule HOURLY = rule("0 * * * *");

    private static FireRule rule(String cron) {
        CronExpression expression = CronExpression.parse(cron);
        return new FireRule() {
            @Override
            public Optional<ZonedDateTime> nextAfter(ZonedDateTime from) {
                return expression.nextAfter(from);
            }

            @Override
            public String describe() {
                return cron;
            }
        };
    }

    private static Instant at(String time) {
        return Instant.parse("2026-06-01T" + time + "Z");
    }

    private static MisfirePlanner.Plan plan(String due, String now, MisfirePolicy policy, int limit, Duration deadline) {
        return MisfirePlanner.plan(HOURLY, UTC, at(due), at(now), policy, limit, THRESHOLD, deadline);
    }

    @Test
    void aFireWithinTheThresholdRunsAsScheduled() {
        MisfirePlanner.Plan plan = plan("10:00:00", "10:00:30", MisfirePolicy.SKIP, 10, null);
        assertThat(plan.runs()).containsExactly(at("10:00:00"));
        assertThat(plan.dropped()).isZero();
        assertThat(plan.next()).contains(at("11:00:00"));
        assertThat(plan.note()).isNull();
    }

    @Test
    void notDueYetDoesNothing() {
        MisfirePlanner.Plan plan = plan("11:00:00", "10:59:59", MisfirePolicy.FIRE_ALL, 10, null);
        assertThat(plan.runs()).isEmpty();
        assertThat(plan.next()).contains(at("11:00:00"));
    }

    @Test
    void fireOnceMergesEveryMissedFireIntoTheLatest() {
        MisfirePlanner.Plan plan = plan("07:00:00", "10:20:00", MisfirePolicy.FIRE_ONCE, 10, null);
        assertThat(plan.runs()).containsExactly(at("10:00:00"));
        assertThat(plan.dropped()).isEqualTo(3);
        assertThat(plan.next()).contains(at("11:00:00"));
        assertThat(plan.note()).startsWith("missed 4 fires").endsWith("one run for them all (FIRE_ONCE)");
    }

    @Test
    void aSingleLateFireIsAMisfireToo() {
        assertThat(plan("10:00:00", "10:05:00", MisfirePolicy.SKIP, 10, null).runs()).isEmpty();
        assertThat(plan("10:00:00", "10:05:00", MisfirePolicy.FIRE_ONCE, 10, null).runs()).containsExactly(at("10:00:00"));
    }

    @Test
    void skipRunsNothingAndResumesAtTheNextRegularFire() {
        MisfirePlanner.Plan plan = plan("07:00:00", "10:20:00", MisfirePolicy.SKIP, 10, null);
        assertThat(plan.runs()).isEmpty();
        assertThat(plan.dropped()).isEqualTo(4);
        assertThat(plan.next()).contains(at("11:00:00"));
        assertThat(plan.note()).endsWith("none run (SKIP)");
    }

    @Test
    void fireAllRunsTheMostRecentMissedFiresUpToTheLimit() {
        MisfirePlanner.Plan plan = plan("03:00:00", "10:20:00", MisfirePolicy.FIRE_ALL, 3, null);
        assertThat(plan.runs()).containsExactly(at("08:00:00"), at("09:00:00"), at("10:00:00"));
        assertThat(plan.dropped()).isEqualTo(5);
        assertThat(plan.note()).contains("missed 8 fires").endsWith("3 run (FIRE_ALL, limited to 3)");
    }

    @Test
    void theStartingDeadlineDropsFiresOlderThanItWhateverThePolicy() {
        MisfirePlanner.Plan plan = plan("07:00:00", "10:20:00", MisfirePolicy.FIRE_ALL, 10, Duration.ofMinutes(90));
        assertThat(plan.runs()).containsExactly(at("09:00:00"), at("10:00:00"));
        assertThat(plan.dropped()).isEqualTo(2);
        assertThat(plan.note()).contains("2 older than the starting deadline of 5400 s");

        MisfirePlanner.Plan tooLate = plan("07:00:00", "10:20:00", MisfirePolicy.FIRE_ONCE, 10, Duration.ofMinutes(10));
        assertThat(tooLate.runs()).isEmpty();
        assertThat(tooLate.dropped()).isEqualTo(4);
        assertThat(tooLate.note()).endsWith("none left to run");
    }

    @Test
    void aRuleThatNeverFiresAgainHasNoNext() {
        FireRule once = new FireRule() {
            @Override
            public Optional<ZonedDateTime> nextAfter(ZonedDateTime from) {
                return from.toInstant().isBefore(at("10:00:00")) ? Optional.of(at("10:00:00").atZone(UTC)) : Optional.empty();
            }

            @Override
            public String describe() {
                return "once";
            }
        };
        MisfirePlanner.Plan plan = MisfirePlanner.plan(once, UTC, at("10:00:00"), at("10:00:10"), MisfirePolicy.FIRE_ONCE,
                10, THRESHOLD, null);
        assertThat(plan.runs()).containsExactly(at("10:00:00"));
        assertThat(plan.next()).isEmpty();
    }
}
