package io.backupscheduler.console;

import io.backupscheduler.errors.ConflictException;
import io.backupscheduler.errors.NoSuchEntityException;
import io.backupscheduler.job.Priority;
import io.backupscheduler.execution.WaitReasons;
import io.backupscheduler.queue.JobQueue;
import io.backupscheduler.queue.QueueReports;
import io.backupscheduler.queue.QueueAttempt;
import io.backupscheduler.queue.QueueEntry;
import io.backupscheduler.queue.QueueStatus;
import io.backupscheduler.security.CurrentUser;
import jakarta.annotation.PostConstruct;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The Queue and Dead letters pages: what waits, on what, and what died. Operators remove, retry and purge. */
@Named
@ViewScoped
public class QueueView implements Serializable {
    @Inject
    JobQueue queue;

    @Inject
    QueueReports reports;

    @Inject
    CurrentUser currentUser;

    @Inject
    WaitReasons waitReasons;

    private transient WaitReasons.Snapshot waits;
    private transient long waitsReadAt;

    private QueueLazyDataModel entries;
    private QueueLazyDataModel deadLetters;
    private List<QueueEntry> selectedDead = new ArrayList<>();

    @PostConstruct
    void init() {
        entries = new QueueLazyDataModel(reports, Set.of());
        deadLetters = new QueueLazyDataModel(reports, Set.of(QueueStatus.DEAD));
    }

    /** "#12 RUNNING, #15 READY": what an entry waits on, with each one's status; or what else holds it (a node, a limit). */
    public String waitsOn(QueueEntry entry) {
        String dependencies = entry.getDependsOn().isEmpty() ? null : dependencyStatuses(entry);
        String why = entry.getStatus() == QueueStatus.PENDING && dependencies != null ? null : waits().why(entry);
        return java.util.stream.Stream.of(dependencies, why).filter(java.util.Objects::nonNull).collect(Collectors.joining("; "));
    }

    private String dependencyStatuses(QueueEntry entry) {
        Map<Long, QueueStatus> statuses = reports.statusesOf(entry.getDependsOn());
        return entry.getDependsOn().stream().sorted()
                .map(id -> "#" + id + " " + (statuses.containsKey(id) ? statuses.get(id) : "removed"))
                .collect(Collectors.joining(", "));
    }

    /** The cluster's nodes and limits, read at most once a second however many rows ask. */
    private WaitReasons.Snapshot waits() {
        long now = System.nanoTime();
        if (waits == null || now - waitsReadAt > 1_000_000_000L) {
            waits = waitReasons.now();
            waitsReadAt = now;
        }
        return waits;
    }

    public List<QueueAttempt> attempts(QueueEntry entry) {
        return queue.attempts(entry.getId());
    }

    public void remove(QueueEntry entry) {
        act(() -> queue.remove(entry.getId()), "Removed entry #" + entry.getId() + ".");
    }

    public void retry(QueueEntry entry) {
        act(() -> queue.retryDead(entry.getId()), "Entry #" + entry.getId() + " will run again.");
    }

    public void purge(QueueEntry entry) {
        act(() -> queue.purgeDead(entry.getId()), "Purged entry #" + entry.getId() + ".");
    }

    public void retrySelected() {
        int retried = 0;
        for (QueueEntry entry : selectedDead) {
            if (act(() -> queue.retryDead(entry.getId()), null)) {
                retried++;
            }
        }
        info(retried + " dead " + (retried == 1 ? "entry" : "entries") + " will run again.");
        selectedDead = new ArrayList<>();
    }

    private boolean act(Runnable action, String done) {
        if (!currentUser.isOperator()) {
            error("Only operators and admins may change the queue.");
            return false;
        }
        try {
            action.run();
            if (done != null) {
                info(done);
            }
            return true;
        } catch (ConflictException | NoSuchEntityException e) {
            error(e.getMessage());
            return false;
        }
    }

    private static void info(String text) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, text, null));
    }

    private static void error(String text) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, text, null));
    }

    public QueueLazyDataModel getEntries() {
        return entries;
    }

    public QueueLazyDataModel getDeadLetters() {
        return deadLetters;
    }

    public List<QueueEntry> getSelectedDead() {
        return selectedDead;
    }

    public void setSelectedDead(List<QueueEntry> selectedDead) {
        this.selectedDead = selectedDead == null ? new ArrayList<>() : selectedDead;
    }

    public QueueStatus[] getStatuses() {
        return QueueStatus.values();
    }

    public Priority[] getPriorities() {
        return Priority.values();
    }
}
