package io.backupscheduler.errors;

/** The id a request named does not exist (any more). */
public class NoSuchEntityException extends RuntimeException {
    public NoSuchEntityException(String entity, Object id) {
        super(entity + " " + id + " does not exist");
    }
}
