package io.backupscheduler.lib.process;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How one run's limits are enforced on this host: the programs placed before the command (each execs the next,
 * so the run keeps one pid), what the run's monitor must do itself (duty-cycle throttling, the RSS watchdog),
 * and a one-line account of the mechanisms, stored with the run's result.
 */
final class LimitPlan {
    /**
     * Started in a session of its own (so a SIGSTOP of the run's group cannot freeze it), reads the run's stdin,
     * which only the server's JVM holds open, and kills the run's process group at end of file: when the JVM dies,
     * even by {@code kill -9}, its commands die with it instead of running on beside the node that takes the work
     * over. The command itself gets /dev/null as stdin.
     */
    static final String LIFELINE = "exec 3<&0; ( \"$0\" /bin/sh -c 'while read -r _; do :; done; kill -s KILL -- -\"$1\"'"
            + " lifeline \"$$\" <&3 >/dev/null 2>&1 & ); exec \"$@\" 3<&- </dev/null";

    final List<String> prefix;
    final boolean ownProcessGroup;
    /** The command's stdin is a pipe from the JVM whose end of file kills its group (see {@link #LIFELINE}). */
    final boolean lifeline;
    final boolean dutyCycle;
    final boolean rssWatchdog;
    final boolean addressSpaceLimit;
    final CgroupV2.Group group;
    final String enforcement;

    private LimitPlan(List<String> prefix, boolean ownProcessGroup, boolean dutyCycle, boolean rssWatchdog,
                      boolean addressSpaceLimit, CgroupV2.Group group, String enforcement) {
        this.prefix = List.copyOf(prefix);
        this.ownProcessGroup = ownProcessGroup;
        this.lifeline = ownProcessGroup;
        this.dutyCycle = dutyCycle;
        this.rssWatchdog = rssWatchdog;
        this.addressSpaceLimit = addressSpaceLimit;
        this.group = group;
        this.enforcement = enforcement;
    }

    static LimitPlan of(ProcessLimits limits, HostTools tools, Optional<CgroupV2> cgroups, String runName,
                        long killGraceSeconds) throws IOException {
        List<String> prefix = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        boolean ownGroup = tools.setsid().isPresent();
        tools.setsid().ifPresent(setsid -> prefix.addAll(List.of(setsid.toString(), "/bin/sh", "-c", LIFELINE, setsid.toString())));

        boolean anyLimit = limits.memoryMb() != null || limits.cpuPercent() != null || limits.ioPriority() != null;
        CgroupV2.Group group = null;
        var controllers = cgroups.map(CgroupV2::controllers).orElse(java.util.Set.of());
        if (anyLimit && cgroups.isPresent()) {
            group = cgroups.get().create(runName, limits);
            // the child joins its group before it execs the command, so nothing runs unconfined
            prefix.addAll(List.of("/bin/sh", "-c", "echo $$ > \"$0\" && exec \"$@\"", group.procsFile().toString()));
        }
        boolean memoryByCgroup = group != null && controllers.contains(CgroupV2.Controller.MEMORY);
        boolean cpuByCgroup = group != null && controllers.contains(CgroupV2.Controller.CPU);
        boolean ioByCgroup = group != null && controllers.contains(CgroupV2.Controller.IO);

        if (limits.ioPriority() != null) {
            if (ioByCgroup) {
                notes.add("io: cgroup v2 io.weight=" + CgroupV2.ioWeight(limits.ioPriority()));
            } else if (tools.ionice().isPresent()) {
                prefix.addAll(List.of(tools.ionice().get().toString(), "-c2", "-n" + limits.ioPriority()));
                notes.add("io: ionice -c2 -n" + limits.ioPriority());
            } else {
                notes.add("io: not enforced (no ionice)");
            }
        }
        boolean addressSpace = false;
        boolean watchdog = false;
        if (limits.memoryMb() != null) {
            if (memoryByCgroup) {
                notes.add("memory: cgroup v2 memory.max=" + limits.memoryMb() + " MiB");
            } else {
                watchdog = true;
                if (tools.prlimit().isPresent()) {
                    addressSpace = true;
                    prefix.addAll(List.of(tools.prlimit().get().toString(), "--as=" + limits.memoryMb() * 1024L * 1024L, "--"));
                    notes.add("memory: prlimit --as=" + limits.memoryMb() + " MiB and a sampled RSS watchdog");
                } else {
                    notes.add("memory: sampled RSS watchdog");
                }
            }
        }
        boolean dutyCycle = false;
        if (limits.cpuPercent() != null) {
            if (cpuByCgroup) {
                notes.add("cpu: cgroup v2 cpu.max=" + limits.cpuPercent() + "%");
            } else {
                dutyCycle = true;
                if (tools.nice().isPresent()) {
                    prefix.addAll(List.of(tools.nice().get().toString(), "-n", "10"));
                    notes.add("cpu: nice 10 and SIGSTOP/SIGCONT duty cycle at " + limits.cpuPercent() + "%");
                } else {
                    notes.add("cpu: SIGSTOP/SIGCONT duty cycle at " + limits.cpuPercent() + "%");
                }
            }
        }
        if (limits.timeout() != null) {
            notes.add("time: " + limits.timeout().toSeconds() + " s, then SIGTERM to the "
                    + (ownGroup ? "process group" : "process tree") + " and SIGKILL after " + killGraceSeconds + " s");
        }
        if (!ownGroup) {
            notes.add("no setsid: the run shares the server's process group");
        }
        return new LimitPlan(prefix, ownGroup, dutyCycle, watchdog, addressSpace, group,
                notes.isEmpty() ? "no limits" : String.join("; ", notes));
    }

    /** The full argument list: the confinement programs, then the command itself. */
    List<String> wrap(List<String> command) {
        List<String> all = new ArrayList<>(prefix);
        all.addAll(command);
        return all;
    }
}
