package io.backupscheduler.alert;

/** A rule's condition holds for one subject right now: its key, how people name it, and what is wrong. */
public record Finding(String subject, String label, String message) {
}
