package io.backupscheduler.console;

import io.backupscheduler.backup.BackupKind;
import io.backupscheduler.backup.BackupPoint;
import io.backupscheduler.backup.BackupPoints;
import io.backupscheduler.backup.BackupRestore;
import io.backupscheduler.backup.PointStatus;
import io.backupscheduler.lib.archive.Restorer;
import io.backupscheduler.errors.ConflictException;
import io.backupscheduler.errors.FieldError;
import io.backupscheduler.errors.InvalidInputException;
import io.backupscheduler.errors.NoSuchEntityException;
import io.backupscheduler.job.BackupJobService;
import io.backupscheduler.security.CurrentUser;
import jakarta.annotation.PostConstruct;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.primefaces.PrimeFaces;

/** The Backups page: every backup point with what it holds and whether it verified, and the restore dialog. */
@Named
@ViewScoped
public class BackupsView implements Serializable {
    private static final String FORM = "restoreForm";

    @Inject
    BackupPoints points;

    @Inject
    BackupRestore restore;

    @Inject
    BackupJobService jobs;

    @Inject
    CurrentUser currentUser;

    @Inject
    ExecutionFigures figures;

    private BackupLazyDataModel model;
    private final Map<Long, String> jobNames = new HashMap<>();
    private String jobFilter;
    private Long restoring;
    private String destination;
    private String pathPrefix;

    @PostConstruct
    void init() {
        model = new BackupLazyDataModel(points);
    }

    public BackupLazyDataModel getPoints() {
        return model;
    }

    public BackupKind[] getKinds() {
        return BackupKind.values();
    }

    public PointStatus[] getStatuses() {
        return PointStatus.values();
    }

    /** The job id the page opened with (?jobId=12), shown in the job filter. */
    public String getJobFilter() {
        return jobFilter;
    }

    public void setJobFilter(String jobFilter) {
        this.jobFilter = jobFilter;
    }

    /** A job's name; a miss loads the names of every job on the page shown, so a page costs one query, not one per row. */
    public String jobName(long jobId) {
        if (!jobNames.containsKey(jobId)) {
            Set<Long> ids = model.shown().stream().map(BackupPoint::getJobId).collect(Collectors.toCollection(HashSet::new));
            ids.add(jobId);
            Map<Long, String> found = jobs.namesOf(ids);
            ids.forEach(id -> jobNames.put(id, found.getOrDefault(id, "(deleted)")));
        }
        return jobNames.get(jobId);
    }

    /** Opens the restore dialog for a point. */
    public void prepareRestore(BackupPoint point) {
        restoring = point.getId();
        destination = null;
        pathPrefix = null;
    }

    public void restore() {
        FacesContext faces = FacesContext.getCurrentInstance();
        if (!currentUser.isOperator()) {
            FormMessages.globalError("Only operators and admins may restore backups.");
            faces.validationFailed();
            return;
        }
        try {
            Restorer.Result result = restore.restore(restoring, destination, blankToNull(pathPrefix), currentUser.getName());
            FormMessages.info("Restored backup point #" + restoring + " to " + destination.strip() + ": " + result.files() + " files, "
                    + figures.bytes(result.bytes()) + ", every hash checked.");
            PrimeFaces.current().ajax().addCallbackParam("restored", true);
        } catch (InvalidInputException e) {
            e.errors().forEach(error -> FormMessages.fieldError(FORM, error));
            faces.validationFailed();
        } catch (ConflictException e) {
            FormMessages.fieldError(FORM, new FieldError("", e.getMessage()));
            faces.validationFailed();
        } catch (NoSuchEntityException e) {
            FormMessages.globalError("This backup point was removed meanwhile.");
            faces.validationFailed();
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    public Long getRestoring() {
        return restoring;
    }

    public String getDestination() {
        return destination;
    }

    public void setDestination(String destination) {
        this.destination = destination;
    }

    public String getPathPrefix() {
        return pathPrefix;
    }

    public void setPathPrefix(String pathPrefix) {
        this.pathPrefix = pathPrefix;
    }
}
