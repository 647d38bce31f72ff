package io.backupscheduler.lib.placement;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A set of labels, each {@code key=value}: a node's (what it is and holds) or a job's placement (what the node that
 * runs it must have, all of it). Kept sorted, so that two equal sets print alike.
 */
public record Labels(SortedSet<String> values) {
    /** One label: a key (letters, digits, {@code . _ / -}) and a value (letters, digits, {@code . _ -}), 1 to 63 each. */
    public static final String LABEL_REGEX = "[A-Za-z0-9][A-Za-z0-9._/-]{0,62}=[A-Za-z0-9][A-Za-z0-9._-]{0,62}";
    public static final Pattern LABEL = Pattern.compile(LABEL_REGEX);
    public static final String RULE = "must be key=value (letters, digits and . _ - in each, / in the key; up to 63 characters each)";
    public static final Labels NONE = new Labels(new TreeSet<>());

    public Labels {
        values = new TreeSet<>(values);
    }

    /**
     * Labels from configuration text such as {@code host=db1, zone=eu}: separated by commas or blanks.
     *
     * @throws IllegalArgumentException naming the first label that breaks {@link #RULE}
     */
    public static Labels parse(String text) {
        if (text == null || text.isBlank()) {
            return NONE;
        }
        return of(List.of(text.strip().split("[,\\s]+")));
    }

    /** @throws IllegalArgumentException naming the first label that breaks {@link #RULE} */
    public static Labels of(Collection<String> labels) {
        SortedSet<String> values = new TreeSet<>();
        for (String label : labels) {
            String value = label == null ? "" : label.strip();
            if (!isLabel(value)) {
                throw new IllegalArgumentException("label '" + value + "' " + RULE);
            }
            values.add(value);
        }
        return new Labels(values);
    }

    public static boolean isLabel(String text) {
        return text != null && LABEL.matcher(text).matches();
    }

    /** Whether a node with these labels may run work placed on {@code placement}: it has every one of them. */
    public boolean satisfy(Labels placement) {
        return values.containsAll(placement.values);
    }

    /** What of {@code placement} these labels lack, in order. */
    public Set<String> lacking(Labels placement) {
        SortedSet<String> lacking = new TreeSet<>(placement.values);
        lacking.removeAll(values);
        return lacking;
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** {@code host=db1,zone=eu}: the form configuration takes. */
    @Override
    public String toString() {
        return String.join(",", values);
    }
}
