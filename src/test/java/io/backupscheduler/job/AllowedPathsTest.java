package io.backupscheduler.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Roots per use, the system directories no backup writes into, and links judged by where they lead. */
class AllowedPathsTest {
    @TempDir
    Path dir;

    private AllowedPaths paths;
    private Path backups;

    @BeforeEach
    void configure() throws IOException {
        backups = Files.createDirectories(dir.resolve("backups"));
        paths = new AllowedPaths();
        paths.allowedRoots = "/";
        paths.sourceRoots = Optional.empty();
        paths.targetRoots = Optional.of(backups + ", " + dir.resolve("more"));
        paths.restoreRoots = Optional.empty();
        paths.forbiddenTargets = "/proc,/etc,/usr";
        paths.allowedPrograms = Optional.empty();
    }

    @Test
    void eachUseHasItsRoots() {
        assertThat(paths.problem("/etc/nginx", AllowedPaths.Use.SOURCE)).isEmpty();
        assertThat(paths.problem(backups.resolve("web/new").toString(), AllowedPaths.Use.TARGET)).isEmpty();
        assertThat(paths.problem(dir.resolve("elsewhere").toString(), AllowedPaths.Use.TARGET)).hasValue("the target "
                + dir.resolve("elsewhere") + " is not under an allowed root: " + backups + ", " + dir.resolve("more")
                + " (backup.paths.target-roots)");
        assertThat(paths.problem(backups + "-evil", AllowedPaths.Use.TARGET)).isPresent(); // a root is a directory, not a prefix
    }

    @Test
    void systemDirectoriesAreNeverWrittenInto() {
        assertThat(paths.problem("/etc/restore", AllowedPaths.Use.RESTORE))
                .hasValue("the restore destination /etc/restore is under /etc, a system directory that backups never write into "
                        + "(backup.paths.forbidden-targets)");
        assertThat(paths.problem("/usr/local/backups", AllowedPaths.Use.TARGET)).isPresent();
    }

    @Test
    void aLinkIsJudgedByWhereItLeads() throws IOException {
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.createSymbolicLink(backups.resolve("escape"), outside);
        assertThat(paths.problem(backups.resolve("escape/deeper").toString(), AllowedPaths.Use.TARGET).orElseThrow())
                .contains("(which resolves to " + outside.toRealPath().resolve("deeper") + ")").contains("is not under an allowed root");
    }

    @Test
    void aJobsProblemsNameItsFields() {
        JobSpec spec = new JobSpec();
        spec.setKind(JobKind.DIRECTORY);
        spec.setSourcePath("/srv/www");
        spec.setAdditionalSources(List.of("/srv/db", "/proc/self"));
        spec.setTargetPath("/var/elsewhere");
        paths.sourceRoots = Optional.of("/srv");
        assertThat(paths.problems(spec)).extracting(e -> e.field()).containsExactly("additionalSources[1]", "targetPath");
    }

    @Test
    void programsMayBeHeldToAnAllowList() throws IOException {
        assertThat(paths.programProblem("anything")).as("no list: any program").isEmpty();
        Path tools = Files.createDirectories(dir.resolve("tools"));
        paths.allowedPrograms = Optional.of("pg_dump, rsync, /usr/bin/tar, " + tools + "/");
        assertThat(paths.programProblem("pg_dump")).isEmpty();
        assertThat(paths.programProblem("/usr/bin/tar")).isEmpty();
        assertThat(paths.programProblem(tools.resolve("dump.sh").toString())).isEmpty();
        assertThat(paths.programProblem("sh")).hasValueSatisfying(p -> assertThat(p).contains("is not on the allow-list", "allowed-programs"));
        assertThat(paths.programProblem("/usr/bin/pg_dump")).as("a name on the list does not allow any path").isPresent();
        assertThat(paths.programProblem(tools.resolve("../elsewhere.sh").toString())).isPresent();
        JobSpec spec = new JobSpec();
        spec.setKind(JobKind.COMMAND);
        spec.setCommand(List.of("bash", "-c", "x"));
        spec.setTargetPath(backups.toString());
        assertThat(paths.problems(spec)).extracting(e -> e.field()).containsExactly("command[0]");
    }
}
