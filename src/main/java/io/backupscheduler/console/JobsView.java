package io.backupscheduler.console;

import io.backupscheduler.errors.ConflictException;
import io.backupscheduler.errors.FieldError;
import io.backupscheduler.errors.InvalidInputException;
import io.backupscheduler.errors.NoSuchEntityException;
import io.backupscheduler.job.BackupJob;
import io.backupscheduler.job.BackupJobService;
import io.backupscheduler.job.JobKind;
import io.backupscheduler.job.JobSpec;
import io.backupscheduler.job.Priority;
import io.backupscheduler.queue.JobQueue;
import io.backupscheduler.queue.QueueEntry;
import io.backupscheduler.security.CurrentUser;
import jakarta.annotation.PostConstruct;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import io.backupscheduler.execution.ExecutionStatus;
import io.backupscheduler.execution.RestoreProofs;
import io.backupscheduler.execution.ResticOperations;
import io.backupscheduler.execution.RestoreRuns;
import io.backupscheduler.limit.SharedLimits;
import io.backupscheduler.secret.SecretStore;
import java.util.Map;
import org.primefaces.PrimeFaces;

/** The Jobs page: the lazy table and the create/edit dialog. Only admins may change jobs. */
@Named
@ViewScoped
public class JobsView implements Serializable {
    private static final String FORM = "jobForm";

    @Inject
    BackupJobService jobs;

    @Inject
    CurrentUser currentUser;

    @Inject
    JobQueue queue;

    @Inject
    RestoreRuns restoreRuns;

    @Inject
    ResticOperations resticOperations;

    @Inject
    SecretStore secrets;

    @Inject
    SharedLimits sharedLimits;

    @Inject
    RestoreProofs restoreProofs;

    @Inject
    Timestamps timestamps;

    private transient List<BackupJob> provenFor;
    private transient Map<Long, RestoreProofs.Proof> proofs = Map.of();

    private JobLazyDataModel model;
    private JobSpec spec = new JobSpec();
    private String exitCodesProblem;
    private Long editedId;

    @PostConstruct
    void init() {
        model = new JobLazyDataModel(jobs);
    }

    public void prepareCreate() {
        editedId = null;
        spec = new JobSpec();
        spec.setKind(JobKind.DIRECTORY);
    }

    public void prepareEdit(long id) {
        try {
            spec = JobSpec.of(jobs.get(id));
            editedId = id;
        } catch (NoSuchEntityException e) {
            globalError("This job no longer exists.");
        }
    }

