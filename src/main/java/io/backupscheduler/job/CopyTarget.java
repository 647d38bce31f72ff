package io.backupscheduler.job;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Objects;

/**
 * The second place a DIRECTORY job's points are copied to (the off-site copy of 3-2-1): an S3-compatible bucket and
 * key prefix on an endpoint (none: AWS S3 itself), its region, path-style addressing for self-hosted servers, the
 * access key id, and the name of the secret holding the secret access key. No bucket: the job makes no copies.
 * A value, not an embeddable: {@code BackupJob} keeps its fields as columns of its own, because Liberty's load-time
 * enhancement, on when this was written, failed on a new embeddable whose class had loaded before the persistence
 * unit (docs/servers.md).
 */
public class CopyTarget implements java.io.Serializable {
    @Size(max = 2000, message = "must be at most {max} characters")
    @Pattern(regexp = "(https?://[^\\s/?#]+(/[^\\s?#]*)?)?", message = "must be an http:// or https:// URL such as https://minio.example.com:9000")
    private String endpoint;

    @Size(max = 64, message = "must be at most {max} characters")
    @Pattern(regexp = "([a-z0-9][a-z0-9-]{0,62})?", message = "must be a region name such as eu-central-1 (lower-case letters, digits, '-')")
    private String region;

    @Pattern(regexp = "([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])?", message = "must be a bucket name: 3-63 lower-case letters, digits, '.' and '-'")
    private String bucket;

    @Size(max = 512, message = "must be at most {max} characters")
    @Pattern(regexp = "[A-Za-z0-9!_.*'()/-]*", message = "may hold letters, digits, '/' and !_.*'()- only")
    private String prefix;

    private Boolean pathStyle;

    private BucketMode mode;

    @Size(max = 128, message = "must be at most {max} characters")
    @Pattern(regexp = "[A-Za-z0-9+/=_-]*", message = "must be an access key id (letters and digits)")
    private String accessKeyId;

    @Size(max = 100, message = "must be at most {max} characters")
    private String secretKeySecret;

    public CopyTarget() {
    }

    CopyTarget(String endpoint, String region, String bucket, String prefix, Boolean pathStyle, String accessKeyId, String secretKeySecret,
               BucketMode mode) {
        this.endpoint = endpoint;
        this.region = region;
        this.bucket = bucket;
        this.prefix = prefix;
        this.pathStyle = pathStyle;
        this.accessKeyId = accessKeyId;
        this.secretKeySecret = secretKeySecret;
        this.mode = mode;
    }

    public CopyTarget copy() {
        CopyTarget copy = new CopyTarget();
        copy.endpoint = endpoint;
        copy.region = region;
        copy.bucket = bucket;
        copy.prefix = prefix;
        copy.pathStyle = pathStyle;
        copy.accessKeyId = accessKeyId;
        copy.secretKeySecret = secretKeySecret;
        copy.mode = mode;
        return copy;
    }

    /** The target as stored: text trimmed, blank text null, the prefix without slashes at its ends. */
    CopyTarget cleaned() {
        CopyTarget copy = copy();
        copy.endpoint = blankToNull(endpoint);
        copy.region = blankToNull(region);
        copy.bucket = blankToNull(bucket);
        String trimmed = blankToNull(prefix);
        while (trimmed != null && (trimmed.startsWith("/") || trimmed.endsWith("/"))) {
            trimmed = blankToNull(trimmed.startsWith("/") ? trimmed.substring(1) : trimmed.substring(0, trimmed.length() - 1));
        }
        copy.prefix = trimmed;
        copy.pathStyle = copy.bucket == null ? null : Boolean.TRUE.equals(pathStyle);
        copy.accessKeyId = blankToNull(accessKeyId);
        copy.secretKeySecret = blankToNull(secretKeySecret);
        copy.mode = copy.bucket == null ? null : mode == null ? BucketMode.COPY : mode;
        return copy;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    /** Whether the job copies its points anywhere. */
    public boolean isSet() {
        return bucket != null && !bucket.isBlank();
    }

    /** Whether the bucket holds the job's points themselves rather than copies (mode MOVE). */
    public boolean holdsPoints() {
        return isSet() && mode == BucketMode.MOVE;
    }

    /** How logs, answers and copy records name it: bucket, prefix and endpoint, never a credential. */
    public String describe() {
        return "s3://" + bucket + (prefix == null ? "" : "/" + prefix) + (endpoint == null ? "" : " at " + endpoint);
    }

    public String getEndpoint() {
        return endpoint;
    }

    public void setEndpoint(String endpoint) {
        this.endpoint = endpoint;
    }

    public String getRegion() {
        return region;
    }

    public void setRegion(String region) {
        this.region = region;
    }

    public String getBucket() {
        return bucket;
    }

    public void setBucket(String bucket) {
        this.bucket = bucket;
    }

    public String getPrefix() {
        return prefix;
    }

    public void setPrefix(String prefix) {
        this.prefix = prefix;
    }

    /** Whether the bucket is named in the path ({@code https://host/bucket/key}), as MinIO and most self-hosted servers want. */
    public Boolean getPathStyle() {
        return pathStyle;
    }

    public void setPathStyle(Boolean pathStyle) {
        this.pathStyle = pathStyle;
    }

    public String getAccessKeyId() {
        return accessKeyId;
    }

    public void setAccessKeyId(String accessKeyId) {
        this.accessKeyId = accessKeyId;
    }

    /** The name of the secret holding the secret access key (never the key itself). */
    public String getSecretKeySecret() {
        return secretKeySecret;
    }

    public void setSecretKeySecret(String secretKeySecret) {
        this.secretKeySecret = secretKeySecret;
    }

    /** COPY (the default): copies of points that stay in the target directory; MOVE: the points themselves. */
    public BucketMode getMode() {
        return mode;
    }

    public void setMode(BucketMode mode) {
        this.mode = mode;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CopyTarget other && Objects.equals(endpoint, other.endpoint) && Objects.equals(region, other.region)
                && Objects.equals(bucket, other.bucket) && Objects.equals(prefix, other.prefix) && Objects.equals(pathStyle, other.pathStyle)
                && Objects.equals(accessKeyId, other.accessKeyId) && Objects.equals(secretKeySecret, other.secretKeySecret)
                && mode == other.mode;
    }

    @Override
    public int hashCode() {
        return Objects.hash(endpoint, region, bucket, prefix, pathStyle, accessKeyId, secretKeySecret, mode);
    }
}
