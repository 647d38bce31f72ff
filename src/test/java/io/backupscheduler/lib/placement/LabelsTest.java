package io.backupscheduler.lib.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class LabelsTest {
    @Test
    void configurationTextIsReadSortedWhateverTheSeparators() {
        Labels labels = Labels.parse(" zone=eu,host=db1  role=db ,");

        assertThat(labels.values()).containsExactly("host=db1", "role=db", "zone=eu");
        assertThat(labels).hasToString("host=db1,role=db,zone=eu");
        assertThat(Labels.parse("  ")).isEqualTo(Labels.NONE);
        assertThat(Labels.parse(null).isEmpty()).isTrue();
    }

    @Test
    void aNodeTakesWorkOnlyWhenItHasEveryLabelOfThePlacement() {
        Labels db1 = Labels.parse("host=db1,zone=eu,role=db");

        assertThat(db1.satisfy(Labels.parse("host=db1"))).isTrue();
        assertThat(db1.satisfy(Labels.parse("host=db1,zone=eu"))).isTrue();
        assertThat(db1.satisfy(Labels.NONE)).as("work placed nowhere in particular").isTrue();
        assertThat(db1.satisfy(Labels.parse("host=db1,zone=us"))).isFalse();
        assertThat(db1.satisfy(Labels.parse("host=DB1"))).as("values are case-sensitive").isFalse();
        assertThat(Labels.NONE.satisfy(Labels.parse("host=db1"))).as("a node without labels").isFalse();
        assertThat(db1.lacking(Labels.parse("zone=us,host=db1,disk=ssd"))).containsExactly("disk=ssd", "zone=us");
    }

    @Test
    void aLabelThatIsNotKeyEqualsValueIsRefusedByName() {
        for (String bad : List.of("host", "host=", "=db1", "host=db 1", "host=db1=x", "ho st=db1", "host=" + "x".repeat(64), "-host=a")) {
            assertThat(Labels.isLabel(bad)).as(bad).isFalse();
        }
        assertThat(Labels.isLabel("kubernetes.io/hostname=node-1.eu_west")).isTrue();
        assertThatThrownBy(() -> Labels.parse("host=db1,zone"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("label 'zone' " + Labels.RULE);
    }
}
