package io.backupscheduler.console;

import io.backupscheduler.execution.ExecutionStatus;
import io.backupscheduler.execution.RunTimeline;
import io.backupscheduler.job.BackupJobService;
import io.backupscheduler.schedule.ScheduleTimeline;
import io.backupscheduler.settings.SharedSettings;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.primefaces.model.timeline.TimelineEvent;
import org.primefaces.model.timeline.TimelineGroup;
import org.primefaces.model.timeline.TimelineModel;

/**
 * The timeline page: one row per job, its runs of the hours behind as bars (the wait in the queue, then the run in
 * the colour of its outcome), the entries waiting now, and the fires its schedules plan for the hours ahead, so that
 * a pile-up at 02:00 or two runs that overlap show at a glance. Beside it, the same in words: the busiest planned
 * minutes and the most runs at once.
 */
@Named
@ViewScoped
public class TimelineView implements Serializable {
    private static final long serialVersionUID = 1L;
    /** More items than a night of a busy site; beyond this the page says it shows only the first ones. */
    static final int MAX_ITEMS = 2000;

    @Inject
    RunTimeline runs;

    @Inject
    ScheduleTimeline schedules;

    @Inject
    BackupJobService jobs;

    @Inject
    SharedSettings settings;

    private String jobFilter = "";
    private int pastHours = 14;
    private int nextHours = 12;
    private transient TimelineModel<String, String> model;
    private transient List<String> pileUps;
    private transient String peak;
    private transient boolean truncated;
    private Instant now;

    /** A bar's class by how its run ended (the CSS colours them). */
    static String styleOf(ExecutionStatus status) {
        return "bs-tl bs-tl-" + status.name().toLowerCase(Locale.ROOT);
    }

