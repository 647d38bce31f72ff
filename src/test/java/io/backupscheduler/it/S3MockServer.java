package io.backupscheduler.it;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3-compatible server for the integration tests: Adobe S3Mock (its executable jar, which the build copies
 * from Maven Central), started once per test JVM as a process of its own and stopped when the JVM exits. The IT
 * server reaches it over HTTP like any bucket; the tests read the bucket with the AWS SDK.
 */
final class S3MockServer {
    static final int PORT = Integer.getInteger("it.s3.port", 9187);
    static final String ENDPOINT = "http://127.0.0.1:" + PORT;
    private static Process process;

    private S3MockServer() {
    }

    /** Starts the server with these buckets if it is not running yet; a running one gets those it lacks. */
    static synchronized void start(List<String> buckets) throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            try (S3Client s3 = client()) { // another test class of this JVM started it with its own buckets
                java.util.Set<String> there = new java.util.HashSet<>(s3.listBuckets().buckets().stream()
                        .map(software.amazon.awssdk.services.s3.model.Bucket::name).toList());
                buckets.stream().filter(b -> !there.contains(b)).forEach(b -> s3.createBucket(r -> r.bucket(b)));
            }
            return;
        }
        Path jar = Path.of(System.getProperty("it.s3mock.jar", "target/s3mock/s3mock.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: the build copies S3Mock there in pre-integration-test");
        }
        Path root = Files.createTempDirectory("s3mock-store");
        Path log = root.resolveSibling(root.getFileName() + ".log");
        process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-jar", jar.toString(),
                "--server.port=" + (PORT + 1), "--com.adobe.testing.s3mock.httpPort=" + PORT,
                "--com.adobe.testing.s3mock.store.root=" + root, "--com.adobe.testing.s3mock.store.initialBuckets=" + String.join(",", buckets))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Process started = process;
        Runtime.getRuntime().addShutdownHook(new Thread(started::destroy));
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            if (!started.isAlive()) {
                throw new IllegalStateException("S3Mock exited: " + Files.readString(log));
            }
            try {
                HttpURLConnection connection = (HttpURLConnection) URI.create(ENDPOINT + "/").toURL().openConnection();
                connection.setConnectTimeout(1000);
                if (connection.getResponseCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(300);
        }
        throw new IllegalStateException("S3Mock did not answer on " + ENDPOINT + " within 90 s: " + Files.readString(log));
    }

    /** A client of the server, as a test reads and changes the bucket behind the application's back. */
    static S3Client client() {
        return S3Client.builder().httpClient(UrlConnectionHttpClient.create()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("it-access-key", "it-secret-key")))
                .endpointOverride(URI.create(ENDPOINT)).forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED).build();
    }
}
