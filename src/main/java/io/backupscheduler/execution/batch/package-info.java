/**
 * The Jakarta Batch artifacts of {@code backup-job} (META-INF/batch-jobs/backup-job.xml): check-resources, the
 * restic step ({@code ResticBatchlet}; its verify is {@code ResticCheckAndForget}), the archive-directory chunk step (reader, processor, writer, checkpoints, listener), seal-point,
 * verify, and the listener that records the end; {@code command-job}'s one step, which runs check-resources, the
 * command and verify as parts; and those of {@code restore-job}: check-destination and
 * restore-files. They act on the {@code execution.ActiveRun} the dispatcher
 * registered for the batch job's executionId.
 * May use: {@code backup}, {@code errors}, {@code execution}, {@code job}, {@code lib.archive}, {@code lib.process};
 * Jakarta Batch.
 */
package io.backupscheduler.execution.batch;
