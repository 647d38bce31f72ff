package io.backupscheduler.console;

import io.backupscheduler.execution.Execution;
import io.backupscheduler.execution.ExecutionQuery;
import io.backupscheduler.execution.ExecutionService;
import io.backupscheduler.execution.ExecutionStatus;
import io.backupscheduler.paging.Page;
import io.backupscheduler.paging.PageRequest;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

/**
 * Executions a page at a time, newest first, filtered by status and job id: one count and one page query per
 * request, so the table stays fast however long the history (the indexes lead with started_at, status, job).
 */
public class ExecutionLazyDataModel extends LazyDataModel<Execution> {
    private final ExecutionService executions; // a CDI client proxy: serializable with the view
    private transient Page<Execution> lastPage;

    ExecutionLazyDataModel(ExecutionService executions) {
        this.executions = executions;
    }

    @Override
    public int count(Map<String, FilterMeta> filterBy) {
        return (int) executions.search(query(filterBy), new PageRequest(0, 1, List.of())).total();
    }

    @Override
    public List<Execution> load(int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
        lastPage = executions.search(query(filterBy),
                PageRequest.ofOffset(first, Math.max(1, Math.min(pageSize, PageRequest.MAX_SIZE)), List.of()));
        setRowCount((int) lastPage.total());
        return lastPage.items();
    }

    /** False when the list stopped counting at its cap: the page report then reads "of 10000+". */
    public boolean isTotalExact() {
        return lastPage == null || lastPage.totalExact();
    }

    @Override
    public String getRowKey(Execution execution) {
        return String.valueOf(execution.getId());
    }

    @Override
    public Execution getRowData(String rowKey) {
        return lastPage == null ? null
                : lastPage.items().stream().filter(e -> String.valueOf(e.getId()).equals(rowKey)).findFirst().orElse(null);
    }

    private static ExecutionQuery query(Map<String, FilterMeta> filterBy) {
        ExecutionStatus status = LazyFilters.constant(filterBy, "status", ExecutionStatus.class);
        return new ExecutionQuery(LazyFilters.id(filterBy, "jobId"),
                status == null ? EnumSet.noneOf(ExecutionStatus.class) : EnumSet.of(status), null, null);
    }
}
