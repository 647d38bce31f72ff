package io.backupscheduler.load;

import io.backupscheduler.lib.process.CommandSpec;
import io.backupscheduler.lib.process.HostTools;
import io.backupscheduler.lib.process.IsolatedProcess;
import io.backupscheduler.lib.process.ProcessLimits;
import io.backupscheduler.lib.process.ProcessOutcome;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What confining a command costs, apart from the server (issue 26): {@code /bin/true} run to its end by
 * {@link IsolatedProcess} (own process group and lifeline, log, usage sampling, the group's kill at the end), with
 * no limits and with the limits a COMMAND job usually has (memory, I/O priority, time), against the floor of a bare
 * ProcessBuilder in the same JVM, interleaved run by run. See docs/benchmarks.md for the command.
 */
public final class ConfinedRunOverhead {
    private ConfinedRunOverhead() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        HostTools tools = HostTools.detect();
        Path dir = Files.createTempDirectory("confined-run-overhead");
        ProcessLimits usual = new ProcessLimits(null, 1024, Duration.ofHours(1), 4);
        System.out.printf(Locale.ROOT, "%d runs of /bin/true a round, %d rounds (the first warms up); %d CPUs, Java %s; tools %s%n",
                runs, rounds, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), tools);
        for (int round = 1; round <= rounds; round++) {
            List<Double> bare = new ArrayList<>();
            List<Double> none = new ArrayList<>();
            List<Double> limited = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                bare.add(timed(() -> {
                    Process process = new ProcessBuilder("/bin/true").redirectErrorStream(true)
                            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                            .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                    if (process.waitFor() != 0) {
                        throw new IllegalStateException("/bin/true failed");
                    }
                }));
                int n = i;
                none.add(timed(() -> confined(tools, dir, ProcessLimits.NONE, "none-" + n)));
                limited.add(timed(() -> confined(tools, dir, usual, "limited-" + n)));
            }
            System.out.printf(Locale.ROOT, "round %d%s%n", round, round == 1 ? " (warm-up)" : "");
            System.out.println("  bare ProcessBuilder (floor)          " + percentiles(bare));
            System.out.println("  IsolatedProcess, no limits           " + percentiles(none));
            System.out.println("  IsolatedProcess, memory + io + time  " + percentiles(limited));
        }
    }

    private static void confined(HostTools tools, Path dir, ProcessLimits limits, String name) throws Exception {
        CommandSpec spec = new CommandSpec(List.of("/bin/true"), dir.resolve("work"), Map.of("PATH", "/usr/bin:/bin"),
                dir.resolve(name + ".log"), 1 << 20, limits, Duration.ofSeconds(10));
        ProcessOutcome outcome = new IsolatedProcess(spec, tools, Optional.empty(), name).run();
        if (outcome.exitCode() == null || outcome.exitCode() != 0) {
            throw new IllegalStateException(name + ": " + outcome);
        }
        Files.deleteIfExists(dir.resolve(name + ".log"));
    }

    private interface Work {
        void run() throws Exception;
    }

    /** Milliseconds the work took. */
    private static double timed(Work work) throws Exception {
        long start = System.nanoTime();
        work.run();
        return (System.nanoTime() - start) / 1e6;
    }

    private static String percentiles(List<Double> millis) {
        List<Double> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        return String.format(Locale.ROOT, "p50 %5.1f ms   p90 %5.1f ms   p99 %5.1f ms", RunOverhead.percentile(sorted, 50),
                RunOverhead.percentile(sorted, 90), RunOverhead.percentile(sorted, 99));
    }
}
