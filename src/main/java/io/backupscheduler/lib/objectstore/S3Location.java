package io.backupscheduler.lib.objectstore;

import java.net.URI;

/**
 * Where objects go: an endpoint (null for AWS S3 itself), a region, a bucket, a key prefix (empty, or ending without
 * a slash), and whether the bucket is addressed in the path ({@code http://host/bucket/key}, as MinIO and most
 * self-hosted servers want) rather than in the host name.
 */
public record S3Location(URI endpoint, String region, String bucket, String prefix, boolean pathStyle) {
    public S3Location {
        prefix = prefix == null ? "" : strip(prefix);
        region = region == null || region.isBlank() ? "us-east-1" : region;
    }

    /** The key of an object named {@code name} under the prefix. */
    public String key(String name) {
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    /** How logs and answers name the place, with no credentials in it. */
    public String describe() {
        return "s3://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix) + (endpoint == null ? "" : " at " + endpoint);
    }

    private static String strip(String prefix) {
        String stripped = prefix.strip();
        while (stripped.startsWith("/")) {
            stripped = stripped.substring(1);
        }
        while (stripped.endsWith("/")) {
            stripped = stripped.substring(0, stripped.length() - 1);
        }
        return stripped;
    }
}
