package io.backupscheduler.lib.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which mechanism holds each limit, with and without a delegated cgroup v2 directory (a stand-in here). */
class LimitPlanTest {
    private static final ProcessLimits ALL = new ProcessLimits(50, 64, Duration.ofSeconds(30), 7);
    private static final HostTools TOOLS = new HostTools(Optional.of(Path.of("/usr/bin/setsid")), Optional.of(Path.of("/usr/bin/prlimit")),
            Optional.of(Path.of("/usr/bin/nice")), Optional.of(Path.of("/usr/bin/ionice")), Optional.of(Path.of("/usr/bin/kill")));

    @TempDir
    Path dir;

    @Test
    void withoutCgroupsTheToolsHoldTheLimitsAndTheMonitorDoesTheRest() throws IOException {
        LimitPlan plan = LimitPlan.of(ALL, TOOLS, Optional.empty(), "run-1", 10);
        assertThat(plan.wrap(java.util.List.of("pg_dump", "db"))).containsExactly("/usr/bin/setsid", "/bin/sh", "-c", LimitPlan.LIFELINE, "/usr/bin/setsid", "/usr/bin/ionice", "-c2", "-n7",
                "/usr/bin/prlimit", "--as=67108864", "--", "/usr/bin/nice", "-n", "10", "pg_dump", "db");
        assertThat(plan.dutyCycle).isTrue();
        assertThat(plan.rssWatchdog).isTrue();
        assertThat(plan.enforcement).isEqualTo("io: ionice -c2 -n7; memory: prlimit --as=64 MiB and a sampled RSS watchdog;"
                + " cpu: nice 10 and SIGSTOP/SIGCONT duty cycle at 50%; time: 30 s, then SIGTERM to the process group and SIGKILL after 10 s");
    }

    @Test
    void aDelegatedCgroupHoldsMemoryCpuAndIoAndTheCommandJoinsItBeforeItRuns() throws IOException {
        Files.writeString(dir.resolve("cgroup.controllers"), "cpuset cpu io memory pids\n");
        Files.writeString(dir.resolve("cgroup.subtree_control"), "");
        Optional<CgroupV2> cgroups = CgroupV2.at(dir);
        assertThat(cgroups).isPresent();
        LimitPlan plan = LimitPlan.of(ALL, TOOLS, cgroups, "run-2", 10);
        Path group = dir.resolve("run-2");
        assertThat(Files.readString(group.resolve("memory.max"))).isEqualTo("67108864");
        assertThat(Files.readString(group.resolve("cpu.max"))).isEqualTo("50000 100000");
        assertThat(Files.readString(group.resolve("io.weight"))).isEqualTo("default 25");
        assertThat(plan.wrap(java.util.List.of("tar"))).containsExactly("/usr/bin/setsid", "/bin/sh", "-c", LimitPlan.LIFELINE, "/usr/bin/setsid", "/bin/sh", "-c",
                "echo $$ > \"$0\" && exec \"$@\"", group.resolve("cgroup.procs").toString(), "tar");
        assertThat(plan.dutyCycle).isFalse();
        assertThat(plan.rssWatchdog).isFalse();
        assertThat(plan.enforcement).contains("io: cgroup v2 io.weight=25", "memory: cgroup v2 memory.max=64 MiB", "cpu: cgroup v2 cpu.max=50%");
    }

    @Test
    void noLimitsNoConfinementBeyondTheProcessGroup() throws IOException {
        LimitPlan plan = LimitPlan.of(ProcessLimits.NONE, TOOLS, Optional.empty(), "run-3", 10);
        assertThat(plan.wrap(java.util.List.of("true"))).containsExactly("/usr/bin/setsid", "/bin/sh", "-c", LimitPlan.LIFELINE, "/usr/bin/setsid", "true");
        assertThat(plan.lifeline).isTrue();
        assertThat(plan.enforcement).isEqualTo("no limits");
        LimitPlan ungrouped = LimitPlan.of(ProcessLimits.NONE, HostTools.none(), Optional.empty(), "run-4", 10);
        assertThat(ungrouped.enforcement).contains("no setsid");
        assertThat(ungrouped.lifeline).as("no group of its own to kill").isFalse();
    }

    @Test
    void aDirectoryThatIsNotCgroup2IsNotUsed() {
        assertThat(CgroupV2.at(dir)).isEmpty();
    }
}
