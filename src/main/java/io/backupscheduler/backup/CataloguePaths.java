package io.backupscheduler.backup;

import io.backupscheduler.errors.InvalidInputException;

/** Paths inside a backup point as the catalogue takes them: relative, '/'-separated, never leaving the point. */
final class CataloguePaths {
    private CataloguePaths() {
    }

    /** The path without leading or trailing slashes ("" for the root); refused when it has "." or ".." segments or control characters. */
    static String normalize(String field, String path) {
        if (path == null) {
            return "";
        }
        String trimmed = path.strip();
        while (trimmed.startsWith("/")) {
            trimmed = trimmed.substring(1);
        }
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        if (trimmed.isEmpty()) {
            return "";
        }
        for (int i = 0; i < trimmed.length(); i++) {
            if (Character.isISOControl(trimmed.charAt(i))) {
                throw InvalidInputException.of(field, "must not contain control characters");
            }
        }
        for (String segment : trimmed.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw InvalidInputException.of(field, "'" + path + "' is not a path inside the point: no empty, '.' or '..' segments");
            }
        }
        return trimmed;
    }
}
