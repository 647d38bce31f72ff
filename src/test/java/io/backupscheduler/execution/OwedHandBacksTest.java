package io.backupscheduler.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.backupscheduler.errors.ConflictException;
import io.backupscheduler.errors.NoSuchEntityException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OwedHandBacksTest {
    private static final java.util.function.LongPredicate NOT_HERE = entryId -> false;

    private final OwedHandBacks owed = new OwedHandBacks();
    private final Queue queue = new Queue();

    /** A queue whose database can be away, and whose entries can have been taken from this node meanwhile. */
    private static final class Queue implements OwedHandBacks.HandBack {
        boolean databaseAway;
        final Set<Long> takenFromThisNode = new HashSet<>();
        final Set<Long> deleted = new HashSet<>();
        final List<String> handedBack = new ArrayList<>();
        int calls;

        @Override
        public void handBack(long entryId, String reason) {
            calls++;
            if (databaseAway) {
                throw new IllegalStateException("connection refused");
            }
            if (deleted.contains(entryId)) {
                throw new NoSuchEntityException("queue entry", entryId);
            }
            if (takenFromThisNode.contains(entryId)) {
                throw new ConflictException("lease", "entry " + entryId + " is not running on node-1");
            }
            handedBack.add(entryId + ": " + reason);
        }
    }

    @Test
    void whatIsOwedStaysOwedWhileTheDatabaseIsAwayAndGoesBackOnceItAnswers() {
        owed.owe(7, "could not start on node-1: connection refused");
        owed.owe(3, "could not start on node-1: connection refused");
        queue.databaseAway = true;

        assertThat(owed.settle(NOT_HERE, queue)).isZero();
        assertThat(owed.count()).isEqualTo(2);
        assertThat(queue.calls).as("the first failure ends the attempt: the database is away for the rest too").isEqualTo(1);

        queue.databaseAway = false;
        assertThat(owed.settle(NOT_HERE, queue)).isEqualTo(2);
        assertThat(queue.handedBack).as("oldest claim first, each with its own reason")
                .containsExactly("3: could not start on node-1: connection refused", "7: could not start on node-1: connection refused");
        assertThat(owed.count()).isZero();
        assertThat(owed.settle(NOT_HERE, queue)).as("nothing is handed back twice").isZero();
        assertThat(queue.handedBack).hasSize(2);
    }

    @Test
    void anEntryNoLongerThisNodesOrGoneIsSettledWithoutAHandBack() {
        owed.owe(1, "a");
        owed.owe(2, "b");
        owed.owe(3, "c");
        queue.takenFromThisNode.add(1L); // its lease ran out and the queue counted the attempt
        queue.deleted.add(2L);

        assertThat(owed.settle(NOT_HERE, queue)).isEqualTo(1);
        assertThat(queue.handedBack).containsExactly("3: c");
        assertThat(owed.count()).isZero();
    }

    @Test
    void anEntryThisNodeRunsAgainIsNotHandedBack() {
        owed.owe(4, "a");
        owed.owe(5, "b");

        // entry 4's lease ran out while the database was away, and this node claimed and started it anew since
        assertThat(owed.settle(entryId -> entryId == 4, queue)).isEqualTo(1);
        assertThat(queue.handedBack).containsExactly("5: b");
        assertThat(owed.count()).isZero();
    }

    @Test
    void aDatabaseThatGoesAwayPartWayKeepsTheRestOwed() {
        OwedHandBacks.HandBack firstOnly = new OwedHandBacks.HandBack() {
            private boolean answered;

            @Override
            public void handBack(long entryId, String reason) {
                if (answered) {
                    throw new IllegalStateException("connection reset");
                }
                answered = true;
            }
        };
        owed.owe(10, "x");
        owed.owe(11, "y");
        owed.owe(12, "z");

        assertThat(owed.settle(NOT_HERE, firstOnly)).isEqualTo(1);
        assertThat(owed.count()).isEqualTo(2);
        assertThat(owed.settle(NOT_HERE, queue)).isEqualTo(2);
        assertThat(queue.handedBack).containsExactly("11: y", "12: z");
    }
}
