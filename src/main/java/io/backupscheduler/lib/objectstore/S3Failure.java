package io.backupscheduler.lib.objectstore;

import java.io.IOException;

/** An object-storage operation that failed, with the cause an operator can act on and a message that says it. */
public final class S3Failure extends IOException {
    /** What went wrong, as far as the answer (or its absence) tells. */
    public enum Cause {
        /** No answer: the endpoint's host is unknown, refuses connections or timed out. */
        UNREACHABLE,
        /** The endpoint does not know the access key, or the secret key does not match it. */
        CREDENTIALS,
        /** The bucket does not exist. */
        NO_BUCKET,
        /** The credentials are valid but may not do this. */
        PERMISSION,
        /** An object is missing or does not hold what was written. */
        CONTENT,
        /** Anything else the endpoint answered. */
        OTHER
    }

    private final Cause cause;

    public S3Failure(Cause cause, String message, Throwable origin) {
        super(message, origin);
        this.cause = cause;
    }

    public Cause failureCause() {
        return cause;
    }
}
