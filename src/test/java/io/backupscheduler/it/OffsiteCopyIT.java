package io.backupscheduler.it;

import static io.backupscheduler.it.BucketJobs.job;
import static io.backupscheduler.it.BucketJobs.log;
import static io.backupscheduler.it.BucketJobs.objects;
import static io.backupscheduler.it.DirectoryRuns.points;
import static io.backupscheduler.it.DirectoryRuns.runAndWait;
import static io.backupscheduler.it.DirectoryRuns.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
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
 * Copies of DIRECTORY points on a second target, a real S3-compatible server (S3Mock): encrypted points copied as
 * stored and read back, restored from the copy alone byte for byte, a tampered object found, retention on both
 * targets, incomplete uploads of an interrupted copy aborted, and a bad target failing the copy (with an alert) but
 * not the backup.
 */
class OffsiteCopyIT {
    private static final Path WORK = Path.of(System.getProperty("java.io.tmpdir"), "backup-scheduler-it", "offsite-" + UUID.randomUUID());
    private static final String BUCKET = "offsite";
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

    private static String copyTarget(String bucket, String prefix) {
        return BucketJobs.bucket("COPY", S3MockServer.ENDPOINT, bucket, prefix, secret);
    }

    @Test
    void aCopyKeepsToTheRunsIoLimitAndACancelStopsItLeavingNothingInTheBucket() throws Exception {
        Path source = Files.createDirectories(WORK.resolve("paced-source"));
        byte[] big = new byte[20 << 20]; // three upload parts
        new Random(9).nextBytes(big);
        Files.write(source.resolve("big.bin"), big);
        String name = "paced-" + UUID.randomUUID().toString().substring(0, 8);
        long job = job(WORK, name, source, "\"limits\":{\"maxIoBytesPerSecond\":4194304}," + copyTarget(BUCKET, "paced/"));
        assertThat(TestUsers.operator().post("/queue", "{\"jobId\":" + job + "}").status()).isEqualTo(201);

        JsonObject execution = null;
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline) && (execution == null || !log(execution).contains("[copy] copying backup point"))) {
            Thread.sleep(100);
            List<JsonObject> runs = ApiClient.admin().get("/executions?jobId=" + job).json().getJsonArray("items").getValuesAs(JsonObject.class);
            execution = runs.isEmpty() ? null : runs.get(0);
        }
        assertThat(execution).as("a run of the job").isNotNull();
        assertThat(log(execution)).contains("[copy] copying backup point");
        // 20 MiB up and 20 MiB read back at 4 MiB/s take some 9 s; unpaced, S3Mock on this host takes well under one
        Thread.sleep(2500);
        long pointId = points(job).get(0).getJsonNumber("id").longValue();
        assertThat(ApiClient.admin().get("/backups/" + pointId).json().getJsonObject("copy").getString("status"))
                .as("the copy 2.5 s after it began, held to the run's I/O limit").isEqualTo("COPYING");

        ApiClient.Reply cancel = TestUsers.operator().post("/executions/" + execution.getJsonNumber("id") + "/cancel", "");
        assertThat(cancel.status()).as(cancel.toString()).isEqualTo(200);
        deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline) && execution.getString("status").equals("RUNNING")) {
            Thread.sleep(100);
            execution = ApiClient.admin().get("/executions/" + execution.getJsonNumber("id")).json();
        }
        assertThat(execution.getString("status")).isEqualTo("CANCELLED");
        JsonObject point = ApiClient.admin().get("/backups/" + pointId).json();
        assertThat(point.getString("status")).as("the point was verified before its copy began").isEqualTo("VERIFIED");
        assertThat(point.getJsonObject("copy").getString("status")).isEqualTo("FAILED");
        assertThat(point.getJsonObject("copy").getString("error")).contains("stopped").contains("cancelled by " + TestUsers.OPERATOR);
        assertThat(log(execution)).contains("what it had uploaded is removed");
        try (S3Client s3 = S3MockServer.client()) {
            assertThat(objects(s3, BUCKET, "paced/job-" + job + "/")).as("objects left by the stopped copy").isEmpty();
            assertThat(s3.listMultipartUploads(b -> b.bucket(BUCKET).prefix("paced/job-" + job + "/")).uploads())
                    .as("uploads left by the stopped copy").isEmpty();
        }
    }

    @Test
    void encryptedPointsAreCopiedAsStoredVerifiedThereAndRestoreFromTheCopyAloneByteForByte() throws Exception {
        Path source = Files.createDirectories(WORK.resolve("source"));
        Files.writeString(source.resolve("passwords.txt"), "db: correct horse battery staple\n".repeat(100));
        byte[] big = new byte[11 * 1024 * 1024]; // larger than one upload part: a multipart upload
        new Random(5).nextBytes(big);
        Files.write(source.resolve("big.bin"), big);
        String name = "offsite-" + UUID.randomUUID().toString().substring(0, 8);
        long job = job(WORK, name, source, "\"encrypt\":true," + copyTarget(BUCKET, "site-a/"));
        String folder = "site-a/job-" + job + "/";
        try (S3Client s3 = S3MockServer.client()) {
            // what a copy interrupted by a crash leaves: an upload begun and never completed
            String orphan = s3.createMultipartUpload(b -> b.bucket(BUCKET).key(folder + "point-0/interrupted.tar.zst")).uploadId();
            s3.uploadPart(b -> b.bucket(BUCKET).key(folder + "point-0/interrupted.tar.zst").uploadId(orphan).partNumber(1),
                    RequestBody.fromBytes(new byte[5 * 1024 * 1024]));

            JsonObject full = runAndWait(job, "");
            assertThat(full.getString("status")).as(full.toString()).isEqualTo("SUCCEEDED");
            String fullLog = log(full);
            assertThat(fullLog).contains("aborted 1 incomplete upload(s)").contains("copied to s3://offsite/site-a at " + S3MockServer.ENDPOINT)
                    .doesNotContain(SECRET_VALUE);
            assertThat(s3.listMultipartUploads(b -> b.bucket(BUCKET).prefix(folder)).uploads()).isEmpty();

            Files.writeString(source.resolve("added.txt"), "added later");
            JsonObject incremental = runAndWait(job, "\"backupKind\":\"INCREMENTAL\"");
            assertThat(incremental.getString("status")).isEqualTo("SUCCEEDED");
            List<JsonObject> both = points(job);
            assertThat(both).hasSize(2);
            for (JsonObject point : both) {
                JsonObject copy = point.getJsonObject("copy");
                assertThat(copy.getString("status")).as(point.toString()).isEqualTo("VERIFIED");
                assertThat(copy.getString("target")).isEqualTo("s3://offsite/site-a at " + S3MockServer.ENDPOINT);
                long id = point.getJsonNumber("id").longValue();
                List<String> stored = objects(s3, BUCKET, folder + "point-" + id + "/");
                // every segment, the manifest and the wrapped key
                assertThat(stored).hasSize(point.getInt("archiveSegments") + 2).hasSize(copy.getInt("objects"));
                for (String key : stored) {
                    String text = new String(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asByteArray(), StandardCharsets.ISO_8859_1);
                    assertThat(text).as(key).doesNotContain("correct horse").doesNotContain("passwords.txt");
                }
            }
            JsonObject jobShown = ApiClient.admin().get("/jobs/" + job).json();
            assertThat(jobShown.getJsonObject("copyTarget").getString("secretKeySecret")).isEqualTo(secret);
            assertThat(jobShown.toString()).doesNotContain(SECRET_VALUE);

            // the point's own files are lost: the copy alone restores the incremental (and the full it builds on)
            JsonObject newest = both.get(0);
            JsonObject older = both.get(1);
            try (Stream<Path> files = Files.list(WORK.resolve(name))) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Path restored = WORK.resolve("restored-from-copy");
            JsonObject restore = Restores.restore(newest.getJsonNumber("id").longValue(), "{\"destination\":\"" + restored + "\",\"fromCopy\":true}");
            assertThat(restore.getString("status")).as(restore.toString()).isEqualTo("SUCCEEDED");
            assertThat(snapshot(restored)).isEqualTo(snapshot(source));

            // one changed object: verifying the copy names it, and a restore from it is refused before it is queued
            long olderId = older.getJsonNumber("id").longValue();
            String manifestKey = objects(s3, BUCKET, folder + "point-" + olderId + "/").stream().filter(k -> k.endsWith(".manifest")).findFirst()
                    .orElseThrow();
            byte[] manifest = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(manifestKey)).asByteArray();
            manifest[manifest.length / 2] ^= 0x20;
            s3.putObject(b -> b.bucket(BUCKET).key(manifestKey), RequestBody.fromBytes(manifest));
            ApiClient.Reply verified = TestUsers.operator().post("/backups/" + olderId + "/copy/verify", "");
            assertThat(verified.status()).as(verified.toString()).isEqualTo(200);
            assertThat(verified.json().getJsonObject("copy").getString("status")).isEqualTo("FAILED");
            assertThat(verified.json().getJsonObject("copy").getString("error")).contains(manifestKey).contains("SHA-256 differs");
            ApiClient.Reply refused = TestUsers.operator().post("/backups/" + newest.getJsonNumber("id") + "/restore",
                    "{\"destination\":\"" + WORK.resolve("refused") + "\",\"fromCopy\":true}");
            assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
            assertThat(refused.body()).contains("backup point " + olderId + " has no verified copy");
        }
    }

    @Test
    void retentionRemovesAPointsCopyWithThePoint() throws Exception {
        Path source = Files.createDirectories(WORK.resolve("kept-source"));
        Files.writeString(source.resolve("a.txt"), "a");
        String name = "offsite-kept-" + UUID.randomUUID().toString().substring(0, 8);
        long job = job(WORK, name, source, "\"retention\":{\"keepLast\":1}," + copyTarget(BUCKET, "kept"));
        try (S3Client s3 = S3MockServer.client()) {
            assertThat(runAndWait(job, "").getString("status")).isEqualTo("SUCCEEDED");
            long first = points(job).get(0).getJsonNumber("id").longValue();
            assertThat(objects(s3, BUCKET, "kept/job-" + job + "/point-" + first + "/")).isNotEmpty();
            Files.writeString(source.resolve("b.txt"), "b");
            JsonObject second = runAndWait(job, "");
            assertThat(second.getString("status")).isEqualTo("SUCCEEDED");
            List<JsonObject> kept = points(job);
            assertThat(kept).hasSize(1);
            long last = kept.get(0).getJsonNumber("id").longValue();
            assertThat(objects(s3, BUCKET, "kept/job-" + job + "/point-" + first + "/")).isEmpty();
            assertThat(objects(s3, BUCKET, "kept/job-" + job + "/")).allMatch(key -> key.startsWith("kept/job-" + job + "/point-" + last + "/"))
                    .isNotEmpty();
        }
    }

    @Test
    void aMissingBucketFailsTheCopyNotTheBackupOpensACopyAlertAndTheCheckSaysWhich() throws Exception {
        Path source = Files.createDirectories(WORK.resolve("nobucket-source"));
        Files.writeString(source.resolve("a.txt"), "a");
        String name = "offsite-nobucket-" + UUID.randomUUID().toString().substring(0, 8);
        long job = job(WORK, name, source, copyTarget("no-such-bucket", ""));
        ApiClient.Reply rule = TestUsers.operator().post("/alerts/rules", "{\"name\":\"copy " + name + "\",\"type\":\"COPY_FAILED\",\"jobId\":" + job + "}");
        assertThat(rule.status()).as(rule.toString()).isEqualTo(201);

        JsonObject run = runAndWait(job, "");
        assertThat(run.getString("status")).as(run.toString()).isEqualTo("SUCCEEDED");
        JsonObject point = points(job).get(0);
        assertThat(point.getString("status")).isEqualTo("VERIFIED");
        assertThat(point.getJsonObject("copy").getString("status")).isEqualTo("FAILED");
        assertThat(point.getJsonObject("copy").getString("error")).contains("bucket 'no-such-bucket' does not exist at " + S3MockServer.ENDPOINT);
        assertThat(log(run)).contains("(the backup point itself is verified and kept)").doesNotContain(SECRET_VALUE);

        Instant deadline = Instant.now().plusSeconds(20);
        JsonObject alerts = null;
        while (Instant.now().isBefore(deadline)) {
            alerts = TestUsers.viewer().get("/alerts?ruleId=" + rule.json().getJsonNumber("id") + "&open=true").json();
            if (alerts.getInt("total") == 1) {
                break;
            }
            Restores.pause(300);
        }
        assertThat(alerts.getInt("total")).as(String.valueOf(alerts)).isEqualTo(1);
        assertThat(alerts.toString()).contains("does not exist");

        JsonObject check = TestUsers.operator().post("/jobs/" + job + "/copy-target/check", "").json();
        assertThat(check.getBoolean("ok")).isFalse();
        assertThat(check.getString("cause")).isEqualTo("NO_BUCKET");

        JsonObject good = TestUsers.operator().post("/jobs/" + job(WORK, name + "-ok", source, copyTarget(BUCKET, "checked")) + "/copy-target/check", "").json();
        assertThat(good.getBoolean("ok")).as(good.toString()).isTrue();
    }

    @Test
    void anUnreachableEndpointIsNamedByTheCheck() throws IOException {
        Path source = Files.createDirectories(WORK.resolve("unreachable-source"));
        String name = "offsite-unreachable-" + UUID.randomUUID().toString().substring(0, 8);
        long job = job(WORK, name, source, "\"copyTarget\":{\"endpoint\":\"http://127.0.0.1:9\",\"bucket\":\"offsite\",\"pathStyle\":true,"
                + "\"accessKeyId\":\"it-access-key\",\"secretKeySecret\":\"" + secret + "\"}");
        JsonObject check = TestUsers.operator().post("/jobs/" + job + "/copy-target/check", "").json();
        assertThat(check.getBoolean("ok")).isFalse();
        assertThat(check.getString("cause")).isEqualTo("UNREACHABLE");
        assertThat(check.getString("message")).contains("cannot reach http://127.0.0.1:9").doesNotContain(SECRET_VALUE);
    }

    @Test
    void aCopyTargetIsRefusedWhereItCannotWorkNamingTheField() throws IOException {
        Path source = Files.createDirectories(WORK.resolve("refused-source"));
        ApiClient.Reply command = ApiClient.admin().post("/jobs", "{\"name\":\"offsite-cmd-" + UUID.randomUUID().toString().substring(0, 8)
                + "\",\"kind\":\"COMMAND\",\"command\":[\"true\"],\"targetPath\":\"" + WORK.resolve("cmd") + "\"," + copyTarget(BUCKET, "") + "}");
        assertThat(command.status()).isEqualTo(400);
        assertThat(command.body()).contains("copyTarget.bucket").contains("applies to DIRECTORY jobs only");

        ApiClient.Reply noSecret = ApiClient.admin().post("/jobs", "{\"name\":\"offsite-nosecret-" + UUID.randomUUID().toString().substring(0, 8)
                + "\",\"kind\":\"DIRECTORY\",\"sourcePath\":\"" + source + "\",\"targetPath\":\"" + WORK.resolve("t") + "\","
                + "\"copyTarget\":{\"bucket\":\"offsite\",\"accessKeyId\":\"k\",\"secretKeySecret\":\"no-such-secret-here\"}}");
        assertThat(noSecret.status()).isEqualTo(400);
        assertThat(noSecret.body()).contains("copyTarget.secretKeySecret").contains("there is no secret named 'no-such-secret-here'");

        ApiClient.Reply badBucket = ApiClient.admin().post("/jobs", "{\"name\":\"offsite-badbucket-" + UUID.randomUUID().toString().substring(0, 8)
                + "\",\"kind\":\"DIRECTORY\",\"sourcePath\":\"" + source + "\",\"targetPath\":\"" + WORK.resolve("t") + "\","
                + "\"copyTarget\":{\"bucket\":\"Not_A_Bucket\",\"endpoint\":\"ftp://x\"}}");
        assertThat(badBucket.status()).isEqualTo(400);
        assertThat(badBucket.body()).contains("copyTarget.bucket").contains("copyTarget.endpoint").contains("copyTarget.accessKeyId");
    }
}
