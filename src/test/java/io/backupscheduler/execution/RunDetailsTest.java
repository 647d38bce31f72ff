package io.backupscheduler.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.backupscheduler.job.ResourceLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The small rules around a run: placeholders, per-run limits, reading the end of a log. */
class RunDetailsTest {
    @TempDir
    Path dir;

    @Test
    void placeholdersInTheArgumentsAreFilledAndNothingElseIsTouched() {
        List<String> args = Dispatcher.expand(List.of("pg_dump", "-f", "{target}/db-{timestamp}.dump", "$HOME", "{unknown}", "run {execution}"),
                "/backups/db", 42, Instant.parse("2026-11-27T14:05:09Z"));
        assertThat(args).containsExactly("pg_dump", "-f", "/backups/db/db-20261127-140509.dump", "$HOME", "{unknown}", "run 42");
    }

    @Test
    void aRunsLimitsOverrideTheJobsOneByOne() {
        ResourceLimits job = new ResourceLimits(50, 512, 3600, 4);
        assertThat(EffectiveLimits.of(job, null)).isEqualTo(job);
        assertThat(EffectiveLimits.of(job, "{\"full\":true}")).isEqualTo(job);
        assertThat(EffectiveLimits.of(job, "{\"limits\":{\"maxExecutionSeconds\":60,\"ioPriority\":7,\"maxIoBytesPerSecond\":1048576}}"))
                .isEqualTo(new ResourceLimits(50, 512, 60, 7, 1_048_576L));
        assertThat(EffectiveLimits.of(job, "not json")).isEqualTo(job);
        assertThat(EffectiveLimits.of(null, "{\"limits\":{\"maxMemoryMb\":64}}")).isEqualTo(new ResourceLimits(null, 64, null, null));
    }

    @Test
    void theTailOfALogIsItsLastLines() throws IOException {
        Path log = dir.resolve("output.log");
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= 5000; i++) {
            text.append("line ").append(i).append('\n');
        }
        Files.writeString(log, text);
        assertThat(ExecutionService.tail(log, 3)).isEqualTo("line 4998\nline 4999\nline 5000\n");
        assertThat(ExecutionService.tail(log, 1)).isEqualTo("line 5000\n");
        assertThat(ExecutionService.tail(log, 10_000)).isEqualTo(text.toString());
        Files.writeString(log, "no newline at the end");
        assertThat(ExecutionService.tail(log, 2)).isEqualTo("no newline at the end");
        Files.writeString(log, "");
        assertThat(ExecutionService.tail(log, 2)).isEmpty();
    }
}
