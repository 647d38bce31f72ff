package io.backupscheduler.job;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

public class SafeAbsolutePathValidator implements ConstraintValidator<SafeAbsolutePath, String> {
    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        if (value == null || value.isEmpty()) {
            return true;
        }
        return isSafeAbsolutePath(value);
    }

    static boolean isSafeAbsolutePath(String value) {
        if (value.chars().anyMatch(Character::isISOControl)) {
            return false;
        }
        try {
            Path path = Path.of(value);
            if (!path.isAbsolute()) {
                return false;
            }
            for (Path segment : path) {
                if (segment.toString().equals("..")) {
                    return false;
                }
            }
            return true;
        } catch (InvalidPathException e) {
            return false;
        }
    }
}
