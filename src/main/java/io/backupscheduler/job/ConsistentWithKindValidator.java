package io.backupscheduler.job;

import io.backupscheduler.lib.archive.FileSelection;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.util.ArrayList;
import java.util.List;

public class ConsistentWithKindValidator implements ConstraintValidator<ConsistentWithKind, JobSpec> {
    @Override
    public boolean isValid(JobSpec spec, ConstraintValidatorContext context) {
        if (spec == null || spec.getKind() == null) {
            return true; // @NotNull on kind reports that
        }
        context.disableDefaultConstraintViolation();
        boolean hasSource = spec.getSourcePath() != null && !spec.getSourcePath().isBlank();
        boolean hasCommand = spec.getCommand() != null && !spec.getCommand().isEmpty();
        return switch (spec.getKind()) {
            case DIRECTORY -> require(hasSource, context, "sourcePath", "is required for a DIRECTORY job")
                    & forbid(hasCommand, context, "command", "must be empty for a DIRECTORY job (use sourcePath)")
                    & forbid(!List.of(0).equals(spec.getAcceptedExitCodes()) && spec.getAcceptedExitCodes() != null
                            && !spec.getAcceptedExitCodes().isEmpty(), context, "acceptedExitCodes", "applies to COMMAND jobs only")
                    & (!hasSource || selectionIsValid(spec, context));
            case COMMAND -> require(hasCommand, context, "command",
                    "is required for a COMMAND job: the program and its arguments, one item each")
                    & forbid(hasSource, context, "sourcePath", "must be empty for a COMMAND job (use command)")
                    & forbid(!spec.getAdditionalSources().isEmpty(), context, "additionalSources", "must be empty for a COMMAND job")
                    & forbid(!spec.getIncludes().isEmpty(), context, "includes", "must be empty for a COMMAND job")
                    & forbid(!spec.getExcludes().isEmpty(), context, "excludes", "must be empty for a COMMAND job");
        };
    }

    /** Sources that clash and globs that do not parse, each on the field it concerns. */
    private static boolean selectionIsValid(JobSpec spec, ConstraintValidatorContext context) {
        if (spec.getAdditionalSources().stream().anyMatch(s -> s == null || !SafeAbsolutePathValidator.isSafeAbsolutePath(s.strip()))
                || !SafeAbsolutePathValidator.isSafeAbsolutePath(spec.getSourcePath().strip())
                || spec.getIncludes().contains(null) || spec.getExcludes().contains(null)) {
            return true; // the path and element constraints report those first
        }
        List<String> sources = new ArrayList<>();
        sources.add(spec.getSourcePath().strip());
        spec.getAdditionalSources().forEach(source -> sources.add(source.strip()));
        List<String> problems = FileSelection.problems(sources, spec.getIncludes(), spec.getExcludes());
        for (String problem : problems) {
            int colon = problem.indexOf(": ");
            String field = problem.substring(0, colon);
            context.buildConstraintViolationWithTemplate(escape(problem.substring(colon + 2)))
                    .addPropertyNode(field.equals("sources") ? "additionalSources" : field).addConstraintViolation();
        }
        return problems.isEmpty();
    }

    /** Message templates interpolate {...} and ${...}: a user's glob must come out as written. */
    private static String escape(String message) {
        return message.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}").replace("$", "\\$");
    }

    private static boolean require(boolean present, ConstraintValidatorContext context, String field, String message) {
        if (!present) {
            context.buildConstraintViolationWithTemplate(message).addPropertyNode(field).addConstraintViolation();
        }
        return present;
    }

    private static boolean forbid(boolean present, ConstraintValidatorContext context, String field, String message) {
        return require(!present, context, field, message);
    }
}
