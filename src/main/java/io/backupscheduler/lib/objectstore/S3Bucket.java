package io.backupscheduler.lib.objectstore;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.function.LongConsumer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * One bucket and prefix on an S3-compatible endpoint. Files go up in parts of {@link #PART_SIZE} read one at a time
 * into a single buffer, so memory stays flat whatever the file's size; each file's SHA-256 is taken on the way and
 * can be compared with the object read back. The SDK retries transient failures (throttling, 5xx, broken
 * connections) with backoff; what still fails is an {@link S3Failure} naming its cause. Not thread-safe.
 */
public final class S3Bucket implements Closeable {
    /** S3's smallest part but the last is 5 MiB; 8 MiB keeps a 2 GiB segment well under the 10,000-part limit. */
    public static final int PART_SIZE = 8 * 1024 * 1024;
    private static final Set<String> CREDENTIAL_CODES = Set.of("InvalidAccessKeyId", "SignatureDoesNotMatch", "InvalidToken",
            "ExpiredToken", "InvalidSecurity", "AuthorizationHeaderMalformed");

    /** An object as stored: its name under the prefix and its size. */
    public record StoredObject(String name, long size) {
    }

    /** A file as uploaded: its size and SHA-256 (hex). */
    public record Uploaded(String name, long size, String sha256) {
    }

    private final S3Location location;
    private final S3Client client;
    private byte[] buffer;
    /** Told of every part before it goes up and every chunk read back: a run's pace (I/O limit, cancel, time limit). */
    private LongConsumer beforeBytes = bytes -> { };

    private S3Bucket(S3Location location, S3Client client) {
        this.location = location;
        this.client = client;
    }

    /**
     * @param attempts how often a request is tried before it fails (the SDK's standard backoff between tries)
     */
    public static S3Bucket open(S3Location location, String accessKeyId, String secretAccessKey, int attempts) {
        var builder = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(10)).socketTimeout(Duration.ofSeconds(60)).build())
                .region(Region.of(location.region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secretAccessKey)))
                .forcePathStyle(location.pathStyle())
                // the SHA-256 read back is the proof; the newer default checksums are not spoken by every compatible server
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                        .maxAttempts(Math.max(1, attempts)).build()));
        if (location.endpoint() != null) {
            builder.endpointOverride(location.endpoint());
        }
        return new S3Bucket(location, builder.build());
    }

    public S3Location location() {
        return location;
    }

    /** Whether the bucket answers to these credentials for listing and writing; an {@link S3Failure} says why not. */
    public void check() throws S3Failure {
        call("list bucket '" + location.bucket() + "'", () -> client.listObjectsV2(b -> b.bucket(location.bucket()).prefix(location.key("")).maxKeys(1)));
        String probe = location.key(".backup-scheduler-check");
        call("write to bucket '" + location.bucket() + "'", () -> client.putObject(b -> b.bucket(location.bucket()).key(probe),
                RequestBody.fromString("written by Backup Scheduler's target check; safe to delete")));
        call("delete from bucket '" + location.bucket() + "'", () -> client.deleteObject(b -> b.bucket(location.bucket()).key(probe)));
    }

    /**
     * Holds transfers to a pace: {@code beforeBytes} is called with each part's size before it is sent and with each
     * chunk read back; what it throws (a run stopped) ends the transfer, an upload in parts being aborted.
     */
    public S3Bucket pacedBy(LongConsumer beforeBytes) {
        this.beforeBytes = beforeBytes;
        return this;
    }

    /**
     * Uploads a file as the object {@code name}: one request when it fits in a part, else a multipart upload that
     * is aborted if any part fails, so no incomplete upload is left behind by a failure this process sees.
     */
    public Uploaded upload(Path file, String name) throws IOException {
        String key = location.key(name);
        MessageDigest digest = sha256();
        if (buffer == null) {
            buffer = new byte[PART_SIZE];
        }
        long size = Files.size(file);
        try (InputStream in = Files.newInputStream(file)) {
            if (size <= PART_SIZE) {
                int length = fill(in, digest);
                beforeBytes.accept(length);
                call("upload " + key, () -> client.putObject(b -> b.bucket(location.bucket()).key(key).contentLength((long) length),
                        RequestBody.fromByteBuffer(ByteBuffer.wrap(buffer, 0, length))));
                return new Uploaded(name, length, HexFormat.of().formatHex(digest.digest()));
            }
            String uploadId = call("start the upload of " + key,
                    () -> client.createMultipartUpload(b -> b.bucket(location.bucket()).key(key))).uploadId();
            try {
                List<CompletedPart> parts = new ArrayList<>();
                long total = 0;
                for (int length = fill(in, digest), number = 1; length > 0; length = fill(in, digest), number++) {
                    int part = number;
                    int bytes = length;
                    beforeBytes.accept(bytes);
                    String etag = call("upload part " + part + " of " + key, () -> client.uploadPart(b -> b.bucket(location.bucket()).key(key)
                            .uploadId(uploadId).partNumber(part).contentLength((long) bytes), RequestBody.fromByteBuffer(ByteBuffer.wrap(buffer, 0, bytes)))).eTag();
                    parts.add(CompletedPart.builder().partNumber(part).eTag(etag).build());
                    total += bytes;
                }
                call("finish the upload of " + key, () -> client.completeMultipartUpload(b -> b.bucket(location.bucket()).key(key)
                        .uploadId(uploadId).multipartUpload(m -> m.parts(parts))));
                return new Uploaded(name, total, HexFormat.of().formatHex(digest.digest()));
            } catch (IOException | RuntimeException e) {
                abort(key, uploadId);
                throw e;
            }
        }
    }

    /** Reads an object back and returns its size and SHA-256, without keeping it. */
    public Uploaded readBack(String name) throws IOException {
        return copyTo(name, OutputStream.nullOutputStream());
    }

    /** Downloads an object into a file (written whole or not at all); its size and SHA-256. */
    public Uploaded download(String name, Path file) throws IOException {
        Path part = file.resolveSibling(file.getFileName() + ".download");
        try (OutputStream out = Files.newOutputStream(part)) {
            Uploaded got = copyTo(name, out);
            out.close();
            Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return got;
        } finally {
            Files.deleteIfExists(part);
        }
    }

    private Uploaded copyTo(String name, OutputStream out) throws IOException {
        String key = location.key(name);
        MessageDigest digest = sha256();
        long size = 0;
        try (InputStream in = call("read " + key, () -> client.getObject(b -> b.bucket(location.bucket()).key(key)))) {
            byte[] chunk = new byte[64 * 1024];
            for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
                beforeBytes.accept(n);
                digest.update(chunk, 0, n);
                out.write(chunk, 0, n);
                size += n;
            }
        } catch (SdkException e) {
            throw failure("read " + key, e);
        }
        return new Uploaded(name, size, HexFormat.of().formatHex(digest.digest()));
    }

    /** The objects whose names start with {@code under} (relative to the prefix), with their names relative to it. */
    public List<StoredObject> list(String under) throws S3Failure {
        String start = location.key(under);
        int cut = location.prefix().isEmpty() ? 0 : location.prefix().length() + 1;
        return call("list " + start, () -> {
            List<StoredObject> objects = new ArrayList<>();
            for (S3Object object : client.listObjectsV2Paginator(b -> b.bucket(location.bucket()).prefix(start)).contents()) {
                objects.add(new StoredObject(object.key().substring(cut), object.size()));
            }
            return objects;
        });
    }

    public void delete(String name) throws S3Failure {
        String key = location.key(name);
        call("delete " + key, () -> client.deleteObject(b -> b.bucket(location.bucket()).key(key)));
    }

    /**
     * Aborts the multipart uploads under {@code under} that began before {@code before}, but those whose name (relative
     * to the prefix) {@code live} accepts: the parts a crashed run left, which the bucket would otherwise keep (and
     * bill) without listing them as objects. How many it aborted.
     */
    public int abortUploads(String under, Instant before, java.util.function.Predicate<String> live) throws S3Failure {
        int cut = location.prefix().isEmpty() ? 0 : location.prefix().length() + 1;
        String start = location.key(under);
        List<MultipartUpload> stale = call("list the incomplete uploads under " + start, () -> {
            List<MultipartUpload> found = new ArrayList<>();
            for (MultipartUpload upload : client.listMultipartUploadsPaginator(b -> b.bucket(location.bucket()).prefix(start)).uploads()) {
                if ((upload.initiated() == null || upload.initiated().isBefore(before)) && !live.test(upload.key().substring(cut))) {
                    found.add(upload);
                }
            }
            return found;
        });
        for (MultipartUpload upload : stale) {
            call("abort the upload of " + upload.key(), () -> client.abortMultipartUpload(b -> b.bucket(location.bucket())
                    .key(upload.key()).uploadId(upload.uploadId())));
        }
        return stale.size();
    }

    private void abort(String key, String uploadId) {
        try {
            client.abortMultipartUpload(b -> b.bucket(location.bucket()).key(key).uploadId(uploadId));
        } catch (SdkException ignored) {
            // the next run's abortUploads finds it
        }
    }

    private int fill(InputStream in, MessageDigest digest) throws IOException {
        int length = in.readNBytes(buffer, 0, PART_SIZE);
        digest.update(buffer, 0, length);
        return length;
    }

    @Override
    public void close() {
        client.close();
    }

    private interface Call<T> {
        T run();
    }

    private <T> T call(String doing, Call<T> call) throws S3Failure {
        try {
            return call.run();
        } catch (SdkException e) {
            throw failure(doing, e);
        }
    }

    /** Turns what the SDK threw into a failure that names the cause; never includes a credential. */
    S3Failure failure(String doing, SdkException e) {
        String where = location.endpoint() == null ? "AWS S3 (" + location.region() + ")" : location.endpoint().toString();
        if (e instanceof S3Exception answer) {
            String code = answer.awsErrorDetails() == null ? null : answer.awsErrorDetails().errorCode();
            String said = answer.awsErrorDetails() == null || answer.awsErrorDetails().errorMessage() == null
                    ? "" : ": " + answer.awsErrorDetails().errorMessage();
            int status = answer.statusCode();
            if ("NoSuchBucket".equals(code) || status == 404 && code == null && doing.contains("bucket")) {
                return new S3Failure(S3Failure.Cause.NO_BUCKET, "bucket '" + location.bucket() + "' does not exist at " + where, e);
            }
            if (code != null && CREDENTIAL_CODES.contains(code)) {
                return new S3Failure(S3Failure.Cause.CREDENTIALS, where + " refused the credentials (" + code
                        + "): check the access key id and the secret holding the secret key", e);
            }
            if (status == 403) {
                return new S3Failure(S3Failure.Cause.PERMISSION, "permission denied: the credentials may not " + doing + " ("
                        + (code == null ? "HTTP 403" : code) + ")", e);
            }
            if ("NoSuchKey".equals(code) || status == 404) {
                return new S3Failure(S3Failure.Cause.CONTENT, "cannot " + doing + ": the object is missing", e);
            }
            return new S3Failure(S3Failure.Cause.OTHER, "cannot " + doing + ": " + where + " answered HTTP " + status
                    + (code == null ? "" : " " + code) + said, e);
        }
        if (e instanceof SdkClientException) {
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                String reason = cause instanceof UnknownHostException ? "unknown host"
                        : cause instanceof ConnectException ? "connection refused"
                        : cause instanceof NoRouteToHostException ? "no route to host"
                        : cause instanceof SocketTimeoutException ? "no answer in time" : null;
                if (reason != null) {
                    return new S3Failure(S3Failure.Cause.UNREACHABLE, "cannot reach " + where + " (" + reason + ") to " + doing, e);
                }
            }
        }
        return new S3Failure(S3Failure.Cause.OTHER, "cannot " + doing + " at " + where + ": " + e.getMessage(), e);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
