package io.backupscheduler.console;

import io.backupscheduler.audit.AuditEntry;
import io.backupscheduler.audit.AuditLog;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

/** The Audit log page (admins): every change, newest first, filtered by actor, target type and id, action. */
@Named
@ViewScoped
public class AuditView implements Serializable {
    @Inject
    AuditLog audit;

    private final Entries entries = new Entries(this);

    public LazyDataModel<AuditEntry> getEntries() {
        return entries;
    }

    /** Lazy rows through the audit log's search: one count and one page query per request. */
    static final class Entries extends LazyDataModel<AuditEntry> {
        private final AuditView view;

        Entries(AuditView view) {
            this.view = view;
        }

        @Override
        public int count(Map<String, FilterMeta> filterBy) {
            long[] total = new long[1];
            view.audit.search(query(filterBy), 0, 1, total);
            return (int) total[0];
        }

        @Override
        public List<AuditEntry> load(int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
            long[] total = new long[1];
            List<AuditEntry> page = view.audit.search(query(filterBy), first, Math.max(1, Math.min(pageSize, 500)), total);
            setRowCount((int) total[0]);
            return page;
        }

        @Override
        public String getRowKey(AuditEntry entry) {
            return String.valueOf(entry.getId());
        }

        @Override
        public AuditEntry getRowData(String rowKey) {
            return getWrappedData() == null ? null : getWrappedData().stream()
                    .filter(e -> String.valueOf(e.getId()).equals(rowKey)).findFirst().orElse(null);
        }

        private static AuditLog.Query query(Map<String, FilterMeta> filterBy) {
            return new AuditLog.Query(LazyFilters.text(filterBy, "actor"), LazyFilters.text(filterBy, "targetType"),
                    LazyFilters.text(filterBy, "targetId"), LazyFilters.text(filterBy, "action"), null, null);
        }
    }
}
