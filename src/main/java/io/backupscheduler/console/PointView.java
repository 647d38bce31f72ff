package io.backupscheduler.console;

import io.backupscheduler.backup.BackupCatalogue;
import io.backupscheduler.backup.BackupPoint;
import io.backupscheduler.backup.BackupPoints;
import io.backupscheduler.backup.PointStatus;
import io.backupscheduler.errors.ConflictException;
import io.backupscheduler.errors.InvalidInputException;
import io.backupscheduler.errors.NoSuchEntityException;
import io.backupscheduler.job.BackupJobService;
import io.backupscheduler.lib.archive.FileIndex;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A backup point's page: what it holds, one directory at a time (a breadcrumb to go back up, a search under the
 * directory), the versions of a file across the job's points, and what changed since another point of the job.
 */
@Named
@ViewScoped
public class PointView implements Serializable {
    private static final int DIFF_LIMIT = 200;

    @Inject
    BackupPoints points;

    @Inject
    BackupCatalogue catalogue;

    @Inject
    BackupJobService jobs;

    @Inject
    io.backupscheduler.backup.PointCopyRecords copyRecords;

    private String id;
    private BackupPoint point;
    private String jobName;
    private String directory = "";
    private String query;
    private String searchText;
    private CatalogueLazyDataModel files;
    private String versionsOf;
    private List<VersionRow> versions = List.of();
    private Long against;
    private Difference difference;
    private List<BackupPoint> others = List.of();
    private transient io.backupscheduler.backup.PointCopy copy;
    private transient boolean copyRead;

    /** One step of the breadcrumb: a directory's name and path ("" for the root). */
    public static final class Crumb implements Serializable {
        private final String name;
        private final String path;

        Crumb(String name, String path) {
            this.name = name;
            this.path = path;
        }

        public String getName() {
            return name;
        }

        public String getPath() {
            return path;
        }
    }

    /** One version of a file: the point that holds it and the file there. */
    public static final class VersionRow implements Serializable {
        private final long pointId;
        private final String pointKind;
        private final Instant pointStartedAt;
        private final CatalogueRow file;

        VersionRow(BackupCatalogue.Version version) {
            this.pointId = version.pointId();
            this.pointKind = version.kind().name();
            this.pointStartedAt = version.pointStartedAt();
            this.file = new CatalogueRow(version.file());
        }

        public long getPointId() {
            return pointId;
        }

        public String getPointKind() {
            return pointKind;
        }

        public Instant getPointStartedAt() {
            return pointStartedAt;
        }

        public CatalogueRow getFile() {
            return file;
        }
    }

    /** What changed since another point, each list cut at {@link #DIFF_LIMIT}. */
    public static final class Difference implements Serializable {
        private final long against;
        private final List<CatalogueRow> added;
        private final List<CatalogueRow> changed;
        private final List<CatalogueRow> deleted;
        private final long addedTotal;
        private final long changedTotal;
        private final long deletedTotal;

        Difference(long against, FileIndex.Difference d) {
            this.against = against;
            this.added = d.added().stream().map(CatalogueRow::new).toList();
            this.changed = d.changed().stream().map(CatalogueRow::new).toList();
            this.deleted = d.deleted().stream().map(CatalogueRow::new).toList();
            this.addedTotal = d.addedTotal();
            this.changedTotal = d.changedTotal();
            this.deletedTotal = d.deletedTotal();
        }

        public long getAgainst() {
            return against;
        }

        public List<CatalogueRow> getAdded() {
            return added;
        }

        public List<CatalogueRow> getChanged() {
            return changed;
        }

        public List<CatalogueRow> getDeleted() {
            return deleted;
        }

        public long getAddedTotal() {
            return addedTotal;
        }

        public long getChangedTotal() {
            return changedTotal;
        }

        public long getDeletedTotal() {
            return deletedTotal;
        }
    }

    /** Loads the point named by the id view parameter; a missing or unknown one shows a message instead. */
    public void load() {
        point = null;
        try {
            point = points.get(Long.parseLong(id == null ? "" : id.strip()));
            jobName = jobs.get(point.getJobId()).getName();
            others = points.usable(point.getJobId()).stream().filter(p -> p.getId() != point.getId()).toList();
        } catch (NumberFormatException | NoSuchEntityException e) {
            FormMessages.globalError("There is no backup point " + (id == null ? "" : "#" + id) + ".");
            return;
        }
        show("", null);
    }

    /** Whether the point can be browsed (written or verified). */
    public boolean isBrowsable() {
        return point != null && (point.getStatus() == PointStatus.WRITTEN || point.getStatus() == PointStatus.VERIFIED);
    }

    public void open(String path) {
        show(path == null ? "" : path, null);
    }

    public void search() {
        show(directory, searchText == null || searchText.isBlank() ? null : searchText.strip());
    }

    public void clearSearch() {
        searchText = null;
        show(directory, null);
    }

    private void show(String path, String text) {
        directory = path;
        query = text;
        files = isBrowsable() ? new CatalogueLazyDataModel(catalogue, point.getId(), directory, query) : null;
    }

    public void showVersions(String path) {
        versionsOf = path;
        try {
            versions = catalogue.versions(point.getJobId(), path).stream().map(VersionRow::new).toList();
        } catch (NoSuchEntityException | ConflictException | InvalidInputException e) {
            versions = List.of();
            FormMessages.globalError(e.getMessage());
        }
    }

    /** Compares this point with the chosen one of the same job. */
    public void compare() {
        difference = null;
        if (against == null) {
            FormMessages.globalError("Choose a point to compare with.");
            return;
        }
        try {
            difference = new Difference(against, catalogue.diff(point.getId(), against, DIFF_LIMIT));
        } catch (NoSuchEntityException | ConflictException | InvalidInputException e) {
            FormMessages.globalError(e.getMessage());
        }
    }

    /** The other browsable points of the job when the page opened, newest first: what this one can be compared with. */
    public List<BackupPoint> getOthers() {
        return others;
    }

    public List<Crumb> getBreadcrumb() {
        List<Crumb> crumbs = new ArrayList<>();
        crumbs.add(new Crumb("/", ""));
        if (!directory.isEmpty()) {
            String path = "";
            for (String name : directory.split("/")) {
                path = path.isEmpty() ? name : path + "/" + name;
                crumbs.add(new Crumb(name, path));
            }
        }
        return crumbs;
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public BackupPoint getPoint() {
        return point;
    }

    /** The point's copy on its job's copy target (read once per view; the page shows it several times); null: none. */
    public io.backupscheduler.backup.PointCopy getCopy() {
        if (!copyRead && point != null && point.getId() != null) {
            copy = copyRecords.of(point.getId()).orElse(null);
            copyRead = true;
        }
        return copy;
    }

    public String getJobName() {
        return jobName;
    }

    public String getDirectory() {
        return directory;
    }

    public String getQuery() {
        return query;
    }

    public String getSearchText() {
        return searchText;
    }

    public void setSearchText(String searchText) {
        this.searchText = searchText;
    }

    public CatalogueLazyDataModel getFiles() {
        return files;
    }

    public String getVersionsOf() {
        return versionsOf;
    }

    public List<VersionRow> getVersions() {
        return versions;
    }

    public Long getAgainst() {
        return against;
    }

    public void setAgainst(Long against) {
        this.against = against;
    }

    public Difference getDifference() {
        return difference;
    }
}
