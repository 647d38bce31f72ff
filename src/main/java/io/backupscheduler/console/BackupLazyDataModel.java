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
        return points.search(LazyFilters.id(filterBy, "jobId"), LazyFilters.constant(filterBy, "kind", BackupKind.class),
                LazyFilters.constant(filterBy, "status", PointStatus.class), page);
    }
}
