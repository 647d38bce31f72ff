/**
 * The Jakarta Batch artifacts of the job {@code backup-job} (META-INF/batch-jobs/backup-job.xml): check-resources,
 * the command step, the archive-directory chunk step (reader, processor, writer, checkpoint algorithm, listener)
 * and seal-point, verify, and the listener that records the end. They act on the
 * {@link io.backupscheduler.execution.ActiveRun} the dispatcher registered for the batch job's executionId.
 */
package io.backupscheduler.execution.batch;
