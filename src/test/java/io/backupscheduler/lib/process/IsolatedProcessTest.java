package io.backupscheduler.lib.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real child processes on this host, confined with the tools it has (setsid, prlimit, nice, ionice, kill). */
class IsolatedProcessTest {
    @TempDir
    Path dir;

    private final HostTools tools = HostTools.detect();

    private CommandSpec spec(ProcessLimits limits, String... args) {
        return new CommandSpec(List.of(args), dir.resolve("work"), Map.of("PATH", "/usr/bin:/bin", "ONLY_THIS", "yes"),
                dir.resolve("output.log"), 4096, limits, Duration.ofSeconds(2));
    }

    private ProcessOutcome run(ProcessLimits limits, String... args) throws InterruptedException {
        return new IsolatedProcess(spec(limits, args), tools, Optional.empty(), "test-run").run();
    }

    private String log() throws IOException {
        return Files.readString(dir.resolve("output.log"));
    }

    @Test
    void theCommandGetsOnlyItsEnvironmentItsOwnDirectoryAndProcessGroup() throws Exception {
        ProcessOutcome outcome = run(ProcessLimits.NONE, "/bin/sh", "-c", "env; pwd; ps -o pgid= -p $$; echo pid $$");
        assertThat(outcome.ending()).isEqualTo(RunEnding.EXITED);
        assertThat(outcome.exitCode()).isZero();
        String log = log();
        assertThat(log).contains("ONLY_THIS=yes").doesNotContain("JAVA_HOME=").doesNotContain("HOME=");
        assertThat(log).contains(dir.resolve("work").toString());
        String pid = log.substring(log.indexOf("pid ") + 4).trim();
        assertThat(log).as("its own process group, led by itself").containsPattern("(?m)^\\s*" + pid + "\\s*$");
    }

    @Test
    void whenTheJvmIsKilledItsCommandsAndTheirChildrenDieWithIt() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(tools.setsid().isPresent(), "needs setsid for a process group");
        Path pids = dir.resolve("pids");
        String javaCommand = ProcessHandle.current().info().command().orElse("java");
        Process jvm = new ProcessBuilder(javaCommand, "-cp", System.getProperty("java.class.path"), LifelineProbe.class.getName(),
                dir.toString(), "/bin/sh", "-c", "sleep 300 & echo $! $$ > " + pids + ".tmp; mv " + pids + ".tmp " + pids + "; wait")
                .redirectErrorStream(true).redirectOutput(dir.resolve("jvm.log").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!Files.exists(pids) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(pids).as("the command started").exists();
            List<Long> running = java.util.Arrays.stream(Files.readString(pids).trim().split(" ")).map(Long::parseLong).toList();
            assertThat(running).allMatch(pid -> ProcessHandle.of(pid).isPresent());
            jvm.toHandle().destroyForcibly(); // SIGKILL: no shutdown hook, no finally block runs
            jvm.waitFor(10, TimeUnit.SECONDS);
            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (running.stream().anyMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                    && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(running).as("the command and its background child outlived the JVM")
                    .noneMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        } finally {
            jvm.destroyForcibly();
        }
    }

    @Test
    void aFailingCommandReportsItsExitCode() throws Exception {
        ProcessOutcome outcome = run(ProcessLimits.NONE, "/bin/sh", "-c", "echo broken >&2; exit 3");
        assertThat(outcome.ending()).isEqualTo(RunEnding.EXITED);
        assertThat(outcome.exitCode()).isEqualTo(3);
        assertThat(log()).contains("broken");
    }

    @Test
    void aMissingProgramIsNotStartedWithTheReason() throws Exception {
        ProcessOutcome outcome = run(ProcessLimits.NONE, "/no/such/program");
        assertThat(outcome.ending()).isIn(RunEnding.NOT_STARTED, RunEnding.EXITED);
        if (outcome.ending() == RunEnding.EXITED) { // setsid execs it: the failure is its exit code
            assertThat(outcome.exitCode()).isNotZero();
        } else {
            assertThat(outcome.reason()).contains("/no/such/program");
        }
    }

