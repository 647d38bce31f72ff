package io.backupscheduler.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.PessimisticLockException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class LockConflictsTest {
    @Test
    void deadlocksSerializationFailuresAndLockWaitsAreLostRacesAtAnyDepth() {
        assertThat(LockConflicts.isLostRace(new RuntimeException("commit failed",
                new PersistenceException("flush", new SQLException("deadlock detected", "40P01"))))).isTrue();
        assertThat(LockConflicts.isLostRace(new SQLException("could not serialize access", "40001"))).isTrue();
        assertThat(LockConflicts.isLostRace(new SQLException("could not obtain lock", "55P03"))).isTrue();
        assertThat(LockConflicts.isLostRace(new PessimisticLockException("locked"))).isTrue();
        assertThat(LockConflicts.isLostRace(new OptimisticLockException("stale"))).isTrue();
    }

    @Test
    void otherDatabaseFailuresAreNot() {
        assertThat(LockConflicts.isLostRace(new PersistenceException("dup", new SQLException("duplicate key", "23505")))).isFalse();
        assertThat(LockConflicts.isLostRace(new SQLException("connection refused", "08001"))).isFalse();
        assertThat(LockConflicts.isLostRace(new IllegalStateException("no cause"))).isFalse();
    }
}
