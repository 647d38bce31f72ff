package io.backupscheduler.execution;

import io.backupscheduler.lib.archive.CheckpointPolicy;
import io.backupscheduler.lib.process.CgroupV2;
import io.backupscheduler.lib.process.HostTools;
import io.backupscheduler.settings.SharedSettings;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** How this node runs work: where runs keep their files, what a command's environment may hold, and the host's means of confinement. */
@ApplicationScoped
public class RunSettings {
    private static final Logger LOG = Logger.getLogger(RunSettings.class.getName());

    @Inject
    SharedSettings shared;

    @Inject
    @ConfigProperty(name = "backup.executor.run-dir")
    Optional<String> runDir;

    @Inject
    @ConfigProperty(name = "backup.executor.command.environment", defaultValue = "PATH,LANG,LC_ALL,TZ")
    String environmentAllowList;

    @Inject
    @ConfigProperty(name = "backup.executor.log-max-bytes", defaultValue = "10485760")
    long logMaxBytes;

    @Inject
    @ConfigProperty(name = "backup.executor.lease-seconds", defaultValue = "120")
    long leaseSeconds;

    @Inject
    @ConfigProperty(name = "backup.executor.dropped-job-seconds", defaultValue = "120")
    long droppedJobSeconds;

    @Inject
    @ConfigProperty(name = "backup.executor.kill-grace-seconds", defaultValue = "10")
    long killGraceSeconds;

    @Inject
    @ConfigProperty(name = "backup.executor.cgroup-dir", defaultValue = "/sys/fs/cgroup/backup-scheduler")
    String cgroupDir;

    @Inject
    @ConfigProperty(name = "backup.executor.io-rate-mb-by-priority", defaultValue = "0,0,0,0,0,50,20,5")
    String ioRateByPriority;

    @Inject
    @ConfigProperty(name = "backup.directory.checkpoint-files", defaultValue = "20000")
    long checkpointFiles;

    @Inject
    @ConfigProperty(name = "backup.directory.checkpoint-mb", defaultValue = "512")
    long checkpointMb;

    @Inject
    @ConfigProperty(name = "backup.directory.checkpoint-seconds", defaultValue = "60")
    long checkpointSeconds;

    @Inject
    @ConfigProperty(name = "backup.directory.verify-parallelism", defaultValue = "0")
    int verifyParallelism;

    private HostTools tools;
    private Optional<CgroupV2> cgroups;

    @PostConstruct
    void detect() {
        tools = HostTools.detect();
        cgroups = CgroupV2.at(Path.of(cgroupDir));
        LOG.info(() -> "command confinement: " + cgroups.map(c -> "cgroup v2 at " + cgroupDir + " " + c.controllers())
                .orElse("no writable cgroup v2; prlimit " + (tools.prlimit().isPresent() ? "yes" : "no") + ", nice "
                        + (tools.nice().isPresent() ? "yes" : "no") + ", ionice " + (tools.ionice().isPresent() ? "yes" : "no")
                        + ", setsid " + (tools.setsid().isPresent() ? "yes" : "no")));
    }

    /** When a directory backup checkpoints (and starts a new archive segment). */
    public CheckpointPolicy checkpoints() {
        return new CheckpointPolicy(checkpointFiles, checkpointMb << 20, checkpointSeconds * 1000);
    }

    /** How many archive segments a directory point's verify reads at once: the setting, or one per core when it is 0. */
    public int verifyParallelism() {
        return verifyParallelism > 0 ? verifyParallelism : Runtime.getRuntime().availableProcessors();
    }

    /** The directory of one run: its working directory and its log live under it. */
    public Path runDirectory(long executionId) {
        Path root = runDir.filter(s -> !s.isBlank()).map(Path::of)
                .orElseGet(() -> shared.dataDirectory().resolve("executions"));
        return root.toAbsolutePath().resolve(Long.toString(executionId));
    }

    /** The server's environment reduced to the allow-list: a command sees nothing else of it. */
    public Map<String, String> commandEnvironment() {
        List<String> allowed = Arrays.stream(environmentAllowList.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        Map<String, String> environment = new LinkedHashMap<>();
        for (String name : allowed) {
            String value = System.getenv(name);
            if (value != null) {
                environment.put(name, value);
            }
        }
        environment.putIfAbsent("PATH", "/usr/local/bin:/usr/bin:/bin");
        return environment;
    }

    /** The checkpoint and I/O throttle for a run's in-JVM work: its explicit rate, or the one its I/O priority implies. */
    public RunControl controlFor(ActiveRun run) {
        return new RunControl(run, new IoThrottle(IoThrottle.rateFor(run.limits().getMaxIoBytesPerSecond(),
                run.limits().getIoPriority(), ioRatesByPriority())));
    }

    long[] ioRatesByPriority() {
        long[] rates = new long[8];
        String[] parts = ioRateByPriority.split(",");
        for (int i = 0; i < rates.length && i < parts.length; i++) {
            try {
                rates[i] = Math.max(0, Long.parseLong(parts[i].strip()));
            } catch (NumberFormatException e) {
                rates[i] = 0; // a typo means "no limit" for that level, as the documented default for 0-4
            }
        }
        return rates;
    }

    public long logMaxBytes() {
        return logMaxBytes;
    }

    /** How long a claimed queue entry stays this node's without a renewal; runs renew it a few times per lease. */
    public Duration lease() {
        return Duration.ofSeconds(leaseSeconds);
    }

    /** How long a run's batch job may show no sign outside its steps before it is taken for dropped: see SupervisionRules. */
    public Duration droppedJobAfter() {
        return Duration.ofSeconds(droppedJobSeconds);
    }

    public Duration killGrace() {
        return Duration.ofSeconds(killGraceSeconds);
    }

    public HostTools tools() {
        return tools;
    }

    public Optional<CgroupV2> cgroups() {
        return cgroups;
    }
}
