package io.backupscheduler.schedule;

import jakarta.persistence.EntityManager;
import java.time.Instant;

/** Schedules, their fire history and the scheduler switch for tests of other packages that read them. */
public final class ScheduleFixtures {
    private ScheduleFixtures() {
    }

    /** A daily cron schedule of the job whose stored next fire is {@code nextFireAt}; returns its id. */
    public static long dailySchedule(EntityManager em, long jobId, String name, Instant nextFireAt) {
        ScheduleSpec spec = new ScheduleSpec();
        spec.setName(name);
        spec.setJobId(jobId);
        spec.setType(ScheduleType.CRON);
        spec.setExpression("0 3 * * *");
        Schedule schedule = new Schedule(name);
        schedule.apply(spec, "UTC");
        schedule.nextFireAt(nextFireAt);
        em.persist(schedule);
        em.flush();
        return schedule.getId();
    }

    /** Records a fire of the schedule with the outcome, due and fired at {@code at}. */
    public static void fire(EntityManager em, long scheduleId, FireOutcome outcome, Instant at) {
        em.persist(new ScheduleFire(scheduleId, at, at, outcome, null, "node", outcome == FireOutcome.SKIPPED_MISFIRE
                ? "missed while the node was down" : null));
    }

    /** The scheduler switch, reading the stored state through this EntityManager. */
    public static SchedulerSwitch schedulerSwitch(EntityManager em) {
        SchedulerSwitch schedulerSwitch = new SchedulerSwitch();
        schedulerSwitch.em = em;
        return schedulerSwitch;
    }
}
