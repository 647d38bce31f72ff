package io.backupscheduler.lib.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * How a point's files (archive segments and manifest) lie on the target: as written ({@link #NONE}), or encrypted
 * with the point's own key ({@link PointKey}). Each file is sealed under its name, so a file renamed or swapped for
 * another one of the point does not open.
 */
public interface PointSealing {
    PointSealing NONE = new PointSealing() {
        @Override
        public OutputStream seal(OutputStream out, String fileName) {
            return out;
        }

        @Override
        public InputStream open(InputStream in, String fileName) {
            return in;
        }
    };

    /** What is written to the returned stream reaches {@code out} sealed; closing it finishes the file. */
    OutputStream seal(OutputStream out, String fileName) throws IOException;

    /** The file's content read from its sealed bytes; a byte changed anywhere fails the read at its place (an IOException). */
    InputStream open(InputStream in, String fileName) throws IOException;
}
