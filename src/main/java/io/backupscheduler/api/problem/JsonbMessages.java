package io.backupscheduler.api.problem;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Extracts what a JSON-B provider's exception says about the input (which property, what went wrong) without
 * passing on class names or message codes.
 */
final class JsonbMessages {
    private static final Pattern PROPERTY = Pattern.compile("(?:property|field|key) '?\"?([A-Za-z_][A-Za-z0-9_]*)'?\"?");
    private static final Pattern CODE_PREFIX = Pattern.compile("^[A-Z]+[0-9]+[A-Z]?:\\s*");
    private static final Pattern CLASS_NAME = Pattern.compile("\\b(?:[a-z][a-z0-9_]*\\.)+([A-Z][A-Za-z0-9_$]*)");

    private JsonbMessages() {
    }

    /** The innermost property name any message in the cause chain names, or null. */
    static String propertyName(Throwable failure) {
        String found = null;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null) {
                Matcher m = PROPERTY.matcher(t.getMessage());
                while (m.find()) {
                    found = m.group(1);
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return found;
    }

    /** The deepest message in the cause chain, cleaned of message codes and package names, or null. */
    static String reason(Throwable failure) {
        String deepest = null;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                deepest = t.getMessage();
            }
            if (t.getCause() == t) {
                break;
            }
        }
        if (deepest == null) {
            return null;
        }
        String cleaned = CODE_PREFIX.matcher(deepest.strip()).replaceFirst("");
        cleaned = CLASS_NAME.matcher(cleaned).replaceAll("$1");
        cleaned = cleaned.replaceAll("\\s+", " ");
        return cleaned.length() > 300 ? cleaned.substring(0, 300) + "..." : cleaned;
    }
}
