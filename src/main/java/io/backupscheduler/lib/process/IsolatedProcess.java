package io.backupscheduler.lib.process;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Runs one command to its end under its limits and watches it: the timeout (SIGTERM to its process group, SIGKILL
 * after the grace period), cancellation, the RSS watchdog and CPU duty cycle where no cgroup does that, and usage
 * samples. Whatever way the run ends, nothing of its process group is left behind, even when the server's JVM is
 * killed (the plan's lifeline). One instance per run.
 */
public final class IsolatedProcess {
    private static final Logger LOG = Logger.getLogger(IsolatedProcess.class.getName());
    private static final long DUTY_WINDOW_MILLIS = 1000;
    private static final List<String> ALLOCATION_FAILURES = List.of("out of memory", "cannot allocate memory",
            "memoryerror", "bad_alloc", "outofmemoryerror", "memory exhausted");

    private final CommandSpec spec;
    private final HostTools tools;
    private final Optional<CgroupV2> cgroups;
    private final String runName;
    private volatile boolean cancelRequested;
    private volatile ProcessTreeSampler sampler;
    private boolean stopped;

    public IsolatedProcess(CommandSpec spec, HostTools tools, Optional<CgroupV2> cgroups, String runName) {
        this.spec = spec;
        this.tools = tools;
        this.cgroups = cgroups;
        this.runName = runName;
    }

    /** Asks the run to stop; {@link #run()} then ends it as CANCELLED within a sampling tick plus the grace period. */
    public void cancel() {
        cancelRequested = true;
    }

    /** Usage so far, for live progress; zeros before the process started. */
    public ResourceUsage usageSoFar() {
        ProcessTreeSampler current = sampler;
        return current == null ? ResourceUsage.NONE : current.usage();
    }

    /** Runs the command and blocks until it and its process group are gone. */
    public ProcessOutcome run() throws InterruptedException {
        LimitPlan plan;
        Process process;
        try {
            Files.createDirectories(spec.workingDirectory());
            Files.createDirectories(spec.logFile().toAbsolutePath().getParent());
            plan = LimitPlan.of(spec.limits(), tools, cgroups, runName, spec.killGrace().toSeconds());
        } catch (IOException e) {
            return notStarted("could not prepare the run: " + e.getMessage(), "none");
        }
        ProcessBuilder builder = new ProcessBuilder(plan.wrap(spec.arguments()))
                .directory(spec.workingDirectory().toFile())
                .redirectErrorStream(true)
                .redirectInput(plan.lifeline ? ProcessBuilder.Redirect.PIPE : ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().clear();
        builder.environment().putAll(spec.environment());
        if (cancelRequested) {
            closeGroup(plan);
            return new ProcessOutcome(RunEnding.CANCELLED, null, "cancelled before it started", plan.enforcement,
                    ResourceUsage.NONE, false);
        }
        try {
            process = builder.start();
        } catch (IOException e) {
            closeGroup(plan);
            return notStarted("could not start " + spec.arguments().get(0) + ": " + e.getMessage(), plan.enforcement);
        }
        LogCopier log = new LogCopier(process.getInputStream(), spec.logFile(), spec.logMaxBytes());
        Thread copier = new Thread(log, "log-" + runName);
        copier.setDaemon(true);
        copier.start();
        ProcessTreeSampler usage = new ProcessTreeSampler(process.pid());
        sampler = usage;

        RunEnding ending = RunEnding.EXITED;
        String reason = null;
        long startNanos = System.nanoTime();
        Duration timeout = spec.limits().timeout();
        // each tick samples the whole process tree (every /proc entry is read to find its descendants): often only when a
        // limit is enforced by sampling; otherwise twice a second, which bounds how long a cancel or time limit waits
        long tickMillis = plan.dutyCycle || plan.rssWatchdog ? 100 : 500;
        long windowStart = System.nanoTime();
        long windowCpuStart = 0;
        Long memoryLimitBytes = spec.limits().memoryMb() == null ? null : spec.limits().memoryMb() * 1048576L;
        while (true) {
            boolean exited = process.waitFor(tickMillis, TimeUnit.MILLISECONDS);
            usage.sample();
            if (exited) {
                break;
            }
            if (cancelRequested) {
                ending = RunEnding.CANCELLED;
                reason = "cancelled while running";
                terminate(process, plan);
                break;
            }
            if (timeout != null && System.nanoTime() - startNanos >= timeout.toNanos()) {
                ending = RunEnding.TIMED_OUT;
                reason = "ran past its time limit of " + timeout.toSeconds() + " s";
                terminate(process, plan);
                break;
            }
            if (plan.rssWatchdog && memoryLimitBytes != null && usage.currentRssBytes() > memoryLimitBytes) {
                ending = RunEnding.LIMIT_EXCEEDED;
                reason = String.format(Locale.ROOT, "resident memory %.0f MiB went past the %d MiB limit (RSS watchdog)",
                        usage.currentRssBytes() / 1048576.0, spec.limits().memoryMb());
                signal(process, plan, "KILL");
                process.waitFor(spec.killGrace().toMillis(), TimeUnit.MILLISECONDS);
                break;
            }
            if (plan.dutyCycle) {
                long now = System.nanoTime();
                if (now - windowStart >= DUTY_WINDOW_MILLIS * 1_000_000) {
                    if (stopped) {
                        signal(process, plan, "CONT");
                        stopped = false;
                    }
                    windowStart = now;
                    windowCpuStart = usage.cpuMillis();
                } else if (!stopped && usage.cpuMillis() - windowCpuStart >= DUTY_WINDOW_MILLIS * spec.limits().cpuPercent() / 100) {
                    signal(process, plan, "STOP");
                    stopped = true;
                }
            }
        }
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor();
        }
        // the run is over: whatever it left running in its group goes too, and the lifeline's watcher with it
        closeLifeline(process, plan);
        if (plan.ownProcessGroup) {
            signal(process, plan, "KILL");
        }
        if (plan.group != null) {
            plan.group.killAll();
        }
        copier.join(5000);
        int exitCode = process.exitValue();
        if (ending == RunEnding.EXITED && exitCode != 0) {
            if (plan.group != null && plan.group.oomKilled()) {
                ending = RunEnding.LIMIT_EXCEEDED;
                reason = "killed by the kernel for going past memory.max (" + spec.limits().memoryMb() + " MiB, cgroup v2)";
            } else if (plan.addressSpaceLimit && mentionsAllocationFailure(spec.logFile())) {
                ending = RunEnding.LIMIT_EXCEEDED;
                reason = "an allocation was refused at the " + spec.limits().memoryMb()
                        + " MiB memory limit (prlimit --as); exit code " + exitCode;
            }
        }
        closeGroup(plan);
        return new ProcessOutcome(ending, exitCode, reason, plan.enforcement, usage.usage(), log.truncated());
    }

    private ProcessOutcome notStarted(String reason, String enforcement) {
        return new ProcessOutcome(RunEnding.NOT_STARTED, null, reason, enforcement, ResourceUsage.NONE, false);
    }

    private static void closeLifeline(Process process, LimitPlan plan) {
        if (plan.lifeline) {
            try {
                process.getOutputStream().close();
            } catch (IOException e) {
                LOG.fine(() -> "closing the lifeline of pid " + process.pid() + ": " + e.getMessage());
            }
        }
    }

    private static void closeGroup(LimitPlan plan) {
        if (plan.group != null) {
            plan.group.close();
        }
    }

    /** SIGTERM to the whole group, then SIGKILL when it outlives the grace period. */
    private void terminate(Process process, LimitPlan plan) throws InterruptedException {
        if (stopped) {
            signal(process, plan, "CONT"); // a stopped process cannot act on SIGTERM
            stopped = false;
        }
        signal(process, plan, "TERM");
        if (!process.waitFor(spec.killGrace().toMillis(), TimeUnit.MILLISECONDS)) {
            LOG.info(() -> runName + " outlived SIGTERM by " + spec.killGrace().toSeconds() + " s; sending SIGKILL");
        }
        signal(process, plan, "KILL");
        if (plan.group != null) {
            plan.group.killAll();
        }
    }

    /**
     * Signals the run's process group (kill(2) on the group, else {@code kill -s SIG -- -PGID}); without a group of its
     * own, the root and its current descendants one by one (only TERM and KILL are possible that way).
     */
    private void signal(Process process, LimitPlan plan, String signal) throws InterruptedException {
        if (plan.ownProcessGroup && GroupSignal.send(process.pid(), signal) != GroupSignal.Result.UNAVAILABLE) {
            return;
        }
        if (plan.ownProcessGroup && tools.kill().isPresent()) {
            try {
                Process kill = new ProcessBuilder(tools.kill().get().toString(), "-s", signal, "--", "-" + process.pid())
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                kill.waitFor(5, TimeUnit.SECONDS);
                return;
            } catch (IOException e) {
                LOG.warning(() -> "kill -s " + signal + " failed for " + runName + ": " + e.getMessage());
            }
        }
        List<ProcessHandle> tree = new java.util.ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        for (ProcessHandle handle : tree) {
            if ("KILL".equals(signal)) {
                handle.destroyForcibly();
            } else if ("TERM".equals(signal)) {
                handle.destroy();
            }
        }
    }

    private static boolean mentionsAllocationFailure(Path log) {
        String tail = FileTail.lastBytes(log, 64 * 1024).toLowerCase(Locale.ROOT);
        return ALLOCATION_FAILURES.stream().anyMatch(tail::contains);
    }

    /** Copies the run's output into its log up to the cap, then keeps draining so the command never blocks. */
    private static final class LogCopier implements Runnable {
        private final InputStream in;
        private final Path file;
        private final long maxBytes;
        private volatile boolean truncated;

        LogCopier(InputStream in, Path file, long maxBytes) {
            this.in = in;
            this.file = file;
            this.maxBytes = maxBytes;
        }

        boolean truncated() {
            return truncated;
        }

        @Override
        public void run() {
            byte[] buffer = new byte[16 * 1024];
            long written = 0;
            // appended: a run's log also holds its steps' notes and, for a RESTIC job, several commands' output
            try (in; OutputStream out = Files.newOutputStream(file, java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.WRITE, java.nio.file.StandardOpenOption.APPEND)) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    if (written < maxBytes) {
                        int keep = (int) Math.min(n, maxBytes - written);
                        out.write(buffer, 0, keep);
                        written += keep;
                        if (keep < n) {
                            truncated = true;
                            out.write(("\n[output truncated: the log keeps the first " + maxBytes + " bytes]\n")
                                    .getBytes(StandardCharsets.UTF_8));
                        }
                        out.flush();
                    } else {
                        truncated = true;
                    }
                }
            } catch (IOException e) {
                LOG.fine(() -> "log copy for " + file + " ended: " + e.getMessage());
            }
        }
    }
}
