package io.backupscheduler.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PriorityTest {
    @Test
    void ranksRunFromCriticalOneToBackgroundFive() {
        assertThat(Arrays.stream(Priority.values()).mapToInt(Priority::rank)).containsExactly(1, 2, 3, 4, 5);
        PriorityConverter converter = new PriorityConverter();
        for (Priority p : Priority.values()) {
            assertThat(converter.convertToEntityAttribute(converter.convertToDatabaseColumn(p))).isEqualTo(p);
        }
        assertThat(converter.convertToDatabaseColumn(null)).isNull();
    }

    @Test
    void anUnknownRankIsRefused() {
        assertThatThrownBy(() -> Priority.ofRank(6)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("6");
    }
}
