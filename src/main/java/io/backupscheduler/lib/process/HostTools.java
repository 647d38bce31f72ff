package io.backupscheduler.lib.process;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The helper programs this host has for confining a process (util-linux and coreutils on Linux), found once on
 * the JVM's PATH. Each one missing only weakens confinement; the run's enforcement note says what was used.
 */
public record HostTools(Optional<Path> setsid, Optional<Path> prlimit, Optional<Path> nice, Optional<Path> ionice,
                        Optional<Path> kill) {

    public static HostTools detect() {
        return new HostTools(find("setsid"), find("prlimit"), find("nice"), find("ionice"), find("kill"));
    }

    /** For tests: a host with none of the tools. */
    public static HostTools none() {
        return new HostTools(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    static Optional<Path> find(String program) {
        String path = System.getenv("PATH");
        String search = (path == null || path.isBlank() ? "" : path + java.io.File.pathSeparator) + "/usr/bin:/bin:/usr/sbin:/sbin";
        for (String dir : search.split(java.io.File.pathSeparator)) {
            if (dir.isBlank()) {
                continue;
            }
            Path candidate = Path.of(dir, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
