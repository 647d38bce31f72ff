package io.backupscheduler.console;

import io.backupscheduler.alert.Alert;
import io.backupscheduler.alert.AlertDelivery;
import io.backupscheduler.alert.AlertRuleService;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

/** The incident history, a page at a time, newest first, optionally only what is still open, with its notifications. */
public class AlertHistoryModel extends LazyDataModel<Alert> {
    private final transient AlertRuleService rules;
    private boolean openOnly;
    private List<Alert> shown = List.of();
    private Map<Long, List<AlertDelivery>> deliveries = Map.of();

    AlertHistoryModel(AlertRuleService rules) {
        this.rules = rules;
    }

    void openOnly(boolean openOnly) {
        this.openOnly = openOnly;
    }

    @Override
    public int count(Map<String, FilterMeta> filterBy) {
        long[] total = new long[1];
        rules.history(query(), 0, 1, total);
        return (int) total[0];
    }

    @Override
    public List<Alert> load(int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
        long[] total = new long[1];
        shown = rules.history(query(), first, Math.max(1, Math.min(pageSize, 200)), total);
        deliveries = rules.deliveries(shown.stream().map(Alert::getId).toList()).stream()
                .collect(Collectors.groupingBy(AlertDelivery::getAlertId));
        setRowCount((int) total[0]);
        return shown;
    }

    /** How an incident's notifications went: "WEBHOOK FIRING sent · EMAIL FIRING failed (3 attempts): …". */
    String deliveries(Alert alert) {
        return deliveries.getOrDefault(alert.getId(), List.of()).stream()
                .map(d -> d.getChannel() + " " + d.getEvent() + " " + d.getStatus().name().toLowerCase()
                        + (d.getAttempts() > 1 ? " (" + d.getAttempts() + " attempts)" : "")
                        + (d.getLastError() == null ? "" : ": " + d.getLastError()))
                .collect(Collectors.joining(" · "));
    }

    private AlertRuleService.AlertQuery query() {
        return new AlertRuleService.AlertQuery(null, openOnly ? Boolean.TRUE : null);
    }

    @Override
    public String getRowKey(Alert alert) {
        return String.valueOf(alert.getId());
    }

    @Override
    public Alert getRowData(String rowKey) {
        return shown.stream().filter(a -> String.valueOf(a.getId()).equals(rowKey)).findFirst().orElse(null);
    }
}
