package io.backupscheduler.job;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An absolute file-system path without {@code ..} segments or control characters; null passes
 * (combine with {@code @NotBlank} where the path is required).
 */
@Documented
@Constraint(validatedBy = SafeAbsolutePathValidator.class)
@Target({ElementType.FIELD, ElementType.TYPE_USE, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
public @interface SafeAbsolutePath {
    String message() default "must be an absolute path without '..' segments or control characters";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
