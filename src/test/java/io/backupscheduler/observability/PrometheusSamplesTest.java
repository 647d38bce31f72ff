package io.backupscheduler.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The sample Prometheus files and docs/operations.md speak of the metrics the application really has. */
class PrometheusSamplesTest {
    /** The application's series as Prometheus names them (MicroProfile name, unit suffix, _total for counters). */
    private static final List<String> SERIES = List.of("scheduler_fires_total", "scheduler_fire_lateness_seconds",
            "queue_depth", "executions_running", "executions_finished_total", "execution_duration_seconds", "deadletters_size",
            "backup_bytes_total", "resource_admission_waits_total");
    private static final Pattern METRIC = Pattern.compile("\\b((?:scheduler|queue|executions?|deadletters|backup|resource)_[a-z_]+)\\b");
    private static final Path PROMETHEUS = Path.of("server-config/prometheus");

    @Test
    void alertRulesUseOnlyMetricsTheApplicationHas() throws IOException {
        String rules = Files.readString(PROMETHEUS.resolve("backup-scheduler-alerts.yml"));
        Set<String> used = new TreeSet<>();
        Matcher m = METRIC.matcher(rules);
        while (m.find()) {
            used.add(m.group(1));
        }
        assertThat(used).isNotEmpty();
        for (String name : used) {
            assertThat(SERIES).as(name + " in the alert rules").anyMatch(series -> name.equals(series)
                    || name.matches(Pattern.quote(series) + "_(bucket|count|sum|max)"));
        }
    }

    @Test
    void theScrapeConfigLoadsTheRulesBesideIt() throws IOException {
        String config = Files.readString(PROMETHEUS.resolve("prometheus.yml"));
        Matcher m = Pattern.compile("rule_files:\\s*\\n\\s*-\\s*(\\S+)").matcher(config);
        assertThat(m.find()).isTrue();
        assertThat(PROMETHEUS.resolve(m.group(1))).exists();
        assertThat(config).contains("metrics_path: /metrics");
    }

    @Test
    void theOperationsGuideDocumentsEveryMetric() throws IOException {
        String readme = Files.readString(Path.of("docs/operations.md"));
        for (String series : SERIES) {
            assertThat(readme).as(series).contains("`" + series + "`");
        }
    }
}
