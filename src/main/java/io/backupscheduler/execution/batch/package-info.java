/**
 * The Jakarta Batch artifacts of the job {@code backup-job} (META-INF/batch-jobs/backup-job.xml): check-resources,
 * the work step for the job's kind, verify, and the listener that records the end. They act on the
 * {@link io.backupscheduler.execution.ActiveRun} the dispatcher registered for the batch job's executionId.
 */
package io.backupscheduler.execution.batch;