    private void build() {
        now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant from = now.minus(Duration.ofHours(pastHours));
        Instant to = now.plus(Duration.ofHours(nextHours));
        ZoneId zone = settings.defaultZone();
        DateTimeFormatter clock = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT).withZone(zone);
        Map<Long, String> groups = new LinkedHashMap<>();
        List<TimelineEvent<String>> events = new ArrayList<>();
        List<RunTimeline.Run> past = runs.runs(from, now, jobFilter, MAX_ITEMS);
        for (RunTimeline.Run run : past) {
            groups.putIfAbsent(run.jobId(), run.jobName());
            Instant end = run.finishedAt() == null ? now : run.finishedAt();
            if (run.queuedAt() != null && Duration.between(run.queuedAt(), run.startedAt()).toSeconds() >= 1) {
                events.add(event("wait-" + run.executionId(), run.jobId(), "waited", run.queuedAt(), run.startedAt(), "bs-tl bs-tl-waiting",
                        "execution " + run.executionId() + " queued " + clock.format(run.queuedAt()) + ", started "
                                + clock.format(run.startedAt())));
            }
            String what = run.status() + (run.purpose() == null || run.purpose().name().equals("BACKUP") ? "" : " " + run.purpose());
            events.add(event("run-" + run.executionId(), run.jobId(), what, run.startedAt(), end, styleOf(run.status()),
                    "execution " + run.executionId() + ": " + what + ", " + clock.format(run.startedAt()) + "–"
                            + (run.finishedAt() == null ? "now" : clock.format(run.finishedAt())) + " ("
                            + brief(Duration.between(run.startedAt(), end)) + ")" + (run.error() == null ? "" : ": " + run.error())));
        }
        List<RunTimeline.Waiting> waiting = runs.waiting(jobFilter, MAX_ITEMS);
        for (RunTimeline.Waiting entry : waiting) {
            groups.putIfAbsent(entry.jobId(), entry.jobName());
            Instant queued = entry.queuedAt().isAfter(now) ? now : entry.queuedAt();
            events.add(event("queued-" + entry.entryId(), entry.jobId(), entry.status().name().toLowerCase(Locale.ROOT), queued, now,
                    "bs-tl bs-tl-waiting", "queue entry " + entry.entryId() + " " + entry.status() + " since " + clock.format(entry.queuedAt())
                            + (entry.reason() == null ? "" : ": " + entry.reason())));
        }
        List<ScheduleTimeline.Forecast> planned = schedules.forecast(now, to, MAX_ITEMS);
        Map<Long, String> names = jobs.namesOf(planned.stream().map(ScheduleTimeline.Forecast::jobId).filter(id -> !groups.containsKey(id))
                .distinct().toList());
        String wanted = jobFilter.strip().toLowerCase(Locale.ROOT);
        Map<Instant, List<String>> byMinute = new TreeMap<>();
        for (ScheduleTimeline.Forecast fire : planned) {
            String name = groups.getOrDefault(fire.jobId(), names.getOrDefault(fire.jobId(), "job " + fire.jobId()));
            if (!name.toLowerCase(Locale.ROOT).contains(wanted)) {
                continue;
            }
            groups.putIfAbsent(fire.jobId(), name);
            TimelineEvent<String> point = event("fire-" + fire.scheduleId() + "-" + fire.at().getEpochSecond(), fire.jobId(), fire.scheduleName(),
                    fire.at(), null, "bs-tl bs-tl-planned", "planned: " + fire.scheduleName() + " at " + clock.format(fire.at()));
            point.setType("point");
            events.add(point);
            byMinute.computeIfAbsent(fire.at().truncatedTo(ChronoUnit.MINUTES), k -> new ArrayList<>()).add(groups.get(fire.jobId()));
        }
        truncated = past.size() >= MAX_ITEMS || waiting.size() >= MAX_ITEMS || planned.size() >= MAX_ITEMS;
        List<TimelineGroup<String>> rows = new ArrayList<>();
        groups.entrySet().stream().sorted(Map.Entry.comparingByValue(String.CASE_INSENSITIVE_ORDER))
                .forEach(g -> rows.add(new TimelineGroup<>("job-" + g.getKey(), g.getValue())));
        model = new TimelineModel<>(events, rows);
        DateTimeFormatter minute = DateTimeFormatter.ofPattern("EEE HH:mm", Locale.ROOT).withZone(zone);
        pileUps = byMinute.entrySet().stream().filter(e -> e.getValue().size() > 1)
                .sorted(Comparator.comparing((Map.Entry<Instant, List<String>> e) -> -e.getValue().size()).thenComparing(Map.Entry::getKey))
                .limit(5).map(e -> minute.format(e.getKey()) + ": " + e.getValue().size() + " runs planned (" + summary(e.getValue()) + ")")
                .toList();
        peak = peakOf(past, clock);
    }

    /** "12 s", "3 min 5 s", "2 h 10 min": as precise as a tooltip on a bar needs. */
    static String brief(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min" + (seconds % 60 == 0 ? "" : " " + seconds % 60 + " s");
        }
        return seconds / 3600 + " h" + (seconds % 3600 / 60 == 0 ? "" : " " + seconds % 3600 / 60 + " min");
    }

    private static String summary(List<String> names) {
        List<String> distinct = names.stream().distinct().toList();
        return distinct.size() <= 4 ? String.join(", ", distinct)
                : String.join(", ", distinct.subList(0, 4)) + " and " + (distinct.size() - 4) + " more";
    }

    /** The most runs at once in the hours behind, and when: a sweep over starts and ends. */
    private String peakOf(List<RunTimeline.Run> past, DateTimeFormatter clock) {
        TreeMap<Instant, Integer> changes = new TreeMap<>();
        for (RunTimeline.Run run : past) {
            changes.merge(run.startedAt(), 1, Integer::sum);
            changes.merge(run.finishedAt() == null ? now : run.finishedAt(), -1, Integer::sum);
        }
        int running = 0;
        int most = 0;
        Instant at = null;
        for (Map.Entry<Instant, Integer> change : changes.entrySet()) {
            running += change.getValue();
            if (running > most) {
                most = running;
                at = change.getKey();
            }
        }
        return most == 0 ? "no runs in the last " + pastHours + " hours"
                : "at most " + most + " run" + (most == 1 ? "" : "s") + " at once, at " + clock.format(at);
    }

    private static TimelineEvent<String> event(String id, long jobId, String content, Instant start, Instant end, String style, String title) {
        TimelineEvent.Builder<String> builder = TimelineEvent.<String>builder().id(id).data(content).group("job-" + jobId)
                .startDate(LocalDateTime.ofInstant(start, ZoneOffset.UTC)).styleClass(style).title(title).editable(false);
        if (end != null) {
            builder.endDate(LocalDateTime.ofInstant(end, ZoneOffset.UTC));
        }
        return builder.build();
    }

    public TimelineModel<String, String> getModel() {
        if (model == null) {
            build();
        }
        return model;
    }

    /** Reads everything again (the refresh button, and the poll). */
    public void refresh() {
        model = null;
    }

    public LocalDateTime getStart() {
        getModel();
        return LocalDateTime.ofInstant(now.minus(Duration.ofHours(pastHours)), ZoneOffset.UTC);
    }

    public LocalDateTime getEnd() {
        getModel();
        return LocalDateTime.ofInstant(now.plus(Duration.ofHours(nextHours)), ZoneOffset.UTC);
    }

    /**
     * The timeline's height: a row of 36 px per job under the axis, at most 900 px (it scrolls beyond). Runs of one job
     * share their row (they seldom overlap), so each job takes one row however many runs it had.
     */
    public String getHeight() {
        return Math.min(900, 70 + 36 * Math.max(1, getModel().getGroups() == null ? 1 : getModel().getGroups().size())) + "px";
    }

    /** The zone the axis shows: the scheduler's default zone, the one schedules fire in unless they name another. */
    public String getZone() {
        return settings.defaultZone().getId();
    }

    public List<String> getPileUps() {
        getModel();
        return pileUps;
    }

    public String getPeak() {
        getModel();
        return peak;
    }

    public boolean isTruncated() {
        getModel();
        return truncated;
    }

    /** Only the jobs whose name contains this (any case); empty: every job. */
    public String getJobFilter() {
        return jobFilter;
    }

    public void setJobFilter(String jobFilter) {
        this.jobFilter = jobFilter == null ? "" : jobFilter.length() > 200 ? jobFilter.substring(0, 200) : jobFilter;
        refresh();
    }

    public int getPastHours() {
        return pastHours;
    }

    public void setPastHours(int pastHours) {
        this.pastHours = Math.max(1, Math.min(168, pastHours));
        refresh();
    }

    public int getNextHours() {
        return nextHours;
    }

    public void setNextHours(int nextHours) {
        this.nextHours = Math.max(1, Math.min(168, nextHours));
        refresh();
    }
}
