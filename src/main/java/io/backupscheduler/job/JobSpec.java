package io.backupscheduler.job;

import io.backupscheduler.lib.placement.Labels;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.List;

/**
 * What a client asks a job to be: the input of create and update, from the API (JSON-B) and the console
 * (Faces EL, hence a JavaBean). Defaults are those of a new job. {@code version} is the version the client
 * last saw; an update with another version is refused as stale.
 */
@ConsistentWithKind
public class JobSpec implements java.io.Serializable {
    public static final int MAX_NAME_LENGTH = 100;

    @NotBlank(message = "is required")
    @Size(max = MAX_NAME_LENGTH, message = "must be at most {max} characters")
    @Pattern(regexp = "([\\p{L}\\p{N}][\\p{L}\\p{N} ._-]*)?", // empty: @NotBlank speaks
            message = "must start with a letter or digit and contain only letters, digits, spaces, '.', '_' and '-'")
    private String name;

    @Size(max = 1000, message = "must be at most {max} characters")
    private String description;

    @NotNull(message = "is required: DIRECTORY, COMMAND or RESTIC")
    private JobKind kind;

    @Size(max = 4096, message = "must be at most {max} characters")
    @SafeAbsolutePath
    private String sourcePath;

    @Size(max = 31, message = "may have at most {max} items")
    private List<@NotBlank(message = "must not be blank") @Size(max = 4096, message = "must be at most {max} characters")
            @SafeAbsolutePath String> additionalSources = new ArrayList<>();

    @Size(max = 100, message = "may have at most {max} patterns")
    private List<@NotNull(message = "must not be null") @Size(max = 1000, message = "must be at most {max} characters") String> includes
            = new ArrayList<>();

    @Size(max = 100, message = "may have at most {max} patterns")
    private List<@NotNull(message = "must not be null") @Size(max = 1000, message = "must be at most {max} characters") String> excludes
            = new ArrayList<>();

    @Size(max = 64, message = "may have at most {max} items")
    private List<@NotBlank(message = "must not be blank") @Size(max = 4096, message = "must be at most {max} characters") String> command = new ArrayList<>();

    @Size(min = 1, max = 32, message = "must list between {min} and {max} exit codes")
    private List<@NotNull(message = "must not be null") @Min(value = 0, message = "must be between 0 and 255")
            @Max(value = 255, message = "must be between 0 and 255") Integer> acceptedExitCodes = new ArrayList<>(List.of(0));

    @Size(max = 4096, message = "must be at most {max} characters")
    @SafeAbsolutePath
    private String targetPath; // required for DIRECTORY and COMMAND jobs: ConsistentWithKind

    @NotNull(message = "is required: CRITICAL, HIGH, NORMAL, LOW or BACKGROUND")
    private Priority priority = Priority.NORMAL;

    @NotNull(message = "is required")
    @Min(value = 0, message = "must be between 0 and 100")
    @Max(value = 100, message = "must be between 0 and 100")
    private Integer maxRetries = 3;

    @Valid
    private ResourceLimits limits = new ResourceLimits();

    @Valid
    private Retention retention = new Retention();

    @Valid
    private RestoreDrill drill = new RestoreDrill();

    @Valid
    private ResticSettings restic = new ResticSettings();

    @Valid
    private CopyTarget copyTarget = new CopyTarget();

    @NotNull(message = "is required")
    private Boolean enabled = Boolean.TRUE;

    /** Encrypt the job's points (DIRECTORY jobs; a RESTIC repository is always encrypted). */
    private Boolean encrypt = Boolean.FALSE;

    @Size(max = 50, message = "may name at most {max} jobs")
    private List<@NotNull(message = "must not be null") Long> dependsOn = new ArrayList<>();

    /** Labels the node that runs the job must have, all of them ({@code host=db1}); empty: any node. */
    @Size(max = 20, message = "may name at most {max} labels")
    private List<@NotNull(message = "must not be null") @Pattern(regexp = Labels.LABEL_REGEX, message = Labels.RULE) String> placement
            = new ArrayList<>();

    /** Prefer the node of the job's last successful run; other nodes leave its runs alone for a while first. */
    private Boolean preferLastNode = Boolean.FALSE;

    /** Shared limits its runs each hold a unit of while they run ({@code nas1}); empty: none. */
    @Size(max = 10, message = "may name at most {max} shared limits")
    private List<@NotNull(message = "must not be null") @Pattern(regexp = "[a-z0-9][a-z0-9._-]{0,99}",
            message = "must be a shared limit's name: lower-case letters, digits, '.', '_' or '-'") String> sharedLimits = new ArrayList<>();

    private Long version;

