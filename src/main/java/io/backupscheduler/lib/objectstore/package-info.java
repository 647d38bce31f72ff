/**
 * S3-compatible object storage as backup copies need it: a bucket and prefix on any endpoint ({@code S3Location}),
 * files uploaded in parts with their SHA-256, read back, listed, deleted, and uploads left incomplete by a crash
 * aborted ({@code S3Bucket}); failures named by cause ({@code S3Failure}: unreachable, credentials, bucket, permission).
 * May use: nothing of the application; the AWS SDK for Java 2.x.
 */
package io.backupscheduler.lib.objectstore;
