package io.backupscheduler.job;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A job's source matches its kind: a DIRECTORY job has a source path and no command, a COMMAND job
 * has a command and no source path. Violations are reported on the field at fault.
 */
@Documented
@Constraint(validatedBy = ConsistentWithKindValidator.class)
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface ConsistentWithKind {
    String message() default "source does not match the job kind";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
