package io.backupscheduler.persistence;

import java.util.Locale;

/** Patterns for "contains, in any case" searches with LIKE: the text's own %, _ and \ match themselves. */
public final class LikePatterns {
    /** The escape character the patterns use: give it to LIKE ({@code escape '\'}, or the criteria API's argument). */
    public static final char ESCAPE = '\\';

    private LikePatterns() {
    }

    /** A pattern matching lower-cased values that contain {@code text} (stripped, in any case); null or blank matches all. */
    public static String containing(String text) {
        String plain = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        return "%" + plain.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
