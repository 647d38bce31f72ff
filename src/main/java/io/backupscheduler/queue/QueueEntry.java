package io.backupscheduler.queue;

import io.backupscheduler.job.BackupJob;
import io.backupscheduler.job.Priority;
import io.backupscheduler.persistence.Timestamped;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/** One run of a job waiting, running or done in the queue. State changes go through {@link QueueStore}. */
@Entity
@Table(name = "queue_entry")
public class QueueEntry extends Timestamped implements QueueOrder.Ordered {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "queue_entry_seq")
    @SequenceGenerator(name = "queue_entry_seq", sequenceName = "queue_entry_seq", allocationSize = 50)
    private Long id;

    @ManyToOne(fetch = FetchType.EAGER, optional = false) // shown with every entry
    @JoinColumn(name = "job_id", nullable = false)
    private BackupJob job;

    @Column(nullable = false)
    private Priority priority;

    @Column(name = "job_data", length = 16000)
    private String jobData;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private RunPurpose purpose = RunPurpose.BACKUP;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private QueueStatus status;

    @Column(name = "scheduled_at", nullable = false)
    private Instant scheduledAt;

    @Column(name = "not_before", nullable = false)
    private Instant notBefore;

    /** Attempts since the entry was queued or last retried by hand: what max attempts limits. */
    @Column(nullable = false)
    private int attempts;

    /** Attempts in all, never reset: numbers the attempt history. */
    @Column(name = "attempts_ever", nullable = false)
    private int attemptsEver;

    @Column(name = "max_attempts", nullable = false)
    private int maxAttempts;

    @Enumerated(EnumType.STRING)
    @Column(name = "on_dependency_failure", nullable = false, length = 16)
    private DependencyFailurePolicy onDependencyFailure;

    @Column(name = "last_error", length = 4000)
    private String lastError;

    @Column(name = "status_reason", length = 1000)
    private String statusReason;

    @Column(name = "lease_owner", length = 100)
    private String leaseOwner;

    @Column(name = "lease_expires_at")
    private Instant leaseExpiresAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    /** The schedule that queued this run, if one did: what its overlap policy looks at. */
    @Column(name = "schedule_id")
    private Long scheduleId;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "queue_dependency", joinColumns = @JoinColumn(name = "entry_id"))
    @Column(name = "depends_on_id", nullable = false)
    private Set<Long> dependsOn = new HashSet<>();

    /** Jobs whose next success this entry waits for (job-level dependencies with no open or recent run). */
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "queue_job_wait", joinColumns = @JoinColumn(name = "entry_id"))
    @Column(name = "job_id", nullable = false)
    private Set<Long> waitsForJobs = new HashSet<>();

    protected QueueEntry() {
    }

    QueueEntry(BackupJob job, Priority priority, String jobData, Instant scheduledAt, int maxAttempts,
               DependencyFailurePolicy onDependencyFailure) {
        this.job = job;
        this.priority = priority;
        this.jobData = jobData;
        this.scheduledAt = scheduledAt;
        this.notBefore = scheduledAt;
        this.maxAttempts = maxAttempts;
        this.onDependencyFailure = onDependencyFailure;
        this.status = QueueStatus.PENDING;
    }

    void moveTo(QueueStatus next, String reason) {
        status = next;
        statusReason = reason;
    }

    void claimedBy(String node, Instant leaseUntil) {
        status = QueueStatus.RUNNING;
        attempts++;
        attemptsEver++;
        leaseOwner = node;
        leaseExpiresAt = leaseUntil;
        statusReason = null;
    }

    void renewLease(Instant leaseUntil) {
        leaseExpiresAt = leaseUntil;
    }

    void released(QueueStatus next, Instant at, String error) {
        status = next;
        leaseOwner = null;
        leaseExpiresAt = null;
        if (error != null) {
            lastError = error.length() > 4000 ? error.substring(0, 4000) : error;
        }
        if (next.isFinal()) {
            finishedAt = at;
        }
    }

    /** Undoes a claim that did not start a run: the attempt does not count and the entry waits with a reason. */
    void handedBack(Instant notBefore, String reason) {
        status = QueueStatus.READY;
        attempts = Math.max(0, attempts - 1);
        attemptsEver = Math.max(0, attemptsEver - 1);
        leaseOwner = null;
        leaseExpiresAt = null;
        this.notBefore = notBefore;
        statusReason = reason == null ? null : reason.length() > 1000 ? reason.substring(0, 1000) : reason;
    }

    void waitUntil(Instant instant) {
        notBefore = instant;
    }

    void resetForRetry(Instant now) {
        attempts = 0;
        status = QueueStatus.READY;
        statusReason = "retried by hand";
        notBefore = now;
        finishedAt = null;
    }

    void addDependencies(Set<Long> ids) {
        dependsOn.addAll(ids);
    }

    void waitForJobs(Set<Long> jobIds) {
        waitsForJobs.addAll(jobIds);
    }

    void jobSucceeded(long jobId) {
        waitsForJobs.remove(jobId);
    }

    @Override
    public long id() {
        return id;
    }

    @Override
    public int priorityRank() {
        return priority.rank();
    }

    @Override
    public Instant scheduledAt() {
        return scheduledAt;
    }

    public Long getId() {
        return id;
    }

    public Long getScheduleId() {
        return scheduleId;
    }

    void queuedBy(Long scheduleId) {
        this.scheduleId = scheduleId;
    }

    public BackupJob getJob() {
        return job;
    }

    public Priority getPriority() {
        return priority;
    }

    public RunPurpose getPurpose() {
        return purpose;
    }

    void purpose(RunPurpose purpose) {
        this.purpose = purpose;
    }

    public String getJobData() {
        return jobData;
    }

    public QueueStatus getStatus() {
        return status;
    }

    public Instant getScheduledAt() {
        return scheduledAt;
    }

    public Instant getNotBefore() {
        return notBefore;
    }

    public int getAttempts() {
        return attempts;
    }

    public int getAttemptsEver() {
        return attemptsEver;
    }

    public int getMaxAttempts() {
        return maxAttempts;
    }

    public DependencyFailurePolicy getOnDependencyFailure() {
        return onDependencyFailure;
    }

    public String getLastError() {
        return lastError;
    }

    public String getStatusReason() {
        return statusReason;
    }

    public String getLeaseOwner() {
        return leaseOwner;
    }

    public Instant getLeaseExpiresAt() {
        return leaseExpiresAt;
    }

    public Instant getFinishedAt() {
        return finishedAt;
    }

    public Set<Long> getDependsOn() {
        return Set.copyOf(dependsOn);
    }

    public Set<Long> getWaitsForJobs() {
        return Set.copyOf(waitsForJobs);
    }
}