    /** The spec that reproduces a stored job, for editing it. */
    public static JobSpec of(BackupJob job) {
        JobSpec spec = new JobSpec();
        spec.name = job.getName();
        spec.description = job.getDescription();
        spec.kind = job.getKind();
        spec.sourcePath = job.getSourcePath();
        spec.additionalSources = new ArrayList<>(job.getAdditionalSources());
        spec.includes = new ArrayList<>(job.getIncludes());
        spec.excludes = new ArrayList<>(job.getExcludes());
        spec.command = new ArrayList<>(job.getCommand());
        spec.acceptedExitCodes = new ArrayList<>(job.getAcceptedExitCodes());
        spec.targetPath = job.getTargetPath();
        spec.priority = job.getPriority();
        spec.maxRetries = job.getMaxRetries();
        spec.limits = job.getLimits().copy();
        spec.retention = job.getRetention().copy();
        spec.drill = job.getDrill().copy();
        spec.restic = job.getRestic().copy();
        spec.copyTarget = job.getCopyTarget().copy();
        if (job.getKind() == JobKind.RESTIC) {
            spec.targetPath = null; // derived from the repository
        }
        spec.enabled = job.isEnabled();
        spec.encrypt = job.isEncrypt();
        spec.dependsOn = new ArrayList<>(job.getDependsOn());
        spec.placement = new ArrayList<>(job.getPlacement());
        spec.preferLastNode = job.isPreferLastNode();
        spec.sharedLimits = new ArrayList<>(job.getSharedLimits());
        spec.version = job.getVersion();
        return spec;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public JobKind getKind() {
        return kind;
    }

    public void setKind(JobKind kind) {
        this.kind = kind;
    }

    public String getSourcePath() {
        return sourcePath;
    }

    public void setSourcePath(String sourcePath) {
        this.sourcePath = sourcePath;
    }

    /** More directories backed up with sourcePath, each stored under its own directory name. */
    public List<String> getAdditionalSources() {
        return additionalSources;
    }

    public void setAdditionalSources(List<String> additionalSources) {
        this.additionalSources = additionalSources == null ? new ArrayList<>() : new ArrayList<>(additionalSources);
    }

    /** Globs a file must match to be backed up (none: every file); see FileSelection for the syntax. */
    public List<String> getIncludes() {
        return includes;
    }

    public void setIncludes(List<String> includes) {
        this.includes = includes == null ? new ArrayList<>() : new ArrayList<>(includes);
    }

    /** Globs of files and directories left out. */
    public List<String> getExcludes() {
        return excludes;
    }

    public void setExcludes(List<String> excludes) {
        this.excludes = excludes == null ? new ArrayList<>() : new ArrayList<>(excludes);
    }

    /** Exit codes of a COMMAND that count as success (default 0 only), e.g. rsync's 24 "some files vanished". */
    public List<Integer> getAcceptedExitCodes() {
        return acceptedExitCodes;
    }

    public void setAcceptedExitCodes(List<Integer> acceptedExitCodes) {
        this.acceptedExitCodes = acceptedExitCodes == null ? new ArrayList<>(List.of(0)) : new ArrayList<>(acceptedExitCodes);
    }

    public List<String> getCommand() {
        return command;
    }

    public void setCommand(List<String> command) {
        this.command = command == null ? new ArrayList<>() : new ArrayList<>(command);
    }

    public String getTargetPath() {
        return targetPath;
    }

    public void setTargetPath(String targetPath) {
        this.targetPath = targetPath;
    }

    public Priority getPriority() {
        return priority;
    }

    public void setPriority(Priority priority) {
        this.priority = priority;
    }

    public Integer getMaxRetries() {
        return maxRetries;
    }

    public void setMaxRetries(Integer maxRetries) {
        this.maxRetries = maxRetries;
    }

    public Retention getRetention() {
        return retention;
    }

    /** Where verified points are copied (DIRECTORY jobs); an empty bucket: no copies. */
    public CopyTarget getCopyTarget() {
        return copyTarget;
    }

    public void setCopyTarget(CopyTarget copyTarget) {
        this.copyTarget = copyTarget == null ? new CopyTarget() : copyTarget;
    }

    public ResticSettings getRestic() {
        return restic;
    }

    public void setRestic(ResticSettings restic) {
        this.restic = restic == null ? new ResticSettings() : restic;
    }

    public RestoreDrill getDrill() {
        return drill;
    }

    public void setDrill(RestoreDrill drill) {
        this.drill = drill == null ? new RestoreDrill() : drill;
    }

    public void setRetention(Retention retention) {
        this.retention = retention == null ? new Retention() : retention;
    }

    public ResourceLimits getLimits() {
        return limits;
    }

    public void setLimits(ResourceLimits limits) {
        this.limits = limits == null ? new ResourceLimits() : limits;
    }

    public Boolean getEnabled() {
        return enabled;
    }

    public Boolean getEncrypt() {
        return encrypt;
    }

    public void setEncrypt(Boolean encrypt) {
        this.encrypt = encrypt;
    }

    public void setEnabled(Boolean enabled) {
        this.enabled = enabled;
    }

    public List<String> getPlacement() {
        return placement;
    }

    public void setPlacement(List<String> placement) {
        this.placement = placement == null ? new ArrayList<>() : new ArrayList<>(placement);
    }

    public Boolean getPreferLastNode() {
        return preferLastNode;
    }

    public void setPreferLastNode(Boolean preferLastNode) {
        this.preferLastNode = preferLastNode == null ? Boolean.FALSE : preferLastNode;
    }

    public List<String> getSharedLimits() {
        return sharedLimits;
    }

    public void setSharedLimits(List<String> sharedLimits) {
        this.sharedLimits = sharedLimits == null ? new ArrayList<>() : new ArrayList<>(sharedLimits);
    }

    /** Ids of the jobs this one runs after. */

    public List<Long> getDependsOn() {
        return dependsOn;
    }

    public void setDependsOn(List<Long> dependsOn) {
        this.dependsOn = dependsOn == null ? new ArrayList<>() : new ArrayList<>(dependsOn);
    }

    public Long getVersion() {
        return version;
    }

    public void setVersion(Long version) {
        this.version = version;
    }
}
