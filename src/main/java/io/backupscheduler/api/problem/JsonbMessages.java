package io.backupscheduler.api.problem;

import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Extracts what a JSON-B provider's exception says about the input (which property, which value, what went
 * wrong) without passing on class names or message codes.
 */
final class JsonbMessages {
    private static final Pattern PROPERTY = Pattern.compile("(?:property|field|key) '?\"?([A-Za-z_][A-Za-z0-9_]*)'?\"?");
    private static final Pattern ENUM_CONSTANT = Pattern.compile("No enum constant ((?:[\\w$]+\\.)*[\\w$]+)\\.(\\S+)");
    private static final Pattern CODE_PREFIX = Pattern.compile("^[A-Z]+[0-9]+[A-Z]?:\\s*");
    private static final Pattern CLASS_NAME = Pattern.compile("\\b(?:[a-z][a-z0-9_]*\\.)+([A-Z][A-Za-z0-9_$]*)");

    /** A string that names no constant of an enum: the enum, the value and the constants there are. */
    record EnumMismatch(Class<?> enumType, String value, String allowed) {
    }

    private JsonbMessages() {
    }

    /** The innermost property name any message in the cause chain names, or null. */
    static String propertyName(Throwable failure) {
        String found = null;
        for (Throwable t = failure; t != null; t = next(t)) {
            if (t.getMessage() != null) {
                Matcher m = PROPERTY.matcher(t.getMessage());
                while (m.find()) {
                    found = m.group(1);
                }
            }
        }
        return found;
    }

    /** Java's "No enum constant a.b.Priority.URGENT" anywhere in the cause chain, resolved; null if absent. */
    static EnumMismatch enumMismatch(Throwable failure) {
        for (Throwable t = failure; t != null; t = next(t)) {
            Matcher m = t.getMessage() == null ? null : ENUM_CONSTANT.matcher(t.getMessage());
            if (m != null && m.find()) {
                try {
                    Class<?> type = Class.forName(m.group(1), false, JsonbMessages.class.getClassLoader());
                    if (type.isEnum()) {
                        String allowed = Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name())
                                .collect(Collectors.joining(", "));
                        return new EnumMismatch(type, m.group(2), allowed);
                    }
                } catch (ClassNotFoundException | LinkageError e) {
                    return null;
                }
            }
        }
        return null;
    }

    /**
     * The dotted path of the property of {@code type} (or of one of its nested JavaBean properties) declared with
     * {@code fieldType}, or null: a body names an enum constant wrongly, and this finds which field holds that enum.
     */
    static String propertyOfType(Class<?> type, Class<?> fieldType) {
        return propertyOfType(type, fieldType, "", 0);
    }

    private static String propertyOfType(Class<?> type, Class<?> fieldType, String prefix, int depth) {
        if (type == null || depth > 2 || type.getName().startsWith("java.")) {
            return null;
        }
        for (Field field : type.getDeclaredFields()) {
            if (field.getType().equals(fieldType)) {
                return prefix + field.getName();
            }
        }
        for (Field field : type.getDeclaredFields()) {
            if (!field.getType().isPrimitive() && !field.getType().isEnum() && !field.isSynthetic()
                    && !java.lang.reflect.Modifier.isStatic(field.getModifiers())) {
                String nested = propertyOfType(field.getType(), fieldType, prefix + field.getName() + ".", depth + 1);
                if (nested != null) {
                    return nested;
                }
            }
        }
        return null;
    }

    /** The deepest message in the cause chain, cleaned of message codes and package names, or null. */
    static String reason(Throwable failure) {
        String deepest = null;
        for (Throwable t = failure; t != null; t = next(t)) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                deepest = t.getMessage();
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

    private static Throwable next(Throwable t) {
        return t.getCause() == t ? null : t.getCause();
    }
}
