package io.backupscheduler.job;

import io.backupscheduler.errors.FieldError;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where jobs may read and write, from configuration: sources under {@code backup.paths.source-roots}, targets
 * under {@code target-roots}, restore destinations under {@code restore-roots} (each defaults to
 * {@code allowed-roots}), and never a target or restore destination under {@code forbidden-targets}, the
 * system's own directories. A path is judged as it resolves on disk: a link under an allowed root that leads
 * elsewhere is judged by where it leads.
 */
@ApplicationScoped
public class AllowedPaths {
    /** What a path is for; each use has its own roots. */
    public enum Use {
        SOURCE("source", "backup.paths.source-roots"),
        TARGET("target", "backup.paths.target-roots"),
        RESTORE("restore destination", "backup.paths.restore-roots");

        private final String noun;
        private final String key;

        Use(String noun, String key) {
            this.noun = noun;
            this.key = key;
        }
    }

    @Inject
    @ConfigProperty(name = "backup.paths.allowed-roots", defaultValue = "/")
    String allowedRoots;

    @Inject
    @ConfigProperty(name = "backup.paths.source-roots")
    Optional<String> sourceRoots;

    @Inject
    @ConfigProperty(name = "backup.paths.target-roots")
    Optional<String> targetRoots;

    @Inject
    @ConfigProperty(name = "backup.paths.restore-roots")
    Optional<String> restoreRoots;

    @Inject
    @ConfigProperty(name = "backup.paths.forbidden-targets", defaultValue = "/proc,/sys,/dev,/run,/boot,/bin,/sbin,/lib,/lib32,/lib64,/usr,/etc")
    String forbiddenTargets;

    @Inject
    @ConfigProperty(name = "backup.paths.allowed-programs")
    Optional<String> allowedPrograms;

    /**
     * Why a COMMAND job may not run this program, or empty when it may: with {@code backup.paths.allowed-programs}
     * set, a program named bare must be listed by name, and one given by path must be listed by that path or lie
     * under a listed directory (an entry ending in {@code /}).
     */
    public Optional<String> programProblem(String program) {
        List<String> allowed = allowedPrograms.map(list -> Arrays.stream(list.split(",")).map(String::strip)
                .filter(entry -> !entry.isEmpty()).toList()).orElse(List.of());
        if (allowed.isEmpty() || program == null) {
            return Optional.empty();
        }
        String name = program.strip();
        boolean ok;
        if (!name.contains("/")) {
            ok = allowed.contains(name);
        } else {
            Path path = resolved(Path.of(name));
            ok = allowed.stream().anyMatch(entry -> entry.startsWith("/") && (entry.endsWith("/")
                    ? path.startsWith(resolved(Path.of(entry))) : path.equals(resolved(Path.of(entry)))));
        }
        return ok ? Optional.empty() : Optional.of("the program " + name + " is not on the allow-list: " + String.join(", ", allowed)
                + " (backup.paths.allowed-programs)");
    }

    /** Why the path may not serve this use (a sentence naming the path and the roots), or empty when it may. */
    public Optional<String> problem(String text, Use use) {
        Path path;
        try {
            path = resolved(Path.of(text.strip()));
        } catch (InvalidPathException e) {
            return Optional.of(text + " is not a valid path");
        }
        List<Path> roots = roots(switch (use) {
            case SOURCE -> sourceRoots.orElse(allowedRoots);
            case TARGET -> targetRoots.orElse(allowedRoots);
            case RESTORE -> restoreRoots.orElse(allowedRoots);
        });
        if (roots.stream().noneMatch(path::startsWith)) {
            return Optional.of("the " + use.noun + " " + text.strip() + (path.equals(Path.of(text.strip())) ? "" : " (which resolves to " + path + ")")
                    + " is not under an allowed root: " + String.join(", ", roots.stream().map(Path::toString).toList())
                    + " (" + use.key + ")");
        }
        if (use != Use.SOURCE) {
            for (Path forbidden : roots(forbiddenTargets)) {
                if (path.startsWith(forbidden)) {
                    return Optional.of("the " + use.noun + " " + text.strip() + " is under " + forbidden
                            + ", a system directory that backups never write into (backup.paths.forbidden-targets)");
                }
            }
        }
        return Optional.empty();
    }

    /** Every problem with the job's paths, on the fields that hold them. */
    public List<FieldError> problems(JobSpec spec) {
        List<FieldError> problems = new ArrayList<>();
        if ((spec.getKind() == JobKind.DIRECTORY || spec.getKind() == JobKind.RESTIC) && spec.getSourcePath() != null) {
            problem(spec.getSourcePath(), Use.SOURCE).ifPresent(p -> problems.add(new FieldError("sourcePath", p)));
            List<String> more = spec.getAdditionalSources();
            for (int i = 0; i < more.size(); i++) {
                int index = i;
                problem(more.get(i), Use.SOURCE).ifPresent(p -> problems.add(
                        new FieldError("additionalSources[" + index + "]", p)));
            }
        }
        if (spec.getKind() == JobKind.COMMAND && !spec.getCommand().isEmpty()) {
            programProblem(spec.getCommand().get(0)).ifPresent(p -> problems.add(new FieldError("command[0]", p)));
        }
        if (spec.getTargetPath() != null && spec.getKind() != JobKind.RESTIC) {
            problem(spec.getTargetPath(), Use.TARGET).ifPresent(p -> problems.add(new FieldError("targetPath", p)));
        }
        if (spec.getKind() == JobKind.RESTIC && spec.getRestic().localRepository()) { // a local repository is a target
            problem(spec.getRestic().getRepository().strip(), Use.TARGET)
                    .ifPresent(p -> problems.add(new FieldError("restic.repository", p)));
        }
        return problems;
    }

    private static List<Path> roots(String list) {
        return Arrays.stream(list.split(",")).map(String::strip).filter(root -> !root.isEmpty())
                .map(root -> resolved(Path.of(root))).toList();
    }

    /** The path as it resolves now: its deepest existing ancestor's real path, plus the part that does not exist yet. */
    static Path resolved(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        Path existing = absolute;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return absolute;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(absolute)).normalize();
        } catch (IOException e) {
            return absolute;
        }
    }
}
