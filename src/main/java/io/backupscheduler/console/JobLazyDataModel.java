package io.backupscheduler.console;

import io.backupscheduler.job.BackupJob;
import io.backupscheduler.job.BackupJobService;
import io.backupscheduler.job.JobKind;
import io.backupscheduler.job.JobQuery;
import io.backupscheduler.job.Priority;
import io.backupscheduler.paging.Page;
import io.backupscheduler.paging.PageRequest;
import io.backupscheduler.paging.SortOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

/**
 * Feeds the jobs table a page at a time from the database: PrimeFaces' sort and filter state becomes a
 * {@link JobQuery} and a {@link PageRequest}, so the console pages exactly as the API does.
 */
public class JobLazyDataModel extends LazyDataModel<BackupJob> {
    private final BackupJobService jobs; // a CDI client proxy: serializable with the view
    private transient Page<BackupJob> lastPage;
    private transient JobQuery lastQuery;

    JobLazyDataModel(BackupJobService jobs) {
        this.jobs = jobs;
    }

    @Override
    public int count(Map<String, FilterMeta> filterBy) {
        JobQuery query = query(filterBy);
        if (lastPage != null && query.equals(lastQuery)) {
            return (int) lastPage.total();
        }
        return (int) jobs.search(query, new PageRequest(0, 1, List.of())).total();
    }

    @Override
    public List<BackupJob> load(int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
        lastQuery = query(filterBy);
        lastPage = jobs.search(lastQuery, PageRequest.ofOffset(first, Math.max(1, Math.min(pageSize, PageRequest.MAX_SIZE)),
                ordering(sortBy)));
        setRowCount((int) lastPage.total());
        return lastPage.items();
    }

    /** The jobs of the page shown last. */
    List<BackupJob> shown() {
        return lastPage == null ? List.of() : lastPage.items();
    }

    @Override
    public String getRowKey(BackupJob job) {
        return String.valueOf(job.getId());
    }

    @Override
    public BackupJob getRowData(String rowKey) {
        if (lastPage == null) {
            return null;
        }
        return lastPage.items().stream().filter(j -> String.valueOf(j.getId()).equals(rowKey)).findFirst().orElse(null);
    }

    private static JobQuery query(Map<String, FilterMeta> filterBy) {
        return new JobQuery(
                text(filterBy, "name"),
                enumValue(filterBy, "kind", JobKind.class),
                enumValue(filterBy, "priority", Priority.class),
                booleanValue(filterBy, "enabled"));
    }

    private static List<SortOrder> ordering(Map<String, SortMeta> sortBy) {
        List<SortOrder> orders = new ArrayList<>();
        if (sortBy != null) {
            sortBy.values().stream()
                    .filter(meta -> meta.getOrder() != null && !meta.getOrder().isUnsorted())
                    .filter(meta -> JobQuery.SORTABLE.contains(meta.getField()))
                    .sorted((a, b) -> Integer.compare(a.getPriority(), b.getPriority()))
                    .forEach(meta -> orders.add(new SortOrder(meta.getField(), meta.getOrder().isAscending())));
        }
        if (orders.isEmpty()) {
            orders.add(SortOrder.asc("name"));
        }
        return orders;
    }

    private static String text(Map<String, FilterMeta> filterBy, String field) {
        Object value = filterValue(filterBy, field);
        return value == null || value.toString().isBlank() ? null : value.toString();
    }

    private static <E extends Enum<E>> E enumValue(Map<String, FilterMeta> filterBy, String field, Class<E> type) {
        Object value = filterValue(filterBy, field);
        if (type.isInstance(value)) {
            return type.cast(value);
        }
        String text = value == null ? "" : value.toString();
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(text)) {
                return constant;
            }
        }
        return null;
    }

    private static Boolean booleanValue(Map<String, FilterMeta> filterBy, String field) {
        Object value = filterValue(filterBy, field);
        if (value instanceof Boolean b) {
            return b;
        }
        return value == null || value.toString().isBlank() ? null : Boolean.valueOf(value.toString());
    }

    private static Object filterValue(Map<String, FilterMeta> filterBy, String field) {
        FilterMeta meta = filterBy == null ? null : filterBy.get(field);
        return meta == null ? null : meta.getFilterValue();
    }
}
