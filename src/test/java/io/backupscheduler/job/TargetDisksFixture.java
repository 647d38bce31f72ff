package io.backupscheduler.job;

import jakarta.persistence.EntityManager;

/** {@link TargetDisks} over a test EntityManager, for tests of other packages. */
public final class TargetDisksFixture {
    private TargetDisksFixture() {
    }

    public static TargetDisks on(EntityManager em) {
        TargetDisks disks = new TargetDisks();
        disks.em = em;
        return disks;
    }
}
