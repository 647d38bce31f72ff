package io.backupscheduler.console;

import io.backupscheduler.errors.ConflictException;
import io.backupscheduler.errors.NoSuchEntityException;
import io.backupscheduler.job.Priority;
import io.backupscheduler.node.ClusterNodes;
import io.backupscheduler.node.LivePlacement;
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
    ClusterNodes nodes;

    private transient LivePlacement placement;
    private transient long placementReadAt;

    private QueueLazyDataModel entries;
    private QueueLazyDataModel deadLetters;
    private List<QueueEntry> selectedDead = new ArrayList<>();

    @PostConstruct
    void init() {
        entries = new QueueLazyDataModel(reports, Set.of());
        deadLetters = new QueueLazyDataModel(reports, Set.of(QueueStatus.DEAD));
    }

    /** "#12 RUNNING, #15 READY": what an entry waits on, with each one's status; or a node its placement allows. */
    public String waitsOn(QueueEntry entry) {
        boolean ready = entry.getStatus() == QueueStatus.READY || entry.getStatus() == QueueStatus.RETRY_WAIT;
        String node = ready ? livePlacement().whyWaiting(entry.getJob().getPlacement()) : null;
        if (entry.getDependsOn().isEmpty()) {
            return node == null ? "" : node;
        }
        Map<Long, QueueStatus> statuses = reports.statusesOf(entry.getDependsOn());
        return entry.getDependsOn().stream().sorted()
                .map(id -> "#" + id + " " + (statuses.containsKey(id) ? statuses.get(id) : "removed"))
                .collect(Collectors.joining(", ")) + (node == null ? "" : "; " + node);
    }

    /** The live nodes' labels, read at most once a second however many rows ask. */
    private LivePlacement livePlacement() {
        long now = System.nanoTime();
        if (placement == null || now - placementReadAt > 1_000_000_000L) {
            placement = nodes.livePlacement();
            placementReadAt = now;
        }
        return placement;
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
