package io.backupscheduler.console;

import io.backupscheduler.job.BackupJobService;
import io.backupscheduler.paging.Page;
import io.backupscheduler.paging.PageRequest;
import io.backupscheduler.paging.SortOrder;
import io.backupscheduler.schedule.Schedule;
import io.backupscheduler.schedule.ScheduleService;
import io.backupscheduler.schedule.ScheduleType;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

/**
 * Feeds the schedules table a page at a time, by name, filtered by type and enabled, with the names of the jobs
 * on the page (one query per page, not one per row).
 */
public class ScheduleLazyDataModel extends LazyDataModel<Schedule> {
    private final ScheduleService schedules; // CDI client proxies: serializable with the view
    private final BackupJobService jobs;
    private transient Page<Schedule> lastPage;
    private transient Map<Long, String> jobNames = Map.of();

    ScheduleLazyDataModel(ScheduleService schedules, BackupJobService jobs) {
        this.schedules = schedules;
        this.jobs = jobs;
    }

    @Override
    public int count(Map<String, FilterMeta> filterBy) {
        return (int) schedules.search(null, type(filterBy), enabled(filterBy), new PageRequest(0, 1, List.of())).total();
    }

    @Override
    public List<Schedule> load(int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
        lastPage = schedules.search(null, type(filterBy), enabled(filterBy), PageRequest.ofOffset(first,
                Math.max(1, Math.min(pageSize, PageRequest.MAX_SIZE)), List.of(SortOrder.asc("name"))));
        setRowCount((int) lastPage.total());
        jobNames = jobs.namesOf(lastPage.items().stream().map(Schedule::getJobId).collect(Collectors.toSet()));
        return lastPage.items();
    }

    /** The name of a job on the page shown. */
    public String jobName(long jobId) {
        Map<Long, String> names = jobNames == null ? Map.of() : jobNames;
        return names.getOrDefault(jobId, "(deleted)");
    }

    /** False when the list stopped counting at its cap: the page report then reads "of 10000+". */
    public boolean isTotalExact() {
        return lastPage == null || lastPage.totalExact();
    }

    @Override
    public String getRowKey(Schedule schedule) {
        return String.valueOf(schedule.getId());
    }

    @Override
    public Schedule getRowData(String rowKey) {
        return lastPage == null ? null
                : lastPage.items().stream().filter(s -> String.valueOf(s.getId()).equals(rowKey)).findFirst().orElse(null);
    }

    private static ScheduleType type(Map<String, FilterMeta> filterBy) {
        Object value = value(filterBy, "type");
        if (value instanceof ScheduleType type) {
            return type;
        }
        for (ScheduleType type : ScheduleType.values()) {
            if (type.name().equals(String.valueOf(value))) {
                return type;
            }
        }
        return null;
    }

    private static Boolean enabled(Map<String, FilterMeta> filterBy) {
        Object value = value(filterBy, "enabled");
        if (value instanceof Boolean b) {
            return b;
        }
        return value == null || value.toString().isBlank() ? null : Boolean.valueOf(value.toString());
    }

    private static Object value(Map<String, FilterMeta> filterBy, String field) {
        FilterMeta meta = filterBy == null ? null : filterBy.get(field);
        return meta == null ? null : meta.getFilterValue();
    }
}
