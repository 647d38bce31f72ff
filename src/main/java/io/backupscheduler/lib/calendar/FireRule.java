package io.backupscheduler.lib.calendar;

import java.time.ZonedDateTime;
import java.util.Optional;

/** When something fires: the first fire strictly after an instant, returned in that instant's zone. */
public interface FireRule {
    /** The first fire strictly after {@code from}, in {@code from}'s zone; empty when it never fires again. */
    Optional<ZonedDateTime> nextAfter(ZonedDateTime from);

    /** The rule in English, for people. */
    String describe();
}
