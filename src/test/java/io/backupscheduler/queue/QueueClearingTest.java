package io.backupscheduler.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backupscheduler.errors.ConflictException;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.PessimisticLockException;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.Test;

class QueueClearingTest {
    /** A queue whose clears fail with the given failures, in order, and then remove 7 entries. */
    private static final class ScriptedQueue extends JobQueue {
        final Deque<RuntimeException> failures = new ArrayDeque<>();
        int calls;

        @Override
        public long clear(boolean force) {
            calls++;
            RuntimeException next = failures.poll();
            if (next != null) {
                throw next;
            }
            return 7;
        }
    }

    private static QueueClearing clearing(ScriptedQueue queue) {
        QueueClearing clearing = new QueueClearing();
        clearing.queue = queue;
        return clearing;
    }

    private static RuntimeException deadlock() {
        return new PessimisticLockException("could not execute statement",
                new SQLException("ERROR: deadlock detected", "40P01"));
    }

    @Test
    void aClearThatLosesARaceForRowsIsTriedAgainInANewTransaction() {
        ScriptedQueue queue = new ScriptedQueue();
        queue.failures.add(deadlock());
        queue.failures.add(new PersistenceException("wrapped at commit", new SQLException("could not serialize access", "40001")));

        assertThat(clearing(queue).clear(true)).isEqualTo(7);
        assertThat(queue.calls).isEqualTo(3);
    }

    @Test
    void aRaceLostEveryTimeReachesTheCallerAfterThreeTries() {
        ScriptedQueue queue = new ScriptedQueue();
        for (int i = 0; i < QueueClearing.TRIES; i++) {
            queue.failures.add(deadlock());
        }

        assertThatThrownBy(() -> clearing(queue).clear(true)).isInstanceOf(PessimisticLockException.class);
        assertThat(queue.calls).isEqualTo(QueueClearing.TRIES);
    }

    @Test
    void aRefusalOrAnyOtherFailureIsNotTriedAgain() {
        ScriptedQueue refused = new ScriptedQueue();
        refused.failures.add(new ConflictException("force", "2 entries are running; pass force=true to clear anyway"));
        assertThatThrownBy(() -> clearing(refused).clear(false)).isInstanceOf(ConflictException.class);
        assertThat(refused.calls).isEqualTo(1);

        ScriptedQueue broken = new ScriptedQueue();
        broken.failures.add(new PersistenceException("constraint", new SQLException("duplicate key", "23505")));
        assertThatThrownBy(() -> clearing(broken).clear(true)).isInstanceOf(PersistenceException.class);
        assertThat(broken.calls).isEqualTo(1);
    }
}
