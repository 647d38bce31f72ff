package io.backupscheduler.it;

import static io.backupscheduler.it.BucketJobs.job;
import static io.backupscheduler.it.BucketJobs.log;
import static io.backupscheduler.it.BucketJobs.objects;
import static io.backupscheduler.it.DirectoryRuns.points;
import static io.backupscheduler.it.DirectoryRuns.runAndWait;
import static io.backupscheduler.it.DirectoryRuns.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A bucket that holds a DIRECTORY job's points (mode MOVE) on a real S3-compatible server (S3Mock): segments leave
 * the target directory as they are finished, encrypted full and incremental points verify and restore from the
 * bucket alone byte for byte, a changed object is found and stops a restore, retention removes points' objects, and
 * an unreachable bucket fails the run before it writes anything.
 */
class BucketTargetIT {
    private static final Path WORK = Path.of(System.getProperty("java.io.tmpdir"), "backup-scheduler-it", "bucket-" + UUID.randomUUID());
    private static final String BUCKET = "primary";
    private static final String SECRET_VALUE = BucketJobs.SECRET_VALUE;
    private static String secret;

    @BeforeAll
    static void startTheBucketAndTheExecutor() throws Exception {
        secret = BucketJobs.startWithABucket(BUCKET);
    }

    @AfterAll
    static void pauseTheExecutorAgain() {
        BucketJobs.pauseTheExecutor();
    }

    private static String bucket(String endpoint, String prefix) {
        return BucketJobs.bucket("MOVE", endpoint, BUCKET, prefix, secret);
    }

