package io.backupscheduler.execution.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.backupscheduler.lib.archive.PointWriter;
import org.junit.jupiter.api.Test;

class PointResumeMarkTest {
    @Test
    void aMarkReadsBackWholeEvenWhenItsPathHoldsTheSeparators() {
        PointResumeMark mark = new PointResumeMark(new DirectoryReader.Mark(12, 40_000, 1L << 33, "/srv/a|b#c/report #3.txt"),
                new PointWriter.Checkpoint(7, 123_456));

        PointResumeMark back = PointResumeMark.parse(mark.encode());

        assertThat(back).isEqualTo(mark);
        assertThat(back.reader().path()).isEqualTo("/srv/a|b#c/report #3.txt");
        assertThat(back.writer().segments()).isEqualTo(7);
    }

    @Test
    void aMarkBeforeTheFirstFileHasNoPath() {
        PointResumeMark mark = new PointResumeMark(new DirectoryReader.Mark(3, 0, 0, null), new PointWriter.Checkpoint(0, 0));

        assertThat(PointResumeMark.parse(mark.encode())).isEqualTo(mark);
    }

    @Test
    void whatIsNotAMarkIsNone() {
        assertThat(PointResumeMark.parse(null)).isNull();
        assertThat(PointResumeMark.parse("")).isNull();
        assertThat(PointResumeMark.parse("12|5|100|/srv/file")).as("a reader's mark alone").isNull();
        assertThat(PointResumeMark.parse("12|5|100|/srv/file#7")).as("a writer's part cut short").isNull();
        assertThat(PointResumeMark.parse("12|x|100|/srv/file#7|10")).as("a count that is not a number").isNull();
        assertThat(PointResumeMark.parse("#7|10")).as("no reader's part").isNull();
    }
}
