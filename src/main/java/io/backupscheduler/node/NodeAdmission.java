package io.backupscheduler.node;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Admission thresholds one node sets over the cluster's ({@code backup.node.admission.*}): a small node that must
 * keep memory for its database, a NAS head that may run hotter. A null field keeps the cluster's value.
 */
public record NodeAdmission(Integer maxCpuPercent, Long minFreeMemoryMb, Long minFreeDiskMb, Long maxDiskIoMbPerSecond,
                            Long maxNetworkMbPerSecond) {
    public static final NodeAdmission NONE = new NodeAdmission(null, null, null, null, null);
    /** The configuration keys, after {@code backup.node.admission.}, in the order they are shown. */
    public static final List<String> KEYS = List.of("max-cpu-percent", "min-free-memory-mb", "min-free-disk-mb",
            "max-disk-io-mb-per-second", "max-network-mb-per-second");

    /**
     * The overrides given as text by key (absent or blank: none). A value that is not a whole number in range is
     * refused naming its key: {@code IllegalArgumentException}.
     */
    public static NodeAdmission parse(Function<String, String> valueOfKey) {
        Long cpu = number(valueOfKey, KEYS.get(0), 100);
        return new NodeAdmission(cpu == null ? null : cpu.intValue(), number(valueOfKey, KEYS.get(1), Long.MAX_VALUE), number(valueOfKey, KEYS.get(2), Long.MAX_VALUE),
                number(valueOfKey, KEYS.get(3), Long.MAX_VALUE), number(valueOfKey, KEYS.get(4), Long.MAX_VALUE));
    }

    private static Long number(Function<String, String> valueOfKey, String key, long max) {
        String text = valueOfKey.apply(key);
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            long value = Long.parseLong(text.strip());
            if (value >= 0 && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // refused below with the key's name
        }
        throw new IllegalArgumentException("backup.node.admission." + key + " must be a whole number from 0 to "
                + (max == 100 ? "100" : "any size") + ", not '" + text.strip() + "'");
    }

    public boolean isEmpty() {
        return equals(NONE);
    }

    /** {@code max-cpu-percent=80, min-free-disk-mb=4096}: what the node overrides, empty when nothing. */
    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        Object[] values = {maxCpuPercent, minFreeMemoryMb, minFreeDiskMb, maxDiskIoMbPerSecond, maxNetworkMbPerSecond};
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null) {
                parts.add(KEYS.get(i) + "=" + values[i]);
            }
        }
        return String.join(", ", parts);
    }
}
