package io.backupscheduler.job;

import java.util.Arrays;

/**
 * Queue priority. The rank is what is stored and ordered on: 1 runs first, as in Bacula's job priority.
 */
public enum Priority {
    CRITICAL(1), HIGH(2), NORMAL(3), LOW(4), BACKGROUND(5);

    private final int rank;

    Priority(int rank) {
        this.rank = rank;
    }

    public int rank() {
        return rank;
    }

    public static Priority ofRank(int rank) {
        return Arrays.stream(values())
                .filter(p -> p.rank == rank)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no priority has rank " + rank));
    }
}
