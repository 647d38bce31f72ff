package io.backupscheduler.execution;

/** A claimed entry went back to the queue because a resource was short; it is looked at again later. */
public record AdmissionDeferred(long entryId, long jobId, String shortage) {
}
