package io.backupscheduler.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.backupscheduler.job.ResticOptions;
import io.backupscheduler.job.Retention;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A job's retention in restic's words, what restic forget says it removed, and which options a job may set. */
class ResticForgetTest {
    @Test
    void retentionBecomesKeepOptionsWithTheSameMeaning() {
        assertThat(ResticForget.keepArguments(new Retention(7, 14, 8, 12, 400))).containsExactly("--keep-last=7",
                "--keep-daily=14", "--keep-weekly=8", "--keep-monthly=12", "--keep-within=400d");
        assertThat(ResticForget.keepArguments(new Retention())).as("keeps everything: no forget at all").isEmpty();
    }

    @Test
    void forgetTouchesOnlyTheJobsOwnSnapshotsAndADryRunRemovesNothing() {
        Retention lastTwo = new Retention(2, null, null, null, null);
        assertThat(ResticForget.arguments(42, lastTwo, false)).containsExactly("forget", "--json", "--tag", "backup-scheduler-job-42",
                "--prune", "--keep-last=2");
        assertThat(ResticForget.arguments(42, lastTwo, true)).contains("--dry-run").doesNotContain("--prune");
        assertThat(ResticForget.arguments(42, new Retention(), true)).isEmpty();
    }

    @Test
    void theRemovedSnapshotsAreReadFromForgetsJsonAnswer() {
        List<String> output = List.of("[{\"tags\":null,\"host\":\"h\",\"paths\":[\"/srv\"],\"keep\":[{\"id\":\"aaaa1111\",\"short_id\":\"aaaa1111\"}],"
                        + "\"remove\":[{\"id\":\"bbbb2222ffff\",\"short_id\":\"bbbb2222\"},{\"short_id\":\"cccc3333\"}],\"reasons\":[]}]",
                "loading indexes...", "[0:00] 100.00%  2 / 2 files deleted");
        assertThat(ResticForget.removedSnapshots(output)).containsExactly("bbbb2222ffff", "cccc3333");
        assertThat(ResticForget.removedSnapshots(List.of("[{\"keep\":[],\"remove\":null}]"))).isEmpty();
        assertThat(ResticForget.removedSnapshots(List.of("Fatal: unable to create lock"))).isEmpty();
    }

    @Test
    void onlyOptionsFromTheListAreAllowed() {
        assertThat(ResticOptions.problem("--tag=nightly")).isEmpty();
        assertThat(ResticOptions.problem("--one-file-system")).isEmpty();
        assertThat(ResticOptions.problem("--compression=max")).isEmpty();
        assertThat(ResticOptions.problem("--compression=fast")).hasValueSatisfying(p -> assertThat(p).contains("--compression=max"));
        assertThat(ResticOptions.problem("--password-command=cat /etc/shadow")).hasValueSatisfying(p -> assertThat(p).contains("not an option"));
        assertThat(ResticOptions.problem("--repo=/tmp/elsewhere")).isPresent();
        assertThat(ResticOptions.problem("--one-file-system=yes")).hasValueSatisfying(p -> assertThat(p).contains("takes no value"));
        assertThat(ResticOptions.problem("--tag=a b")).isPresent();
        assertThat(ResticOptions.global("--limit-upload=100")).isTrue();
        assertThat(ResticOptions.global("--tag=x")).isFalse();
    }
}
