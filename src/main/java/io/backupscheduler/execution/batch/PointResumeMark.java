package io.backupscheduler.execution.batch;

import io.backupscheduler.lib.archive.PointWriter;

/**
 * How far the writing of a directory point got at its last checkpoint, as kept on the point's row: the reader's mark
 * (files, bytes, last path) and the writer's (finished segments, journal bytes). A later attempt of the same queue
 * entry goes on from it when the batch execution that wrote it cannot be restarted (its node was killed).
 */
record PointResumeMark(DirectoryReader.Mark reader, PointWriter.Checkpoint writer) {
    /** Between the two parts; the writer's part holds digits and '|' only, so the last one is the separator. */
    private static final char SEPARATOR = '#';

    String encode() {
        return reader.encode() + SEPARATOR + ArchiveWriter.encode(writer);
    }

    /** The mark kept on a row, or null when there is none or it is not one (an older version's row). */
    static PointResumeMark parse(String text) {
        int split = text == null ? -1 : text.lastIndexOf(SEPARATOR);
        if (split < 0) {
            return null;
        }
        try {
            DirectoryReader.Mark reader = DirectoryReader.Mark.parse(text.substring(0, split));
            PointWriter.Checkpoint writer = ArchiveWriter.parse(text.substring(split + 1));
            return reader == null || writer == null ? null : new PointResumeMark(reader, writer);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
