package io.backupscheduler.backup;

import io.backupscheduler.job.BackupJob;
import io.backupscheduler.job.CopyTarget;
import io.backupscheduler.lib.objectstore.S3Bucket;
import io.backupscheduler.lib.objectstore.S3Location;
import io.backupscheduler.secret.SecretStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.net.URI;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** A job's bucket, opened with the secret access key revealed from the secret store for that moment only. */
@ApplicationScoped
public class JobBuckets {
    @PersistenceContext
    EntityManager em;

    @Inject
    SecretStore secrets;

    @Inject
    @ConfigProperty(name = "backup.copy.attempts", defaultValue = "5")
    int attempts;

    /** The job's bucket, if it names one (copies or points, as its mode says). */
    public Optional<CopyTarget> of(long jobId) {
        BackupJob job = em.find(BackupJob.class, jobId);
        return job == null || !job.getCopyTarget().isSet() ? Optional.empty() : Optional.of(job.getCopyTarget().copy());
    }

    /** The folder of a point's objects under the bucket's prefix. */
    static String folder(BackupPoint point) {
        return folder(point.getJobId(), point.getId());
    }

    static String folder(long jobId, long pointId) {
        return "job-" + jobId + "/point-" + pointId + "/";
    }

    S3Bucket open(CopyTarget target) {
        String secret = secrets.reveal(target.getSecretKeySecret());
        URI endpoint = target.getEndpoint() == null ? null : URI.create(target.getEndpoint());
        return S3Bucket.open(new S3Location(endpoint, target.getRegion(), target.getBucket(), target.getPrefix(),
                Boolean.TRUE.equals(target.getPathStyle())), target.getAccessKeyId(), secret, attempts);
    }
}