    @Test
    void aRunPastItsTimeLimitIsTerminatedWithItsWholeProcessTree() throws Exception {
        Path childPid = dir.resolve("child.pid");
        long started = System.nanoTime();
        ProcessOutcome outcome = run(new ProcessLimits(null, null, Duration.ofSeconds(1), null),
                "/bin/sh", "-c", "sleep 300 & echo $! > " + childPid + "; trap '' TERM; wait");
        assertThat(outcome.ending()).isEqualTo(RunEnding.TIMED_OUT);
        assertThat(outcome.reason()).contains("time limit of 1 s");
        assertThat(outcome.enforcement()).contains("SIGTERM", "SIGKILL after 2 s");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("1 s limit + 2 s grace").isLessThan(Duration.ofSeconds(8));
        long child = Long.parseLong(Files.readString(childPid).trim());
        assertThat(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false)).as("the background child is gone").isFalse();
    }

    @Test
    void whatACommandLeavesRunningInItsGroupIsGoneWhenTheRunReturns() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(tools.setsid().isPresent(), "needs setsid for a process group");
        Path childPid = dir.resolve("child.pid");
        ProcessOutcome outcome = run(ProcessLimits.NONE, "/bin/sh", "-c", "sleep 300 >/dev/null 2>&1 & echo $! > " + childPid);
        assertThat(outcome.ending()).isEqualTo(RunEnding.EXITED);
        assertThat(outcome.exitCode()).isZero();
        long child = Long.parseLong(Files.readString(childPid).trim());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5); // killed before run returned; reaped by whoever adopted it
        while (ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false)).as("the background child is gone").isFalse();
    }

    @Test
    void aCancelledRunEndsCancelled() throws Exception {
        IsolatedProcess process = new IsolatedProcess(spec(ProcessLimits.NONE, "sleep", "60"), tools, Optional.empty(), "cancel");
        CompletableFuture<ProcessOutcome> outcome = CompletableFuture.supplyAsync(() -> {
            try {
                return process.run();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(500);
        process.cancel();
        assertThat(outcome.get(10, TimeUnit.SECONDS).ending()).isEqualTo(RunEnding.CANCELLED);
    }

    @Test
    void goingPastTheMemoryLimitIsRejectedAndSaysWhichMechanismEnforcedIt() throws Exception {
        ProcessOutcome outcome = run(new ProcessLimits(null, 64, Duration.ofSeconds(30), null),
                "perl", "-e", "my $x = 'a' x (300 * 1024 * 1024); sleep 5");
        assertThat(outcome.ending()).isEqualTo(RunEnding.LIMIT_EXCEEDED);
        assertThat(outcome.reason()).contains("64 MiB");
        assertThat(outcome.enforcement()).containsAnyOf("prlimit", "RSS watchdog", "cgroup v2");
    }

    @Test
    void theRssWatchdogKillsWhenNothingElseLimitsMemory() throws Exception {
        HostTools onlyGroups = new HostTools(tools.setsid(), Optional.empty(), Optional.empty(), Optional.empty(), tools.kill());
        ProcessOutcome outcome = new IsolatedProcess(spec(new ProcessLimits(null, 64, null, null),
                "perl", "-e", "my $x = 'a' x (300 * 1024 * 1024); sleep 10"), onlyGroups, Optional.empty(), "rss").run();
        assertThat(outcome.ending()).isEqualTo(RunEnding.LIMIT_EXCEEDED);
        assertThat(outcome.reason()).contains("RSS watchdog");
        assertThat(outcome.usage().peakRssMb()).isGreaterThan(64);
    }

    @Test
    void aBusyCommandHasUsageFiguresAndTheCpuLimitHoldsItBack() throws Exception {
        String busy = "my $e = time + 3; my $n = 0; while (time < $e) { $n++ } open(my $f, '>', 'out.bin');"
                + " print $f ('x' x (8 * 1024 * 1024)); close $f; select(undef, undef, undef, 0.6);";
        ProcessOutcome free = run(ProcessLimits.NONE, "perl", "-e", busy);
        assertThat(free.usage().cpuAveragePercent()).isGreaterThan(50);
        assertThat(free.usage().peakRssMb()).isGreaterThan(0);
        assertThat(free.usage().bytesWritten() + free.usage().bytesRead()).isGreaterThan(0);
        ProcessOutcome limited = run(new ProcessLimits(25, null, null, 7), "perl", "-e", busy);
        assertThat(limited.exitCode()).isZero();
        assertThat(limited.enforcement()).contains("duty cycle at 25%", "ionice -c2 -n7");
        assertThat(limited.usage().cpuAveragePercent()).as(limited.toString()).isLessThan(45);
    }

    @Test
    void outputBeyondTheCapIsDroppedAndSaid() throws Exception {
        ProcessOutcome outcome = run(ProcessLimits.NONE, "/bin/sh", "-c", "head -c 100000 /dev/zero | tr '\\0' 'a'; echo");
        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.logTruncated()).isTrue();
        assertThat(Files.size(dir.resolve("output.log"))).isLessThan(4096 + 200);
        assertThat(log()).contains("[output truncated");
    }
}
