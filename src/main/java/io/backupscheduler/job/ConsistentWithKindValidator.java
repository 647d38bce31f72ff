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
        boolean hasTarget = spec.getTargetPath() != null && !spec.getTargetPath().isBlank();
        return switch (spec.getKind()) {
            case DIRECTORY -> require(hasTarget, context, "targetPath", "is required")
                    & require(hasSource, context, "sourcePath", "is required for a DIRECTORY job")
                    & forbid(hasCommand, context, "command", "must be empty for a DIRECTORY job (use sourcePath)")
                    & forbid(!List.of(0).equals(spec.getAcceptedExitCodes()) && spec.getAcceptedExitCodes() != null
                            && !spec.getAcceptedExitCodes().isEmpty(), context, "acceptedExitCodes", "applies to COMMAND jobs only")
                    & copyTargetIsValid(spec.getCopyTarget(), context)
                    & (!hasSource || selectionIsValid(spec, context));
            case COMMAND -> require(hasTarget, context, "targetPath", "is required")
                    & forbid(Boolean.TRUE.equals(spec.getEncrypt()), context, "encrypt",
                    "applies to DIRECTORY jobs only: a COMMAND job's files are its tool's own (encrypt them there)")
                    & forbid(hasCopyTarget(spec), context, "copyTarget.bucket", "applies to DIRECTORY jobs only: copy a COMMAND job's files with its tool")
                    & require(hasCommand, context, "command",
                    "is required for a COMMAND job: the program and its arguments, one item each")
                    & forbid(hasSource, context, "sourcePath", "must be empty for a COMMAND job (use command)")
                    & forbid(!spec.getAdditionalSources().isEmpty(), context, "additionalSources", "must be empty for a COMMAND job")
                    & forbid(!spec.getIncludes().isEmpty(), context, "includes", "must be empty for a COMMAND job")
                    & forbid(!spec.getExcludes().isEmpty(), context, "excludes", "must be empty for a COMMAND job");
            case RESTIC -> require(hasSource, context, "sourcePath", "is required for a RESTIC job")
                    & forbid(hasTarget, context, "targetPath", "must be empty for a RESTIC job: it writes to restic.repository")
                    & forbid(hasCommand, context, "command", "must be empty for a RESTIC job")
                    & forbid(Boolean.TRUE.equals(spec.getEncrypt()), context, "encrypt",
                    "applies to DIRECTORY jobs only: a restic repository is always encrypted")
                    & forbid(hasCopyTarget(spec), context, "copyTarget.bucket",
                    "applies to DIRECTORY jobs only: copy a restic repository with restic copy")
                    & forbid(!List.of(0).equals(spec.getAcceptedExitCodes()) && spec.getAcceptedExitCodes() != null
                            && !spec.getAcceptedExitCodes().isEmpty(), context, "acceptedExitCodes", "applies to COMMAND jobs only")
                    & resticIsValid(spec.getRestic(), context)
                    & (!hasSource || selectionIsValid(spec, context));
        };
    }

    /** The repository, the password's secret name and the options of a RESTIC job, each on its own field. */
    private static boolean resticIsValid(ResticSettings restic, ConstraintValidatorContext context) {
        String repository = restic.getRepository() == null ? "" : restic.getRepository().strip();
        boolean valid = require(!repository.isEmpty(), context, "restic.repository",
                "is required: a local absolute path, or a location such as sftp:backup@host:/srv/restic or s3:https://host/bucket");
        if (!repository.isEmpty()) {
            valid &= require(REMOTE.matcher(repository).matches() ? repository.chars().noneMatch(c -> c < 0x20)
                            : SafeAbsolutePathValidator.isSafeAbsolutePath(repository), context, "restic.repository",
                    "must be a local absolute path (no '..') or a location starting with sftp:, s3:, rest:, b2:, azure:, gs:, swift: or rclone:");
        }
        String secret = restic.getPasswordSecret() == null ? "" : restic.getPasswordSecret().strip();
        valid &= require(!secret.isEmpty(), context, "restic.passwordSecret",
                "is required: the name of the secret holding the repository's password (Secrets page, PUT /api/v1/secrets/{name})");
        for (int i = 0; i < restic.getOptions().size(); i++) {
            java.util.Optional<String> problem = ResticOptions.problem(restic.getOptions().get(i));
            if (problem.isPresent()) {
                context.buildConstraintViolationWithTemplate(escape(problem.get())).addPropertyNode("restic")
                        .addPropertyNode("options[" + i + "]").addConstraintViolation();
                valid = false;
            }
        }
        return valid;
    }

    private static boolean hasCopyTarget(JobSpec spec) {
        return spec.getCopyTarget() != null && spec.getCopyTarget().isSet();
    }

    /**
     * A copy target is a bucket with credentials: the access key id and the secret's name come with the bucket, and
     * nothing else is set without one (a half-filled target would silently copy nothing).
     */
    private static boolean copyTargetIsValid(CopyTarget target, ConstraintValidatorContext context) {
        if (target == null) {
            return true;
        }
        boolean blankBucket = !target.isSet();
        if (blankBucket) {
            if (target.getMode() == BucketMode.MOVE) {
                return forbid(true, context, "copyTarget.bucket", "is required with mode MOVE: the bucket that holds the job's points");
            }
            boolean anything = notBlank(target.getEndpoint()) || notBlank(target.getRegion()) || notBlank(target.getPrefix())
                    || notBlank(target.getAccessKeyId()) || notBlank(target.getSecretKeySecret());
            return forbid(anything, context, "copyTarget.bucket", "is required when any other copy target field is set");
        }
        return require(notBlank(target.getAccessKeyId()), context, "copyTarget.accessKeyId", "is required with a bucket")
                & require(notBlank(target.getSecretKeySecret()), context, "copyTarget.secretKeySecret",
                "is required with a bucket: the name of the secret holding the secret access key (Secrets page, PUT /api/v1/secrets/{name})");
    }

    private static boolean notBlank(String text) {
        return text != null && !text.isBlank();
    }

    private static final java.util.regex.Pattern REMOTE = java.util.regex.Pattern.compile("(sftp|s3|rest|b2|azure|gs|swift|rclone):.+");

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
