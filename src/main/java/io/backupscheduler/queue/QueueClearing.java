package io.backupscheduler.queue;

import io.backupscheduler.persistence.LockConflicts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.logging.Logger;

/**
 * Clears the queue, trying again when the clear loses a race for rows: its delete takes every entry's row while the
 * nodes claim and complete entries, and the database may pick it as the victim of a deadlock. A forced clear is
 * meant to win over running work, so it does not answer the caller with a conflict it could not have avoided.
 * Not transactional itself: each try is a transaction of {@link JobQueue}.
 */
@ApplicationScoped
public class QueueClearing {
    private static final Logger LOG = Logger.getLogger(QueueClearing.class.getName());
    static final int TRIES = 3;

    @Inject
    JobQueue queue;

    /** The number of entries removed; a refusal (entries running without force) is not tried again. */
    public long clear(boolean force) {
        for (int attempt = 1; ; attempt++) {
            try {
                return queue.clear(force);
            } catch (RuntimeException e) {
                if (attempt == TRIES || !LockConflicts.isLostRace(e)) {
                    throw e;
                }
                int tried = attempt;
                LOG.info(() -> "clearing the queue lost a race with other work (try " + tried + " of " + TRIES + "): " + e
                        + "; trying again");
            }
        }
    }
}
