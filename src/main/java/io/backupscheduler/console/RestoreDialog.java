package io.backupscheduler.console;

import io.backupscheduler.backup.RestoreSpec;
import io.backupscheduler.errors.ConflictException;
import io.backupscheduler.errors.InvalidInputException;
import io.backupscheduler.errors.NoSuchEntityException;
import io.backupscheduler.execution.Execution;
import io.backupscheduler.execution.ExecutionQuery;
import io.backupscheduler.execution.ExecutionService;
import io.backupscheduler.execution.ExecutionStatus;
import io.backupscheduler.execution.RestoreRuns;
import io.backupscheduler.lib.archive.ExistingFiles;
import io.backupscheduler.paging.PageRequest;
import io.backupscheduler.queue.QueueEntry;
import io.backupscheduler.queue.RunPurpose;
import io.backupscheduler.security.CurrentUser;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.primefaces.PrimeFaces;

/**
 * The restore of a point's page: the files and folders ticked while browsing (kept across directories and
 * searches), the dialog that asks where to and what to do with existing files, and, once queued, the run's
 * progress until it ends.
 */
@Named
@ViewScoped
public class RestoreDialog implements Serializable {
    private static final String FORM = "restoreForm";

    @Inject
    PointView pointView;

    @Inject
    RestoreRuns restoreRuns;

    @Inject
    ExecutionService executions;

    @Inject
    CurrentUser currentUser;

    @Inject
    ExecutionFigures figures;

    /** Ticked paths: a LinkedHashMap, so the dialog lists them in the order they were ticked. */
    private final Map<String, Boolean> chosen = new LinkedHashMap<>();
    private String destination;
    private ExistingFiles existingFiles;
    private boolean fromCopy;
    private Long queuedEntry;
    private Long executionId;
    private ExecutionStatus status;
    private String error;
    private long[] progress;

    /** The tick boxes of the file table write here, by path. */
    public Map<String, Boolean> getChosen() {
        return chosen;
    }

    public List<String> getChosenPaths() {
        List<String> paths = new ArrayList<>();
        chosen.forEach((path, ticked) -> {
            if (Boolean.TRUE.equals(ticked)) {
                paths.add(path);
            }
        });
        return paths;
    }

    public String getChosenList() {
        return String.join(", ", getChosenPaths());
    }

    public String getChosenSummary() {
        List<String> paths = getChosenPaths();
        return paths.isEmpty() ? "Nothing ticked: a restore takes every file." : paths.size() + " ticked: " + String.join(", ", paths);
    }

    public void clear() {
        chosen.clear();
    }

    /** Opens the dialog afresh: a new restore, nothing queued yet. */
    public void open() {
        queuedEntry = null;
        executionId = null;
        status = null;
        error = null;
        progress = null;
    }

    public void restore() {
        FacesContext faces = FacesContext.getCurrentInstance();
        if (!currentUser.isOperator()) {
            FormMessages.globalError("Only operators and admins may restore backups.");
            faces.validationFailed();
            return;
        }
        try {
            QueueEntry entry = restoreRuns.restore(pointView.getPoint().getId(), new RestoreSpec(getChosenPaths(), destination, existingFiles, fromCopy),
                    null, currentUser.getName());
            queuedEntry = entry.getId();
            FormMessages.info("Restore queued (queue entry #" + queuedEntry + ").");
        } catch (NoSuchEntityException e) { // a path of the selection, or the point, is gone
            FormMessages.globalError(e.getMessage());
            faces.validationFailed();
        } catch (InvalidInputException | ConflictException e) {
            FormMessages.refused(FORM, e, "This backup point was removed meanwhile.");
        }
    }

    /** Called by the dialog's poll: the run of the queued restore, its progress and how it ended. */
    public void refresh() {
        if (queuedEntry == null) {
            return;
        }
        List<Execution> runs = executions.search(new ExecutionQuery(null, Set.of(), null, null, queuedEntry, RunPurpose.RESTORE),
                new PageRequest(0, 1, List.of())).items();
        if (runs.isEmpty()) {
            return;
        }
        Execution run = runs.get(0);
        executionId = run.getId();
        status = run.getStatus();
        error = run.getError();
        progress = executions.live(run.getId()).map(live -> live.progress()).orElse(progress);
        if (status.isFinal() && run.getRestoredFiles() != null) { // what it wrote in the end, whether or not a poll saw it run
            long total = progress == null ? run.getRestoredFiles() : progress[1];
            long totalBytes = progress == null ? run.getRestoredBytes() : progress[3];
            progress = new long[] {run.getRestoredFiles(), total, run.getRestoredBytes(), totalBytes};
        }
        if (status.isFinal()) {
            PrimeFaces.current().ajax().addCallbackParam("finished", true);
        }
    }

    public boolean isQueued() {
        return queuedEntry != null;
    }

    public boolean isFinished() {
        return status != null && status.isFinal();
    }

    /** 0-100 of the bytes (or files, for empty files) restored; 100 once it succeeded. */
    public int getPercent() {
        if (status == ExecutionStatus.SUCCEEDED) {
            return 100;
        }
        if (progress == null) {
            return 0;
        }
        long done = progress[3] > 0 ? progress[2] : progress[0];
        long total = progress[3] > 0 ? progress[3] : progress[1];
        return total <= 0 ? 0 : (int) Math.min(100, done * 100 / total);
    }

    public String getProgressText() {
        if (status == null) {
            return "Queued; waiting for a worker slot.";
        }
        String figuresText = progress == null ? "" : progress[0] + " of " + progress[1] + " files, " + figures.bytes(progress[2]) + " of "
                + figures.bytes(progress[3]);
        return switch (status) {
            case RUNNING -> "Restoring: " + figuresText;
            case SUCCEEDED -> "Restored: " + figuresText + ", every hash checked.";
            default -> status + (error == null ? "" : ": " + error);
        };
    }

    public Long getQueuedEntry() {
        return queuedEntry;
    }

    public Long getExecutionId() {
        return executionId;
    }

    public ExecutionStatus getStatus() {
        return status;
    }

    public String getDestination() {
        return destination;
    }

    public void setDestination(String destination) {
        this.destination = destination;
    }

    public ExistingFiles getExistingFiles() {
        return existingFiles;
    }

    public void setExistingFiles(ExistingFiles existingFiles) {
        this.existingFiles = existingFiles;
    }

    /** Whether the restore reads the point's verified copy instead of its own files. */
    public boolean isFromCopy() {
        return fromCopy;
    }

    public void setFromCopy(boolean fromCopy) {
        this.fromCopy = fromCopy;
    }

    public ExistingFiles[] getPolicies() {
        return ExistingFiles.values();
    }
}
