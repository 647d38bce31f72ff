package io.backupscheduler.job;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The restic options a RESTIC job may add, each one item in {@code --name} or {@code --name=value} form: a fixed
 * list, so that no option can change where restic reads or writes, which password it uses, or run anything else.
 */
public final class ResticOptions {
    private record Allowed(String name, Pattern value, String example) {
    }

    private static final List<Allowed> ALLOWED = List.of(
            new Allowed("--tag", Pattern.compile("[\\p{L}\\p{N}._:@-]{1,100}"), "--tag=nightly"),
            new Allowed("--host", Pattern.compile("[A-Za-z0-9._-]{1,100}"), "--host=db1"),
            new Allowed("--one-file-system", null, "--one-file-system"),
            new Allowed("--exclude-caches", null, "--exclude-caches"),
            new Allowed("--exclude-larger-than", Pattern.compile("[0-9]{1,12}[kKmMgGtT]?"), "--exclude-larger-than=2G"),
            new Allowed("--compression", Pattern.compile("auto|off|max"), "--compression=max"),
            new Allowed("--limit-upload", Pattern.compile("[0-9]{1,9}"), "--limit-upload=10240 (KiB/s)"),
            new Allowed("--limit-download", Pattern.compile("[0-9]{1,9}"), "--limit-download=10240 (KiB/s)"),
            new Allowed("--with-atime", null, "--with-atime"),
            new Allowed("--ignore-inode", null, "--ignore-inode"),
            new Allowed("--ignore-ctime", null, "--ignore-ctime"));

    private ResticOptions() {
    }

    /** Why an option is not allowed, if it is not. */
    public static Optional<String> problem(String option) {
        if (option == null || option.isBlank()) {
            return Optional.of("must not be blank");
        }
        String text = option.strip();
        int equals = text.indexOf('=');
        String name = equals < 0 ? text : text.substring(0, equals);
        String value = equals < 0 ? null : text.substring(equals + 1);
        for (Allowed allowed : ALLOWED) {
            if (allowed.name().equals(name)) {
                if (allowed.value() == null) {
                    return value == null ? Optional.empty() : Optional.of("'" + name + "' takes no value");
                }
                return value != null && allowed.value().matcher(value).matches() ? Optional.empty()
                        : Optional.of("'" + text + "' needs a value in the form " + allowed.example());
            }
        }
        return Optional.of("'" + name + "' is not an option a job may set; allowed: "
                + String.join(", ", ALLOWED.stream().map(Allowed::name).toList()));
    }

    /** Whether an option applies to every restic command (bandwidth), not only to {@code backup}. */
    public static boolean global(String option) {
        return option.startsWith("--limit-upload") || option.startsWith("--limit-download");
    }
}