    private static List<String> segmentsIn(Path directory) throws Exception {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.contains(".tar.zst") && !n.endsWith(".key")).toList();
        }
    }

    @Test
    void encryptedPointsLiveInTheBucketAloneAndRestoreFromItByteForByteAndAChangedObjectStopsARestore() throws Exception {
        Path source = Files.createDirectories(WORK.resolve("source"));
        Files.writeString(source.resolve("passwords.txt"), "db: correct horse battery staple\n".repeat(100));
        for (int i = 0; i < 5; i++) { // a checkpoint every two files (the IT server's setting): several segments
            Files.writeString(source.resolve("note-" + i + ".txt"), "note " + i + "\n".repeat(1000 + i));
        }
        byte[] big = new byte[11 * 1024 * 1024]; // a segment larger than one upload part: a multipart upload
        new Random(5).nextBytes(big);
        Files.write(source.resolve("big.bin"), big);
        String name = "bucket-" + UUID.randomUUID().toString().substring(0, 8);
        long job = job(WORK, name, source, "\"encrypt\":true," + bucket(S3MockServer.ENDPOINT, "site-b"));
        JsonObject shown = ApiClient.admin().get("/jobs/" + job).json();
        assertThat(shown.getJsonObject("copyTarget").getString("mode")).isEqualTo("MOVE");
        assertThat(shown.toString()).doesNotContain(SECRET_VALUE);
        String folder = "site-b/job-" + job + "/";
        Path target = WORK.resolve(name);
        try (S3Client s3 = S3MockServer.client()) {
            JsonObject full = runAndWait(job, "");
            assertThat(full.getString("status")).as(full + "\n" + log(full)).isEqualTo("SUCCEEDED");
            assertThat(log(full)).contains("is written to the job's bucket").contains("are in the job's bucket")
                    .contains("every segment authenticated").doesNotContain(SECRET_VALUE);
            assertThat(segmentsIn(target)).as("archive segments left in the target directory").isEmpty();

            Files.writeString(source.resolve("added.txt"), "added later");
            JsonObject incremental = runAndWait(job, "\"backupKind\":\"INCREMENTAL\"");
            assertThat(incremental.getString("status")).as(log(incremental)).isEqualTo("SUCCEEDED");
            List<JsonObject> both = points(job);
            assertThat(both).hasSize(2);
            for (JsonObject point : both) {
                assertThat(point.getBoolean("bucketOnly")).isTrue();
                assertThat(point.getString("status")).isEqualTo("VERIFIED");
                JsonObject objects = point.getJsonObject("copy");
                assertThat(objects.getString("status")).as(point.toString()).isEqualTo("VERIFIED");
                long id = point.getJsonNumber("id").longValue();
                List<String> stored = objects(s3, BUCKET, folder + "point-" + id + "/");
                // every segment, the manifest and the wrapped key, none of them readable
                assertThat(stored).hasSize(point.getInt("archiveSegments") + 2).hasSize(objects.getInt("objects"));
                for (String key : stored) {
                    String text = new String(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asByteArray(), StandardCharsets.ISO_8859_1);
                    assertThat(text).as(key).doesNotContain("correct horse").doesNotContain("passwords.txt");
                }
            }
            assertThat(both.get(1).getInt("archiveSegments")).as("segments of the full point").isGreaterThan(2);
            assertThat(s3.listMultipartUploads(b -> b.bucket(BUCKET).prefix(folder)).uploads()).isEmpty();

            // the target directory is lost whole: browsing and restoring read the bucket
            try (Stream<Path> files = Files.walk(target)) {
                for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
            long newest = both.get(0).getJsonNumber("id").longValue();
            ApiClient.Reply browsed = TestUsers.viewer().get("/backups/" + newest + "/files");
            assertThat(browsed.status()).as(browsed.toString()).isEqualTo(200);
            assertThat(browsed.body()).contains("added.txt").contains("big.bin");
            Path restored = WORK.resolve("restored");
            JsonObject restore = Restores.restore(newest, "{\"destination\":\"" + restored + "\"}");
            assertThat(restore.getString("status")).as(restore.toString()).isEqualTo("SUCCEEDED");
            assertThat(snapshot(restored)).isEqualTo(snapshot(source));

            // one changed segment of the full: reading the bucket back names it, and restoring the incremental is refused
            long older = both.get(1).getJsonNumber("id").longValue();
            String segmentKey = objects(s3, BUCKET, folder + "point-" + older + "/").stream().filter(k -> k.endsWith(".tar.zst")).findFirst().orElseThrow();
            byte[] segment = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(segmentKey)).asByteArray();
            segment[segment.length / 2] ^= 0x20;
            s3.putObject(b -> b.bucket(BUCKET).key(segmentKey), RequestBody.fromBytes(segment));
            ApiClient.Reply verified = TestUsers.operator().post("/backups/" + older + "/copy/verify", "");
            assertThat(verified.status()).as(verified.toString()).isEqualTo(200);
            assertThat(verified.json().getJsonObject("copy").getString("status")).isEqualTo("FAILED");
            assertThat(verified.json().getJsonObject("copy").getString("error")).contains(segmentKey).contains("SHA-256 differs");
            ApiClient.Reply refused = TestUsers.operator().post("/backups/" + newest + "/restore",
                    "{\"destination\":\"" + WORK.resolve("refused") + "\"}");
            assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
            assertThat(refused.body()).contains("backup point " + older + " has no verified objects in its bucket");
            assertThat(WORK.resolve("refused")).doesNotExist();
        }
    }

    @Test
    void retentionRemovesAPointsObjectsFromTheBucket() throws Exception {
        Path source = Files.createDirectories(WORK.resolve("kept-source"));
        Files.writeString(source.resolve("a.txt"), "a");
        String name = "bucket-kept-" + UUID.randomUUID().toString().substring(0, 8);
        long job = job(WORK, name, source, "\"retention\":{\"keepLast\":1}," + bucket(S3MockServer.ENDPOINT, "kept"));
        try (S3Client s3 = S3MockServer.client()) {
            assertThat(runAndWait(job, "").getString("status")).isEqualTo("SUCCEEDED");
            long first = points(job).get(0).getJsonNumber("id").longValue();
            assertThat(objects(s3, BUCKET, "kept/job-" + job + "/point-" + first + "/")).hasSize(2); // one segment and the manifest
            Files.writeString(source.resolve("b.txt"), "b");
            assertThat(runAndWait(job, "").getString("status")).isEqualTo("SUCCEEDED");
            List<JsonObject> kept = points(job);
            assertThat(kept).hasSize(1);
            long last = kept.get(0).getJsonNumber("id").longValue();
            assertThat(objects(s3, BUCKET, "kept/job-" + job + "/")).allMatch(key -> key.startsWith("kept/job-" + job + "/point-" + last + "/"))
                    .hasSize(2);
        }
    }

    @Test
    void anUnreachableBucketFailsTheRunBeforeItWritesAndNoPointIsUsable() throws Exception {
        Path source = Files.createDirectories(WORK.resolve("unreachable-source"));
        Files.writeString(source.resolve("a.txt"), "a");
        String name = "bucket-unreachable-" + UUID.randomUUID().toString().substring(0, 8);
        long job = job(WORK, name, source, bucket("http://127.0.0.1:9", ""));
        JsonObject run = runAndWait(job, "");
        assertThat(run.getString("status")).isEqualTo("FAILED");
        assertThat(run.getString("error")).contains("the job's bucket s3://primary at http://127.0.0.1:9 cannot take its backup point (UNREACHABLE)")
                .doesNotContain(SECRET_VALUE);
        assertThat(points(job)).isEmpty();
        assertThat(segmentsIn(WORK.resolve(name))).isEmpty();
    }

    @Test
    void aBucketModeIsRefusedWithoutABucketNamingTheField() throws Exception {
        Path source = Files.createDirectories(WORK.resolve("refused-source"));
        ApiClient.Reply refused = ApiClient.admin().post("/jobs", "{\"name\":\"bucket-nobucket-" + UUID.randomUUID().toString().substring(0, 8)
                + "\",\"kind\":\"DIRECTORY\",\"sourcePath\":\"" + source + "\",\"targetPath\":\"" + WORK.resolve("t") + "\","
                + "\"copyTarget\":{\"mode\":\"MOVE\"}}");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("copyTarget.bucket").contains("is required with mode MOVE");
        ApiClient.Reply badMode = ApiClient.admin().post("/jobs", "{\"name\":\"bucket-badmode-" + UUID.randomUUID().toString().substring(0, 8)
                + "\",\"kind\":\"DIRECTORY\",\"sourcePath\":\"" + source + "\",\"targetPath\":\"" + WORK.resolve("t") + "\","
                + "\"copyTarget\":{\"mode\":\"SHIFT\"}}");
        assertThat(badMode.status()).isEqualTo(400);
        assertThat(badMode.body()).contains("mode");
    }
}
