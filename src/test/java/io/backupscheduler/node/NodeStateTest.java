package io.backupscheduler.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class NodeStateTest {
    private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");
    private static final Duration SILENT_AFTER = Duration.ofSeconds(30);

    @Test
    void aNodeIsAliveWhileItsHeartbeatsArriveAndSilentOnceThreeAreMissing() {
        assertThat(NodeState.of(null, NOW.minusSeconds(5), NOW, SILENT_AFTER)).isEqualTo(NodeState.ALIVE);
        assertThat(NodeState.of(null, NOW.minusSeconds(30), NOW, SILENT_AFTER)).isEqualTo(NodeState.ALIVE);
        assertThat(NodeState.of(null, NOW.minusSeconds(31), NOW, SILENT_AFTER)).isEqualTo(NodeState.SILENT);
    }

    @Test
    void anOrderlyStopIsNotSilence() {
        assertThat(NodeState.of(NOW.minusSeconds(3600), NOW.minusSeconds(3600), NOW, SILENT_AFTER)).isEqualTo(NodeState.STOPPED);
    }
}
