package io.backupscheduler.console;

import io.backupscheduler.job.Priority;
import io.backupscheduler.paging.Page;
import io.backupscheduler.paging.PageRequest;
import io.backupscheduler.queue.QueueReports;
import io.backupscheduler.queue.QueueEntry;
import io.backupscheduler.queue.QueueStatus;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

/** Queue entries a page at a time, in queue order, filtered by status and priority, or fixed to some statuses. */
public class QueueLazyDataModel extends LazyDataModel<QueueEntry> {
    private final QueueReports queue; // a CDI client proxy: serializable with the view
    private final Set<QueueStatus> only;
    private transient Page<QueueEntry> lastPage;

    QueueLazyDataModel(QueueReports queue, Set<QueueStatus> only) {
        this.queue = queue;
        this.only = only;
    }

    @Override
    public int count(Map<String, FilterMeta> filterBy) {
        return (int) queue.search(statuses(filterBy), priority(filterBy), new PageRequest(0, 1, List.of())).total();
    }

    @Override
    public List<QueueEntry> load(int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
        lastPage = queue.search(statuses(filterBy), priority(filterBy),
                PageRequest.ofOffset(first, Math.max(1, Math.min(pageSize, PageRequest.MAX_SIZE)), List.of()));
        setRowCount((int) lastPage.total());
        return lastPage.items();
    }

    @Override
    public String getRowKey(QueueEntry entry) {
        return String.valueOf(entry.getId());
    }

    @Override
    public QueueEntry getRowData(String rowKey) {
        return lastPage == null ? null
                : lastPage.items().stream().filter(e -> String.valueOf(e.getId()).equals(rowKey)).findFirst().orElse(null);
    }

    private Set<QueueStatus> statuses(Map<String, FilterMeta> filterBy) {
        Object value = filterBy == null || filterBy.get("status") == null ? null : filterBy.get("status").getFilterValue();
        for (QueueStatus status : QueueStatus.values()) {
            if (status == value || status.name().equals(String.valueOf(value))) {
                return only.isEmpty() || only.contains(status) ? EnumSet.of(status) : only;
            }
        }
        return only;
    }

    private static Priority priority(Map<String, FilterMeta> filterBy) {
        Object value = filterBy == null || filterBy.get("priority") == null ? null : filterBy.get("priority").getFilterValue();
        for (Priority priority : Priority.values()) {
            if (priority == value || priority.name().equals(String.valueOf(value))) {
                return priority;
            }
        }
        return null;
    }
}
