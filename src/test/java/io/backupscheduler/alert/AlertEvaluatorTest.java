package io.backupscheduler.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.backupscheduler.execution.ExecutionFixtures;
import io.backupscheduler.execution.ExecutionStatus;
import io.backupscheduler.job.BackupJob;
import io.backupscheduler.job.JobKind;
import io.backupscheduler.job.JobSpec;
import io.backupscheduler.job.TargetDisksFixture;
import io.backupscheduler.persistence.JpaTestDatabase;
import io.backupscheduler.schedule.FireOutcome;
import io.backupscheduler.schedule.ScheduleFixtures;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Incidents open once per condition and close when it ends, on a real (H2) database with the real queries. */
class AlertEvaluatorTest {
    private JpaTestDatabase db;
    private long job;
    private Instant clock;

    @BeforeEach
    void setUp() {
        db = JpaTestDatabase.h2();
        job = db.inTransaction(em -> {
            JobSpec spec = new JobSpec();
            spec.setName("nightly");
            spec.setKind(JobKind.COMMAND);
            spec.setCommand(List.of("true"));
            spec.setTargetPath("/backups/nightly");
            BackupJob created = new BackupJob();
            created.apply(spec);
            em.persist(created);
            return created.getId();
        });
        clock = Instant.now().minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.SECONDS);
    }

    @AfterEach
    void close() {
        db.close();
    }

    /** A finished run, each a minute after the one before, lasting {@code seconds}. */
    private void run(ExecutionStatus status, long seconds) {
        clock = clock.plusSeconds(60);
        Instant start = clock;
        db.inTransaction(em -> ExecutionFixtures.finishedRun(em, job, "nightly", start, seconds, status));
    }

    private long rule(AlertType type, Double threshold, boolean notifyResolved) {
        return db.inTransaction(em -> {
            AlertRule rule = new AlertRule(type.name());
            rule.define(type.name(), type, null, threshold, "http://127.0.0.1:1/hook", List.of("ops@example.com"), notifyResolved, true);
            em.persist(rule);
            return rule.getId();
        });
    }

    private int evaluate(long ruleId) {
        return db.inTransaction(em -> {
            AlertConditions conditions = new AlertConditions();
            conditions.em = em;
            conditions.lookbackDays = 14;
            conditions.missedFireGraceSeconds = 120;
            conditions.schedulerSwitch = ScheduleFixtures.schedulerSwitch(em);
            conditions.disks = TargetDisksFixture.on(em);
            AlertEvaluator evaluator = new AlertEvaluator();
            evaluator.em = em;
            evaluator.conditions = conditions;
            return evaluator.evaluate(ruleId);
        });
    }

    private List<Alert> alerts() {
        return db.inTransaction(em -> em.createQuery("select a from Alert a order by a.id", Alert.class).getResultList());
    }

    private List<String> deliveries() {
        return db.inTransaction(em -> em.createQuery("select d from AlertDelivery d order by d.id", AlertDelivery.class)
                .getResultList().stream().map(d -> d.getAlertId() + " " + d.getChannel() + " " + d.getEvent()).toList());
    }

    @Test
    void failuresInARowOpenOneIncidentThatASuccessCloses() {
        long rule = rule(AlertType.CONSECUTIVE_FAILURES, 3.0, true);
        run(ExecutionStatus.SUCCEEDED, 5);
        run(ExecutionStatus.FAILED, 5);
        run(ExecutionStatus.FAILED, 5);
        assertThat(evaluate(rule)).as("two failures are not three").isZero();

        run(ExecutionStatus.CANCELLED, 5); // a cancel neither counts nor breaks the row
        run(ExecutionStatus.TIMED_OUT, 5);
        assertThat(evaluate(rule)).isEqualTo(1);
        run(ExecutionStatus.FAILED, 5);
        assertThat(evaluate(rule)).as("still the same incident").isZero();
        assertThat(alerts()).singleElement().satisfies(alert -> {
            assertThat(alert.getSubject()).isEqualTo("job:" + job);
            assertThat(alert.getMessage()).contains("the last 3 runs of job 'nightly' failed").contains("exit 1");
            assertThat(alert.isOpen()).isTrue();
        });
        long first = alerts().get(0).getId();
        assertThat(deliveries()).containsExactly(first + " WEBHOOK FIRING", first + " EMAIL FIRING");

        run(ExecutionStatus.SUCCEEDED, 5);
        assertThat(evaluate(rule)).isZero();
        assertThat(alerts().get(0).getResolvedAt()).isNotNull();
        assertThat(deliveries()).hasSize(4).endsWith(first + " WEBHOOK RESOLVED", first + " EMAIL RESOLVED");

        for (int i = 0; i < 3; i++) {
            run(ExecutionStatus.FAILED, 5);
        }
        assertThat(evaluate(rule)).as("a new incident after the last one ended").isEqualTo(1);
        assertThat(alerts()).hasSize(2);
    }

    @Test
    void aRunFarSlowerThanItsMedianIsReported() {
        long rule = rule(AlertType.SLOW_RUN, 3.0, false);
        run(ExecutionStatus.SUCCEEDED, 10);
        run(ExecutionStatus.SUCCEEDED, 12);
        run(ExecutionStatus.SUCCEEDED, 11);
        run(ExecutionStatus.SUCCEEDED, 30);
        assertThat(evaluate(rule)).as("30 s against a median of 11 s is below 3 times").isZero();
        run(ExecutionStatus.FAILED, 500); // failures are not durations
        run(ExecutionStatus.SUCCEEDED, 60);
        assertThat(evaluate(rule)).isEqualTo(1);
        assertThat(alerts().get(0).getMessage()).contains("took 60.0 s").contains("median of its previous 4 successful runs (11.5 s");
        run(ExecutionStatus.SUCCEEDED, 12);
        evaluate(rule);
        assertThat(alerts().get(0).isOpen()).isFalse();
        assertThat(deliveries()).as("no resolved notice unless asked for").hasSize(2);
    }

    @Test
    void aScheduleThatMissedItsFireOrIsOverdueIsReportedUntilItFiresAgain() {
        long rule = rule(AlertType.MISSED_FIRE, null, false);
        Instant now = Instant.now();
        long missed = db.inTransaction(em -> ScheduleFixtures.dailySchedule(em, job, "missed", now.plus(Duration.ofHours(20))));
        long overdue = db.inTransaction(em -> ScheduleFixtures.dailySchedule(em, job, "overdue", now.minus(Duration.ofMinutes(10))));
        long fine = db.inTransaction(em -> ScheduleFixtures.dailySchedule(em, job, "fine", now.minusSeconds(30)));
        db.inTransaction(em -> {
            ScheduleFixtures.fire(em, missed, FireOutcome.QUEUED, now.minus(Duration.ofDays(2)));
            ScheduleFixtures.fire(em, missed, FireOutcome.SKIPPED_MISFIRE, now.minus(Duration.ofHours(4)));
            ScheduleFixtures.fire(em, fine, FireOutcome.SKIPPED_MISFIRE, now.minus(Duration.ofDays(2)));
            ScheduleFixtures.fire(em, fine, FireOutcome.QUEUED, now.minus(Duration.ofDays(1)));
            return null;
        });
        assertThat(evaluate(rule)).isEqualTo(2);
        assertThat(alerts()).extracting(Alert::getSubject).containsExactlyInAnyOrder("schedule:" + missed, "schedule:" + overdue);
        assertThat(alerts()).extracting(Alert::getMessage).anyMatch(m -> m.contains("'missed' missed its fire")
                && m.contains("missed while the node was down")).anyMatch(m -> m.contains("'overdue' was due at"));

        db.inTransaction(em -> {
            ScheduleFixtures.fire(em, missed, FireOutcome.QUEUED, now);
            return null;
        });
        evaluate(rule);
        assertThat(alerts()).filteredOn(Alert::isOpen).extracting(Alert::getSubject).containsExactly("schedule:" + overdue);
    }

    @Test
    void aTargetWithLessFreeSpaceThanTheRuleAsksIsReported() {
        long strict = rule(AlertType.LOW_DISK, 99.0, false); // no test machine's disk is 99% free
        assertThat(evaluate(strict)).isEqualTo(1);
        assertThat(alerts().get(0).getMessage()).contains("/backups/nightly").contains("% free").contains("below the rule's 99.0%");
        long lax = db.inTransaction(em -> {
            AlertRule rule = new AlertRule("lax");
            rule.define("lax", AlertType.LOW_DISK, job, 0.01, null, List.of(), false, true);
            em.persist(rule);
            return rule.getId();
        });
        assertThat(evaluate(lax)).isZero();
    }

    @Test
    void aDisabledRuleClosesItsIncidentsQuietly() {
        long rule = rule(AlertType.CONSECUTIVE_FAILURES, 1.0, true);
        run(ExecutionStatus.FAILED, 5);
        assertThat(evaluate(rule)).isEqualTo(1);
        db.inTransaction(em -> {
            AlertRule stored = em.find(AlertRule.class, rule);
            stored.define(stored.getName(), stored.getType(), null, 1.0, stored.getWebhookUrl(), stored.getEmailTo(), true, false);
            return null;
        });
        evaluate(rule);
        assertThat(alerts().get(0).isOpen()).isFalse();
        assertThat(deliveries()).hasSize(2);
    }
}
