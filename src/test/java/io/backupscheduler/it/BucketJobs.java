package io.backupscheduler.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * What the tests of jobs with a bucket share: the secret holding the bucket's key, a DIRECTORY job with its bucket
 * settings, a run's log and the objects under a prefix as the bucket lists them.
 */
final class BucketJobs {
    /** The value of every bucket secret the tests set: no answer or log may show it. */
    static final String SECRET_VALUE = "it-secret-key-" + UUID.randomUUID();

    private BucketJobs() {
    }

    /**
     * Starts the S3-compatible server with this bucket, waits for the application, sets a new bucket secret, empties
     * the queue and lets the executor run: what each bucket test class needs first. The secret's name.
     */
    static String startWithABucket(String bucket) throws Exception {
        S3MockServer.start(List.of(bucket));
        ItEnvironment.awaitReady(java.time.Duration.ofMinutes(3));
        String secret = newSecret();
        assertThat(ApiClient.admin().delete("/queue?force=true").status()).isEqualTo(200);
        assertThat(TestUsers.operator().put("/executor", "{\"paused\":false}").status()).isEqualTo(200);
        return secret;
    }

    static void pauseTheExecutor() {
        ApiClient.admin().put("/executor", "{\"paused\":true}");
    }

    /** A new secret holding {@link #SECRET_VALUE}; its name. */
    static String newSecret() {
        String secret = "s3-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(ApiClient.admin().put("/secrets/" + secret, "{\"value\":\"" + SECRET_VALUE + "\"}").status()).isEqualTo(201);
        return secret;
    }

    /** The job's {@code copyTarget}: a bucket of the local S3-compatible server (or of {@code endpoint}) in this mode. */
    static String bucket(String mode, String endpoint, String bucket, String prefix, String secret) {
        return "\"copyTarget\":{\"mode\":\"" + mode + "\",\"endpoint\":\"" + endpoint + "\",\"bucket\":\"" + bucket + "\",\"prefix\":\""
                + prefix + "\",\"pathStyle\":true,\"accessKeyId\":\"it-access-key\",\"secretKeySecret\":\"" + secret + "\"}";
    }

    /** A DIRECTORY job of {@code source} whose target is {@code work/name}, with {@code extra} fields; its id. */
    static long job(Path work, String name, Path source, String extra) {
        ApiClient.Reply created = ApiClient.admin().post("/jobs", "{\"name\":\"" + name + "\",\"kind\":\"DIRECTORY\",\"sourcePath\":\""
                + source + "\",\"targetPath\":\"" + work.resolve(name) + "\",\"maxRetries\":0," + extra + "}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().getJsonNumber("id").longValue();
    }

    static String log(JsonObject execution) {
        return TestUsers.viewer().getText("/executions/" + execution.getJsonNumber("id") + "/log").body();
    }

    static List<String> objects(S3Client s3, String bucket, String prefix) {
        return s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents().stream().map(S3Object::key).sorted().toList();
    }
}
