package io.backupscheduler.console;

import io.backupscheduler.backup.BackupKind;
import io.backupscheduler.backup.BackupPoint;
import io.backupscheduler.backup.BackupPoints;
import io.backupscheduler.backup.PointCopy;
import io.backupscheduler.backup.PointCopyRecords;
import io.backupscheduler.backup.PointStatus;
import io.backupscheduler.job.BackupJobService;
import io.backupscheduler.security.CurrentUser;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The Backups page: every backup point with what it holds and whether it verified, each linked to its page, where it is browsed and restored. */
@Named
@ViewScoped
public class BackupsView implements Serializable {

    @Inject
    BackupPoints points;


    @Inject
    BackupJobService jobs;

    @Inject
    PointCopyRecords copyRecords;

    @Inject
    CurrentUser currentUser;

    @Inject
    ExecutionFigures figures;

    private BackupLazyDataModel model;
    private final Map<Long, String> jobNames = new HashMap<>();
    private String jobFilter;
    private transient java.util.List<BackupPoint> copiesShown;
    private transient Map<Long, PointCopy> copies = Map.of();

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

    /** A point's copy on its job's copy target, if it has one; the copies of the page shown are read in one query. */
    public PointCopy copyOf(long pointId) {
        java.util.List<BackupPoint> shown = model.shown();
        if (shown != copiesShown || copies == null) {
            copies = copyRecords.of(shown.stream().map(BackupPoint::getId).toList());
            copiesShown = shown;
        }
        return copies.get(pointId);
    }
}
