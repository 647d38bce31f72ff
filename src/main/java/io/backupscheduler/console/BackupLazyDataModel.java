package io.backupscheduler.console;

import io.backupscheduler.backup.BackupKind;
import io.backupscheduler.backup.BackupPoint;
import io.backupscheduler.backup.BackupPoints;
import io.backupscheduler.backup.PointStatus;
import io.backupscheduler.paging.Page;
import io.backupscheduler.paging.PageRequest;
import java.util.List;
import java.util.Map;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

/** Backup points a page at a time, newest first, filtered by job id, kind and status. */
public class BackupLazyDataModel extends LazyDataModel<BackupPoint> {
    private final BackupPoints points; // a CDI client proxy: serializable with the view
    private transient Page<BackupPoint> lastPage;

    BackupLazyDataModel(BackupPoints points) {
        this.points = points;
    }

    @Override
    public int count(Map<String, FilterMeta> filterBy) {
        return (int) search(filterBy, new PageRequest(0, 1, List.of())).total();
    }

    @Override
    public List<BackupPoint> load(int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
        lastPage = search(filterBy, PageRequest.ofOffset(first, Math.max(1, Math.min(pageSize, PageRequest.MAX_SIZE)), List.of()));
        setRowCount((int) lastPage.total());
        return lastPage.items();
    }

    /** The points on the page shown last. */
    List<BackupPoint> shown() {
        return lastPage == null ? List.of() : lastPage.items();
    }

    @Override
    public String getRowKey(BackupPoint point) {
        return String.valueOf(point.getId());
    }

    @Override
    public BackupPoint getRowData(String rowKey) {
        return shown().stream().filter(p -> String.valueOf(p.getId()).equals(rowKey)).findFirst().orElse(null);
    }

    private Page<BackupPoint> search(Map<String, FilterMeta> filterBy, PageRequest page) {
        Long jobId = null;
        Object job = value(filterBy, "jobId");
        if (job != null && !String.valueOf(job).isBlank()) {
            try {
                jobId = Long.parseLong(String.valueOf(job).strip());
            } catch (NumberFormatException e) {
                jobId = -1L; // matches nothing: the filter field says what it wants
            }
        }
        return points.search(jobId, constant(BackupKind.class, value(filterBy, "kind")),
                constant(PointStatus.class, value(filterBy, "status")), page);
    }

    private static <E extends Enum<E>> E constant(Class<E> type, Object value) {
        for (E candidate : type.getEnumConstants()) {
            if (candidate == value || candidate.name().equals(String.valueOf(value))) {
                return candidate;
            }
        }
        return null;
    }

    private static Object value(Map<String, FilterMeta> filterBy, String field) {
        return filterBy == null || filterBy.get(field) == null ? null : filterBy.get(field).getFilterValue();
    }
}
