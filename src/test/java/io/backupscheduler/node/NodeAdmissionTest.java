package io.backupscheduler.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** A node's own admission thresholds: read from its configuration, refused by key when wrong, shown as set. */
class NodeAdmissionTest {
    @Test
    void onlyTheKeysGivenAreOverridden() {
        NodeAdmission admission = NodeAdmission.parse(Map.of("max-cpu-percent", " 80 ", "min-free-disk-mb", "4096")::get);

        assertThat(admission.maxCpuPercent()).isEqualTo(80);
        assertThat(admission.minFreeDiskMb()).isEqualTo(4096L);
        assertThat(admission.minFreeMemoryMb()).isNull();
        assertThat(admission).hasToString("max-cpu-percent=80, min-free-disk-mb=4096");
        assertThat(NodeAdmission.parse(Map.<String, String>of()::get).isEmpty()).isTrue();
        assertThat(NodeAdmission.parse(Map.of("max-network-mb-per-second", " ")::get)).isEqualTo(NodeAdmission.NONE);
    }

    @Test
    void aValueOutOfRangeOrNotANumberIsRefusedNamingItsKey() {
        assertThatThrownBy(() -> NodeAdmission.parse(Map.of("max-cpu-percent", "120")::get))
                .hasMessage("backup.node.admission.max-cpu-percent must be a whole number from 0 to 100, not '120'");
        assertThatThrownBy(() -> NodeAdmission.parse(Map.of("min-free-memory-mb", "lots")::get))
                .hasMessageStartingWith("backup.node.admission.min-free-memory-mb must be a whole number");
        assertThatThrownBy(() -> NodeAdmission.parse(Map.of("min-free-disk-mb", "-1")::get))
                .hasMessageContaining("min-free-disk-mb");
    }
}
