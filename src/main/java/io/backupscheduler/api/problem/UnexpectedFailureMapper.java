package io.backupscheduler.api.problem;

import io.backupscheduler.errors.ConflictException;
import io.backupscheduler.persistence.ConstraintViolations;
import io.backupscheduler.persistence.LockConflicts;
import jakarta.persistence.OptimisticLockException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Anything else. Conflicts that surface only at commit (a concurrent update or duplicate) and lost races for rows
 * (a deadlock victim) are still 409; the rest is a 500 whose detail carries a reference to the logged stack trace,
 * never the trace itself.
 */
@Provider
public class UnexpectedFailureMapper implements ExceptionMapper<Throwable> {
    private static final Logger LOG = Logger.getLogger(UnexpectedFailureMapper.class.getName());

    @Override
    public Response toResponse(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConflictException conflict) {
                return new ConflictMapper().toResponse(conflict);
            }
            if (t instanceof OptimisticLockException) {
                LOG.warning(() -> "refused with 409, a concurrent change: " + rootCause(failure));
                return Problem.of(Response.Status.CONFLICT, "conflict",
                        "the record was changed by someone else: reload it and try again", null).toResponse();
            }
            if (t.getCause() == t) {
                break;
            }
        }
        if (LockConflicts.isLostRace(failure)) {
            LOG.warning(() -> "refused with 409, lost a race for rows: " + rootCause(failure));
            return Problem.of(Response.Status.CONFLICT, "conflict",
                    "other work held the same records at that moment; try again", null).toResponse();
        }
        if (ConstraintViolations.isUniqueViolation(failure)) {
            LOG.warning(() -> "refused with 409, a duplicate: " + rootCause(failure));
            return Problem.of(Response.Status.CONFLICT, "conflict", "a record with that unique value already exists", null)
                    .toResponse();
        }
        String reference = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "unexpected failure, reference " + reference, failure);
        return Problem.of(Response.Status.INTERNAL_SERVER_ERROR, "internal-error",
                "an unexpected error occurred; the server log has the details under reference " + reference, null).toResponse();
    }

    /** What the database or provider said, for the log: the callers only see that it was a conflict. */
    private static String rootCause(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == failure ? String.valueOf(failure) : failure.getClass().getName() + " caused by " + root;
    }
}
