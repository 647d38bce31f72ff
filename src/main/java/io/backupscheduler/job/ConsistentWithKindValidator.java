package io.backupscheduler.job;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

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
                    & forbid(hasCommand, context, "command", "must be empty for a DIRECTORY job (use sourcePath)");
            case COMMAND -> require(hasCommand, context, "command",
                    "is required for a COMMAND job: the program and its arguments, one item each")
                    & forbid(hasSource, context, "sourcePath", "must be empty for a COMMAND job (use command)");
        };
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
