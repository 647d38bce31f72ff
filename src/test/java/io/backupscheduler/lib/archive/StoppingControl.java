package io.backupscheduler.lib.archive;

import java.util.concurrent.atomic.AtomicInteger;

/** A control that stops the work as a cancel would ("cancelled") once it has been checked in more than so many times. */
final class StoppingControl implements ArchiveControl {
    private final AtomicInteger checks = new AtomicInteger();
    private final int allowed;

    StoppingControl(int allowed) {
        this.allowed = allowed;
    }

    @Override
    public void checkpoint() {
        if (checks.incrementAndGet() > allowed) {
            throw new IllegalStateException("cancelled");
        }
    }

    @Override
    public void beforeBytes(long bytes) {
    }
}
