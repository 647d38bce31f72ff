package io.backupscheduler.schedule;

import io.backupscheduler.job.BackupJob;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Warnings about a saved schedule, never errors: another schedule writing to the same target fires in the same
 * minute, or the job's recent runs last longer than the gap between two fires.
 */
@ApplicationScoped
@Transactional
public class ScheduleWarnings {
    /** How far ahead conflicts are looked for, and at most how many fires of each schedule. */
    private static final Duration CONFLICT_HORIZON = Duration.ofDays(7);
    private static final int CONFLICT_FIRES = 200;

    @PersistenceContext
    EntityManager em;

    @Inject
    ScheduleTimeline timeline;

    private final Clock clock = Clock.systemUTC();

    /**
     * Warnings, not errors: another enabled schedule of a job with the same target fires in the same minute, or
     * the job's recent runs last longer than the gap between two fires (runs would overlap).
     */
    public List<String> of(Schedule schedule, HolidayCalendar calendar) {
        List<String> warnings = new ArrayList<>();
        if (!schedule.getType().isTimed()) {
            return warnings;
        }
        Instant now = clock.instant();
        Instant horizon = now.plus(CONFLICT_HORIZON);
        List<Instant> mine = timeline.nextFires(schedule, calendar, now, CONFLICT_FIRES).stream().map(ZonedDateTime::toInstant)
                .filter(t -> !t.isAfter(horizon)).toList();
        if (mine.isEmpty()) {
            warnings.add("it does not fire in the next " + CONFLICT_HORIZON.toDays() + " days");
            return warnings;
        }
        Set<Instant> myMinutes = new java.util.HashSet<>();
        mine.forEach(t -> myMinutes.add(t.truncatedTo(ChronoUnit.MINUTES)));
        BackupJob job = em.find(BackupJob.class, schedule.getJobId());
        if (job.getTargetPath() == null || job.getTargetPath().isBlank()) {
            return warnings; // a remote restic repository: no target on this host to share
        }
        List<Schedule> sameTarget = em.createQuery("select s from Schedule s, BackupJob j where s.jobId = j.id"
                        + " and j.targetPath = :target and s.enabled = true and s.type <> :event and s.id <> :me", Schedule.class)
                .setParameter("target", job.getTargetPath())
                .setParameter("event", ScheduleType.EVENT)
                .setParameter("me", schedule.getId())
                .setMaxResults(50)
                .getResultList();
        for (Schedule other : sameTarget) {
            Optional<Instant> clash = timeline.nextFires(other, timeline.calendarOf(other), now, CONFLICT_FIRES).stream()
                    .map(ZonedDateTime::toInstant).filter(t -> !t.isAfter(horizon))
                    .filter(t -> myMinutes.contains(t.truncatedTo(ChronoUnit.MINUTES))).findFirst();
            clash.ifPresent(t -> warnings.add("schedule '" + other.getName() + "' also writes to " + job.getTargetPath()
                    + " and fires in the same minute, first at " + t));
        }
        Optional<Duration> typical = typicalRunTime(schedule.getJobId());
        if (typical.isPresent() && mine.size() > 1) {
            Duration shortestGap = null;
            for (int i = 1; i < mine.size(); i++) {
                Duration gap = Duration.between(mine.get(i - 1), mine.get(i));
                shortestGap = shortestGap == null || gap.compareTo(shortestGap) < 0 ? gap : shortestGap;
            }
            if (shortestGap != null && typical.get().compareTo(shortestGap) > 0) {
                warnings.add("the job's recent runs take about " + typical.get().toSeconds() + " s, longer than the "
                        + shortestGap.toSeconds() + " s between two fires: runs would overlap (overlap policy "
                        + schedule.getOverlapPolicy() + ")");
            }
        }
        return warnings;
    }

    /** The median duration of the job's last ten finished attempts. */
    private Optional<Duration> typicalRunTime(long jobId) {
        List<Object[]> rows = em.createQuery("select a.startedAt, a.finishedAt from QueueAttempt a, QueueEntry e"
                        + " where a.entryId = e.id and e.job.id = :job and a.finishedAt is not null order by a.finishedAt desc",
                        Object[].class)
                .setParameter("job", jobId).setMaxResults(10).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        List<Duration> durations = rows.stream().map(r -> Duration.between((Instant) r[0], (Instant) r[1])).sorted().toList();
        return Optional.of(durations.get(durations.size() / 2));
    }

}
