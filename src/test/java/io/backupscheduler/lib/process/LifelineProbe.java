package io.backupscheduler.lib.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A stand-in for the server's JVM in {@link IsolatedProcessTest}: runs one command the way the executor does
 * until someone kills this JVM. Arguments: the run's directory, then the command.
 */
public final class LifelineProbe {
    private LifelineProbe() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path dir = Path.of(args[0]);
        CommandSpec spec = new CommandSpec(List.of(args).subList(1, args.length), dir.resolve("work"),
                Map.of("PATH", "/usr/bin:/bin"), dir.resolve("probe.log"), 4096, ProcessLimits.NONE, Duration.ofSeconds(2));
        new IsolatedProcess(spec, HostTools.detect(), Optional.empty(), "probe").run();
    }
}