    public void save() {
        FacesContext faces = FacesContext.getCurrentInstance();
        if (!currentUser.isCanManageJobs()) {
            globalError("Only admins may change jobs.");
            return;
        }
        if (exitCodesProblem != null) {
            fieldError(new FieldError("acceptedExitCodes", exitCodesProblem));
            faces.validationFailed();
            return;
        }
        if (spec.getKind() != JobKind.DIRECTORY) {
            spec.setEncrypt(false); // the switch shows for DIRECTORY jobs only: a hidden one set before the kind changed does not count
            spec.setCopyTarget(null); // likewise the copy target's fields
        }
        try {
            BackupJob saved = editedId == null ? jobs.create(spec) : jobs.update(editedId, spec);
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO,
                    (editedId == null ? "Created job " : "Saved job ") + saved.getName() + ".", null));
            PrimeFaces.current().ajax().addCallbackParam("saved", true);
        } catch (InvalidInputException | ConflictException | NoSuchEntityException e) {
            FormMessages.refused(FORM, e, "This job was deleted meanwhile.");
        }
    }

    public void delete(BackupJob job) {
        if (!currentUser.isCanManageJobs()) {
            globalError("Only admins may delete jobs.");
            return;
        }
        try {
            jobs.delete(job.getId());
            FacesContext.getCurrentInstance().addMessage(null,
                    new FacesMessage(FacesMessage.SEVERITY_INFO, "Deleted job " + job.getName() + ".", null));
        } catch (NoSuchEntityException e) {
            globalError("This job was already deleted.");
        } catch (ConflictException e) {
            globalError(e.getMessage());
        }
    }

    /** Queues a run of the job now, with its own priority. */
    public void run(BackupJob job) {
        if (!currentUser.isOperator()) {
            globalError("Only operators and admins may run jobs.");
            return;
        }
        try {
            QueueEntry entry = queue.add(job.getId(), null, null, Set.of(), null, null);
            FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO,
                    "Queued a run of " + job.getName() + " (entry #" + entry.getId() + ", " + entry.getStatus() + ").", null));
        } catch (NoSuchEntityException e) {
            globalError("This job no longer exists.");
        }
    }

    /** The restic options, one per line; blank lines are dropped. */
    public String getResticOptionsText() {
        return String.join("\n", spec.getRestic().getOptions());
    }

    public void setResticOptionsText(String text) {
        spec.getRestic().setOptions(text == null ? List.of() : text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList());
    }

    /** The secrets a RESTIC job can take its repository password from. */
    public List<String> getSecretNames() {
        return secrets.list().stream().map(SecretStore.SecretInfo::name).toList();
    }

    /** Queues a restore drill of the job's latest point now. */
    public void drill(BackupJob job) {
        if (!currentUser.isOperator()) {
            globalError("Only operators and admins may run restore drills.");
            return;
        }
        try {
            QueueEntry entry = restoreRuns.drill(job.getId(), currentUser.getName());
            FormMessages.info("Queued a restore drill of " + job.getName() + " (entry #" + entry.getId() + ").");
        } catch (NoSuchEntityException e) {
            globalError("This job no longer exists.");
        } catch (ConflictException e) {
            globalError(e.getMessage());
        }
    }

    /** restic unlock on a RESTIC job's repository: the stale locks go; a live restic's lock stays. */
    public void unlock(BackupJob job) {
        if (!currentUser.isOperator()) {
            globalError("Only operators and admins may unlock a repository.");
            return;
        }
        try {
            ResticOperations.Unlocked unlocked = resticOperations.unlock(job.getId(), false);
            FormMessages.info("restic unlock of " + job.getName() + ": " + unlocked.removed() + " of " + unlocked.before().size()
                    + " lock(s) removed" + (unlocked.after().isEmpty() ? "." : "; " + unlocked.after().size()
                    + " held by a running restic stay (the API's ?all=true removes them too)."));
        } catch (NoSuchEntityException e) {
            globalError("This job no longer exists.");
        } catch (ConflictException e) {
            globalError(e.getMessage());
        }
    }

    /**
     * "Last proven restorable" for a job of the page: when its latest successful drill ended, and whether the latest
     * drill failed since. The proofs of the whole page are read at once, the first time a row asks.
     */
    public String proven(BackupJob job) {
        List<BackupJob> shown = model.shown();
        if (shown != provenFor || !proofs.containsKey(job.getId())) {
            provenFor = shown;
            List<Long> ids = new java.util.ArrayList<>(shown.stream().map(BackupJob::getId).toList());
            ids.add(job.getId());
            proofs = restoreProofs.of(ids);
        }
        RestoreProofs.Proof proof = proofs.get(job.getId());
        String last = proof == null || proof.lastProvenAt() == null ? "never" : timestamps.utc(proof.lastProvenAt());
        boolean failedSince = proof != null && proof.latestStatus() != null && proof.latestStatus() != ExecutionStatus.SUCCEEDED;
        return failedSince ? last + " (latest drill " + proof.latestStatus() + ")" : last;
    }

    private void fieldError(FieldError error) {
        FormMessages.fieldError(FORM, error);
    }

    private static void globalError(String text) {
        FormMessages.globalError(text);
    }

    /** The command as one argument per line; blank lines are dropped. */
    public String getCommandText() {
        return String.join("\n", spec.getCommand());
    }

    public void setCommandText(String text) {
        spec.setCommand(text == null ? List.of()
                : Arrays.stream(text.split("\\R")).filter(line -> !line.isBlank()).toList());
    }

    public String getAdditionalSourcesText() {
        return String.join("\n", spec.getAdditionalSources());
    }

    public void setAdditionalSourcesText(String text) {
        spec.setAdditionalSources(lines(text));
    }

    public String getIncludesText() {
        return String.join("\n", spec.getIncludes());
    }

    public void setIncludesText(String text) {
        spec.setIncludes(lines(text));
    }

    public String getExcludesText() {
        return String.join("\n", spec.getExcludes());
    }

    public void setExcludesText(String text) {
        spec.setExcludes(lines(text));
    }

    /** The shared limits a job may use: "nas1 (2)" by name. */
    public List<jakarta.faces.model.SelectItem> getSharedLimitChoices() {
        return sharedLimits.list().stream()
                .map(limit -> new jakarta.faces.model.SelectItem(limit.name(), limit.name() + " (" + limit.capacity() + ")")).toList();
    }

    /** Placement labels as "host=db1, zone=eu". */
    public String getPlacementText() {
        return String.join(", ", spec.getPlacement());
    }

    public void setPlacementText(String text) {
        spec.setPlacement(text == null ? List.of()
                : Arrays.stream(text.split("[,\\s]+")).map(String::strip).filter(label -> !label.isEmpty()).toList());
    }

    private static List<String> lines(String text) {
        return text == null ? List.of() : Arrays.stream(text.split("\\R")).map(String::strip).filter(line -> !line.isEmpty()).toList();
    }

    /** Accepted exit codes as "0, 24". */
    public String getAcceptedExitCodesText() {
        return String.join(", ", spec.getAcceptedExitCodes().stream().map(String::valueOf).toList());
    }

    public void setAcceptedExitCodesText(String text) {
        exitCodesProblem = null;
        List<Integer> codes = new java.util.ArrayList<>();
        for (String part : (text == null ? "" : text).split("[,\\s]+")) {
            if (part.isEmpty()) {
                continue;
            }
            try {
                codes.add(Integer.valueOf(part));
            } catch (NumberFormatException e) {
                exitCodesProblem = "'" + part + "' is not a number: list exit codes separated by commas, e.g. 0, 24";
                return;
            }
        }
        spec.setAcceptedExitCodes(codes.isEmpty() ? List.of(0) : codes);
    }

    /** Every other job, by name, for "runs after" (the first 500: a longer list would need a search). */
    public List<jakarta.faces.model.SelectItem> getDependencyChoices() {
        return jobs.search(io.backupscheduler.job.JobQuery.all(), new io.backupscheduler.paging.PageRequest(0, 500,
                        List.of(io.backupscheduler.paging.SortOrder.asc("name")))).items().stream()
                .filter(job -> !job.getId().equals(editedId))
                .map(job -> new jakarta.faces.model.SelectItem(job.getId(), job.getName()))
                .toList();
    }

    public boolean isEditing() {
        return editedId != null;
    }

    public JobLazyDataModel getModel() {
        return model;
    }

    public JobSpec getSpec() {
        return spec;
    }

    public JobKind[] getKinds() {
        return JobKind.values();
    }

    public Priority[] getPriorities() {
        return Priority.values();
    }
}
