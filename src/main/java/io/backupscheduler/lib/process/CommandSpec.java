package io.backupscheduler.lib.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One command to run: the argument list (never a shell string), its own working directory, the whole environment
 * it gets (the caller applies the allow-list), where its output goes and how much of it is kept, its limits and
 * how long a terminated process gets between SIGTERM and SIGKILL.
 */
public record CommandSpec(List<String> arguments, Path workingDirectory, Map<String, String> environment, Path logFile,
                          long logMaxBytes, ProcessLimits limits, Duration killGrace) {
    public CommandSpec {
        if (arguments == null || arguments.isEmpty()) {
            throw new IllegalArgumentException("a command needs at least the program to run");
        }
        arguments = List.copyOf(arguments);
        environment = Map.copyOf(environment);
        limits = limits == null ? ProcessLimits.NONE : limits;
        killGrace = killGrace == null ? Duration.ofSeconds(10) : killGrace;
    }
}
