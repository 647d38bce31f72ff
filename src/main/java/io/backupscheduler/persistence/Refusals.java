package io.backupscheduler.persistence;

import io.backupscheduler.errors.ConflictException;
import io.backupscheduler.errors.InvalidInputException;
import io.backupscheduler.errors.NoSuchEntityException;

/**
 * The refusals services throw on bad input (400, 404, 409): expected answers, not incidents. Liberty's
 * {@code @Transactional} interceptor writes an FFDC incident file for every unchecked exception that leaves a
 * transactional method, and none for a checked one; so {@link RefusalInside} carries a refusal out of the transaction
 * as a checked {@link Carried} (after marking the transaction for rollback, as the unchecked exception would have) and
 * {@link RefusalOutside} throws the refusal itself again to the caller. Standard CDI and JTA: the same on every server.
 */
final class Refusals {
    private Refusals() {
    }

    static boolean isRefusal(Throwable e) {
        return e instanceof InvalidInputException || e instanceof NoSuchEntityException || e instanceof ConflictException;
    }

    /** A refusal on its way through a transaction boundary. */
    static final class Carried extends Exception {
        private static final long serialVersionUID = 1L;

        Carried(RuntimeException refusal) {
            super(refusal.getMessage(), refusal, false, false);
        }

        RuntimeException refusal() {
            return (RuntimeException) getCause();
        }
    }
}
