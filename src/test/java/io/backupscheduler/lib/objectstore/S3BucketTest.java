package io.backupscheduler.lib.objectstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.net.URI;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.s3.model.S3Exception;

class S3BucketTest {
    private static final S3Location LOCATION = new S3Location(URI.create("http://127.0.0.1:1"), null, "backups", "/site-a/", true);

    @Test
    void aPrefixIsStrippedOfSlashesAndKeysGoUnderIt() {
        assertThat(LOCATION.prefix()).isEqualTo("site-a");
        assertThat(LOCATION.key("job-1/point-2/a.tar.zst")).isEqualTo("site-a/job-1/point-2/a.tar.zst");
        assertThat(new S3Location(null, "", "b", null, false).key("x")).isEqualTo("x");
        assertThat(LOCATION.region()).isEqualTo("us-east-1");
        assertThat(LOCATION.describe()).isEqualTo("s3://backups/site-a at http://127.0.0.1:1");
    }

    @Test
    void anEndpointThatRefusesConnectionsIsUnreachableAndTheMessageNamesItButNoSecret() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        S3Location location = new S3Location(URI.create("http://127.0.0.1:" + closedPort), null, "backups", "", true);
        try (S3Bucket bucket = S3Bucket.open(location, "AKIDEXAMPLE", "very-secret-key", 1)) {
            assertThatThrownBy(bucket::check).isInstanceOfSatisfying(S3Failure.class, failure -> {
                assertThat(failure.failureCause()).isEqualTo(S3Failure.Cause.UNREACHABLE);
                assertThat(failure.getMessage()).contains("cannot reach http://127.0.0.1:" + closedPort).contains("connection refused")
                        .doesNotContain("very-secret-key");
            });
        }
    }

    @Test
    void answersAreNamedByTheirCause() {
        try (S3Bucket bucket = S3Bucket.open(LOCATION, "AKIDEXAMPLE", "very-secret-key", 1)) {
            assertThat(bucket.failure("list bucket 'backups'", answer(404, "NoSuchBucket")).failureCause()).isEqualTo(S3Failure.Cause.NO_BUCKET);
            assertThat(bucket.failure("list bucket 'backups'", answer(404, null)).failureCause()).isEqualTo(S3Failure.Cause.NO_BUCKET);
            assertThat(bucket.failure("upload x", answer(403, "InvalidAccessKeyId")).failureCause()).isEqualTo(S3Failure.Cause.CREDENTIALS);
            assertThat(bucket.failure("upload x", answer(403, "SignatureDoesNotMatch")).getMessage())
                    .contains("refused the credentials").doesNotContain("very-secret-key");
            S3Failure denied = bucket.failure("write to bucket 'backups'", answer(403, "AccessDenied"));
            assertThat(denied.failureCause()).isEqualTo(S3Failure.Cause.PERMISSION);
            assertThat(denied.getMessage()).isEqualTo("permission denied: the credentials may not write to bucket 'backups' (AccessDenied)");
            assertThat(bucket.failure("read site-a/x", answer(404, "NoSuchKey")).failureCause()).isEqualTo(S3Failure.Cause.CONTENT);
            assertThat(bucket.failure("upload x", answer(500, "InternalError")).getMessage())
                    .isEqualTo("cannot upload x: http://127.0.0.1:1 answered HTTP 500 InternalError: said so");
        }
    }

    private static S3Exception answer(int status, String code) {
        return (S3Exception) S3Exception.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage("said so").build()).build();
    }
}
