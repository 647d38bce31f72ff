package io.backupscheduler.execution;

import io.backupscheduler.audit.AuditLog;
import io.backupscheduler.backup.BackupKind;
import io.backupscheduler.backup.BackupPoint;
import io.backupscheduler.backup.ResticSnapshots;
import io.backupscheduler.errors.ConflictException;
import io.backupscheduler.job.BackupJob;
import io.backupscheduler.job.BackupJobService;
import io.backupscheduler.job.JobKind;
import io.backupscheduler.job.ResticSettings;
import io.backupscheduler.lib.archive.ManifestEntry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * restic on a RESTIC job's repository for an operator, outside any run: a snapshot's files (for the catalogue and
 * restores), the retention's forget (dry run or for real), and the repository's locks, which only an operator
 * removes: a lock left by a crashed run is never taken away silently.
 */
@ApplicationScoped
public class ResticOperations implements ResticSnapshots {
    private static final Pattern LOCK_ID = Pattern.compile("[0-9a-f]{64}");

    @Inject
    ResticRepository restic;

    @Inject
    BackupJobService jobs;

    @Inject
    AuditLog audit;

    /** What an unlock did: the locks before and those still there (restic keeps a live process's lock unless told all). */
    public record Unlocked(List<String> before, List<String> after, int removed, boolean all) {
    }

    @Override
    public List<ManifestEntry> files(BackupPoint point) {
        if (point.getKind() != BackupKind.RESTIC) {
            throw new IllegalArgumentException("backup point " + point.getId() + " is no restic snapshot");
        }
        ResticSettings repository = repositoryOf(jobs.get(point.getJobId()));
        repository.setRepository(point.getArchivePath()); // where the snapshot was written, though the job may have moved on
        List<ManifestEntry> files = new ArrayList<>();
        ResticRepository.Result listed = restic.operate(repository, "ls", List.of("ls", "--json", "--no-lock", point.getSnapshotId()),
                line -> ResticMessages.file(line, point.getId()).ifPresent(files::add));
        if (!listed.succeeded()) {
            throw new ConflictException("snapshot", ResticRepository.failure("ls", listed, repository));
        }
        return files;
    }

    @Override
    public List<String> forget(BackupJob job, boolean dryRun) {
        ResticSettings repository = repositoryOf(job);
        List<String> arguments = ResticForget.arguments(job.getId(), job.getRetention(), dryRun);
        if (arguments.isEmpty()) {
            return List.of();
        }
        List<String> output = new ArrayList<>();
        ResticRepository.Result forgot = restic.operate(repository, "forget", arguments, output::add);
        if (!forgot.succeeded()) {
            throw new ConflictException("repository", ResticRepository.failure("forget", forgot, repository));
        }
        return ResticForget.removedSnapshots(output);
    }

    /** The ids of the locks in the job's repository now. */
    public List<String> locks(long jobId) {
        ResticSettings repository = repositoryOf(jobs.get(jobId));
        return locks(repository);
    }

    /**
     * restic unlock on the job's repository: the stale locks (their process gone, or older than restic's limit), or
     * with {@code all} every lock, a live run's too. Audited.
     */
    public Unlocked unlock(long jobId, boolean all) {
        BackupJob job = jobs.get(jobId);
        ResticSettings repository = repositoryOf(job);
        List<String> before = locks(repository);
        ResticRepository.Result unlocked = restic.operate(repository, "unlock", all ? List.of("unlock", "--remove-all") : List.of("unlock"),
                null);
        if (!unlocked.succeeded()) {
            throw new ConflictException("repository", ResticRepository.failure("unlock", unlocked, repository));
        }
        List<String> after = locks(repository);
        Unlocked result = new Unlocked(before, after, (int) before.stream().filter(lock -> !after.contains(lock)).count(), all);
        audit.record("restic.unlock", "job", jobId, "restic unlock" + (all ? " --remove-all" : "") + " of " + repository.getRepository()
                + ": " + result.removed() + " of " + before.size() + " lock(s) removed", null, null);
        return result;
    }

    /** The ids of the locks in this repository now (after a stopped run, what it left). */
    public List<String> locks(ResticSettings repository) {
        List<String> locks = new ArrayList<>();
        ResticRepository.Result listed = restic.operate(repository, "locks", List.of("list", "locks", "--no-lock"), line -> {
            if (LOCK_ID.matcher(line.strip()).matches()) {
                locks.add(line.strip());
            }
        });
        if (!listed.succeeded()) {
            throw new ConflictException("repository", ResticRepository.failure("list locks", listed, repository));
        }
        return locks;
    }

    private static ResticSettings repositoryOf(BackupJob job) {
        if (job.getKind() != JobKind.RESTIC) {
            throw new ConflictException("kind", "job " + job.getId() + " is a " + job.getKind() + " job; only RESTIC jobs have a restic"
                    + " repository");
        }
        return job.getRestic().copy();
    }
}
