package io.backupscheduler.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.backupscheduler.node.NodeAdmission;
import org.junit.jupiter.api.Test;

/** A node's own admission thresholds replace the cluster's one by one; the rest stay the cluster's. */
class NodeThresholdsTest {
    @Test
    void aNodeOverridesOnlyWhatItSets() {
        AdmissionThresholds cluster = new AdmissionThresholds(95, 256, 1024, 0, 0);

        assertThat(ExecutorControl.overriddenBy(cluster, new NodeAdmission(70, null, 8192L, null, 40L)))
                .isEqualTo(new AdmissionThresholds(70, 256, 8192, 0, 40));
        assertThat(ExecutorControl.overriddenBy(cluster, NodeAdmission.NONE)).isEqualTo(cluster);
    }
}
