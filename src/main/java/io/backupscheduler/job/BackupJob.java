package io.backupscheduler.job;

import io.backupscheduler.persistence.IntegerListConverter;
import io.backupscheduler.persistence.StringListJsonConverter;
import io.backupscheduler.persistence.Timestamped;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** A backup job definition. Changed only through {@link #apply(JobSpec)}, which the service validates first. */
@Entity
@Table(name = "backup_job")
public class BackupJob extends Timestamped {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "backup_job_seq")
    @SequenceGenerator(name = "backup_job_seq", sequenceName = "backup_job_seq", allocationSize = 50)
    private Long id;

    @Column(nullable = false, length = JobSpec.MAX_NAME_LENGTH, unique = true)
    private String name;

    @Column(length = 1000)
    private String description;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private JobKind kind;

    @Column(name = "source_path", length = 4096)
    private String sourcePath;

    @Convert(converter = StringListJsonConverter.class)
    @Column(name = "additional_sources", length = 200_000)
    private List<String> additionalSources = new ArrayList<>();

    @Convert(converter = StringListJsonConverter.class)
    @Column(name = "include_patterns", length = 200_000)
    private List<String> includes = new ArrayList<>();

    @Convert(converter = StringListJsonConverter.class)
    @Column(name = "exclude_patterns", length = 200_000)
    private List<String> excludes = new ArrayList<>();

    @Convert(converter = StringListJsonConverter.class)
    @Column(name = "command_args", length = 300_000)
    private List<String> command = new ArrayList<>();

    @Convert(converter = IntegerListConverter.class)
    @Column(name = "accepted_exit_codes", length = 200)
    private List<Integer> acceptedExitCodes = new ArrayList<>(List.of(0));

    @Column(name = "target_path", nullable = false, length = 4096)
    private String targetPath;

    @Column(nullable = false)
    private Priority priority = Priority.NORMAL;

    @Column(name = "max_retries", nullable = false)
    private int maxRetries = 3;

    @Embedded
    private ResourceLimits limits = new ResourceLimits();

    @Embedded
    private Retention retention = new Retention();

    @Embedded
    private RestoreDrill drill = new RestoreDrill();

    @Embedded
    private ResticSettings restic = new ResticSettings();

    // the copy target (CopyTarget), column by column
    @Column(name = "copy_endpoint", length = 2000)
    private String copyEndpoint;

    @Column(name = "copy_region", length = 64)
    private String copyRegion;

    @Column(name = "copy_bucket", length = 63)
    private String copyBucket;

    @Column(name = "copy_prefix", length = 512)
    private String copyPrefix;

    @Column(name = "copy_path_style")
    private Boolean copyPathStyle;

    @Column(name = "copy_access_key_id", length = 128)
    private String copyAccessKeyId;

    @Column(name = "copy_secret_key_secret", length = 100)
    private String copySecretKeySecret;

    @Enumerated(EnumType.STRING)
    @Column(name = "copy_mode", nullable = false, length = 8)
    private BucketMode copyMode = BucketMode.COPY;

    @Column(nullable = false)
    private boolean enabled = true;

    /** Whether its points are encrypted (DIRECTORY jobs). */
    @Column(nullable = false)
    private boolean encrypt;

    /** Jobs whose runs must succeed before a run of this one (validated by the service: no cycles). */
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "backup_job_dependency", joinColumns = @JoinColumn(name = "job_id"))
    @Column(name = "depends_on_job_id", nullable = false)
    private Set<Long> dependsOn = new HashSet<>();

    /** Labels the node that runs it must have, all of them; the queue's claim reads this table. */
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "backup_job_placement", joinColumns = @JoinColumn(name = "job_id"))
    @Column(name = "label", nullable = false, length = 200)
    private Set<String> placement = new HashSet<>();

    /** Shared limits its runs each hold a unit of; the queue's claim counts them through this table. */
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "backup_job_shared_limit", joinColumns = @JoinColumn(name = "job_id"))
    @Column(name = "limit_name", nullable = false, length = 100)
    private Set<String> sharedLimits = new HashSet<>();

    /** Whether other nodes first leave its runs to the node of its last success (the claim reads both columns). */
    @Column(name = "prefer_last_node", nullable = false)
    private boolean preferLastNode;

    /** The node its last successful backup ran on; written by the run's completion, not by edits. */
    @Column(name = "last_success_node", length = 100, insertable = false, updatable = false)
    private String lastSuccessNode;

    /** Copies a validated spec into this job; text is trimmed and blank optional text becomes null. */
    public void apply(JobSpec spec) {
        name = spec.getName().strip();
        description = blankToNull(spec.getDescription());
        kind = spec.getKind();
        boolean directory = kind == JobKind.DIRECTORY || kind == JobKind.RESTIC; // both read sources with globs
        sourcePath = directory ? blankToNull(spec.getSourcePath()) : null;
        additionalSources = directory ? spec.getAdditionalSources().stream().map(String::strip).toList() : List.of();
        includes = directory ? spec.getIncludes().stream().map(String::strip).toList() : List.of();
        excludes = directory ? spec.getExcludes().stream().map(String::strip).toList() : List.of();
        command = kind == JobKind.COMMAND ? List.copyOf(spec.getCommand()) : List.of();
        acceptedExitCodes = kind == JobKind.COMMAND ? spec.getAcceptedExitCodes().stream().distinct().sorted().toList() : List.of(0);
        restic = kind == JobKind.RESTIC && spec.getRestic() != null ? spec.getRestic().cleaned() : new ResticSettings();
        // a RESTIC job writes to its repository: a local one is its target (free space, roots), a remote one has none here
        targetPath = kind != JobKind.RESTIC ? spec.getTargetPath().strip() : restic.localRepository() ? restic.getRepository() : "";
        priority = spec.getPriority();
        maxRetries = spec.getMaxRetries();
        limits = spec.getLimits() == null ? new ResourceLimits() : spec.getLimits().copy();
        retention = spec.getRetention() == null ? new Retention() : spec.getRetention().copy();
        drill = spec.getDrill() == null ? new RestoreDrill() : spec.getDrill().copy();
        enabled = spec.getEnabled();
        encrypt = kind == JobKind.DIRECTORY && Boolean.TRUE.equals(spec.getEncrypt());
        CopyTarget copy = kind == JobKind.DIRECTORY && spec.getCopyTarget() != null ? spec.getCopyTarget().cleaned() : new CopyTarget();
        copyEndpoint = copy.getEndpoint();
        copyRegion = copy.getRegion();
        copyBucket = copy.getBucket();
        copyPrefix = copy.getPrefix();
        copyPathStyle = copy.getPathStyle();
        copyAccessKeyId = copy.getAccessKeyId();
        copySecretKeySecret = copy.getSecretKeySecret();
        copyMode = copy.getMode() == null ? BucketMode.COPY : copy.getMode();
        dependsOn = new HashSet<>(spec.getDependsOn());
        placement = new HashSet<>(spec.getPlacement().stream().map(String::strip).toList());
        preferLastNode = Boolean.TRUE.equals(spec.getPreferLastNode());
        sharedLimits = new HashSet<>(spec.getSharedLimits());
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public String getDescription() {
        return description;
    }

    public JobKind getKind() {
        return kind;
    }

    public String getSourcePath() {
        return sourcePath;
    }

    public List<String> getAdditionalSources() {
        return additionalSources == null ? List.of() : List.copyOf(additionalSources);
    }

    /** sourcePath then the additional sources: every directory a DIRECTORY job backs up. */
    public List<String> getSources() {
        List<String> sources = new ArrayList<>();
        if (sourcePath != null) {
            sources.add(sourcePath);
        }
        sources.addAll(getAdditionalSources());
        return sources;
    }

    public List<String> getIncludes() {
        return includes == null ? List.of() : List.copyOf(includes);
    }

    public List<String> getExcludes() {
        return excludes == null ? List.of() : List.copyOf(excludes);
    }

    /** Exit codes that count as success; 0 alone unless the job says otherwise. */
    public List<Integer> getAcceptedExitCodes() {
        return acceptedExitCodes == null || acceptedExitCodes.isEmpty() ? List.of(0) : List.copyOf(acceptedExitCodes);
    }

    public List<String> getCommand() {
        return command == null ? List.of() : List.copyOf(command);
    }

    /** The command as a person would type it, arguments with spaces or quotes in single quotes; for display only. */
    public String getCommandLine() {
        return String.join(" ", getCommand().stream()
                .map(arg -> arg.isEmpty() || arg.matches(".*[\\s'\"\\\\].*") ? "'" + arg.replace("'", "'\\''") + "'" : arg)
                .toList());
    }

    public String getTargetPath() {
        return targetPath;
    }

    public Priority getPriority() {
        return priority;
    }

    public int getMaxRetries() {
        return maxRetries;
    }

    public ResourceLimits getLimits() {
        // Hibernate leaves an embeddable whose columns are all null as null.
        return limits == null ? new ResourceLimits() : limits;
    }

    /** Where the job's verified points are copied; {@link CopyTarget#isSet()} false: nowhere. */
    public CopyTarget getCopyTarget() {
        return new CopyTarget(copyEndpoint, copyRegion, copyBucket, copyPrefix, copyPathStyle, copyAccessKeyId, copySecretKeySecret,
                copyBucket == null ? null : copyMode);
    }

    public ResticSettings getRestic() {
        return restic == null ? new ResticSettings() : restic;
    }

    public RestoreDrill getDrill() {
        return drill == null ? new RestoreDrill() : drill;
    }

    public Retention getRetention() {
        return retention == null ? new Retention() : retention;
    }

    public boolean isEncrypt() {
        return encrypt;
    }

    public boolean isEnabled() {
        return enabled;
    }

    /** The labels its runs need on their node, sorted; empty: any node. */
    public List<String> getPlacement() {
        return placement == null ? List.of() : List.copyOf(new TreeSet<>(placement));
    }

    /** The shared limits its runs hold, sorted. */
    public List<String> getSharedLimits() {
        return sharedLimits == null ? List.of() : List.copyOf(new TreeSet<>(sharedLimits));
    }

    public boolean isPreferLastNode() {
        return preferLastNode;
    }

    public String getLastSuccessNode() {
        return lastSuccessNode;
    }

    /** The jobs this one runs after, sorted. */

    public Set<Long> getDependsOn() {
        return dependsOn == null ? Set.of() : new TreeSet<>(dependsOn);
    }
}
