package io.backupscheduler.console;

import io.backupscheduler.lib.archive.FileIndex;
import java.io.Serializable;
import java.time.Instant;

/** A file or directory of a backup point as the console shows it (Faces EL reads JavaBean getters, not record accessors). */
public class CatalogueRow implements Serializable {
    private static final long serialVersionUID = 1L;

    private final FileIndex.Item item;

    CatalogueRow(FileIndex.Item item) {
        this.item = item;
    }

    public String getName() {
        return item.name();
    }

    public String getPath() {
        return item.path();
    }

    public boolean isDirectory() {
        return item.directory();
    }

    public long getSize() {
        return item.size();
    }

    public Instant getModifiedAt() {
        return item.modifiedAt();
    }

    public String getMode() {
        return item.octalMode();
    }

    public String getSha256() {
        return item.sha256() == null ? "" : item.sha256();
    }

    /** The first 12 hex digits: enough to tell versions apart at a glance. */
    public String getShortSha256() {
        return getSha256().length() > 12 ? getSha256().substring(0, 12) : getSha256();
    }

    public long getFiles() {
        return item.files();
    }
}
