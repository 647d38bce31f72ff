package io.backupscheduler.security;

import java.util.List;
import java.util.Set;

/**
 * The three roles. Viewers read; operators also run, pause, cancel and retry; admins also manage
 * definitions, users and settings. The names are the servlet/Jakarta Security role (and group) names.
 */
public final class Roles {
    public static final String ADMIN = "admin";
    public static final String OPERATOR = "operator";
    public static final String VIEWER = "viewer";

    /** In the order of power, highest first. */
    public static final List<String> ALL = List.of(ADMIN, OPERATOR, VIEWER);

    private Roles() {
    }

    public static boolean isKnown(String role) {
        return ALL.contains(role);
    }

    /**
     * The roles a user holds given the roles granted: higher roles include the lower ones, so an admin
     * passes every check that names operator or viewer.
     */
    public static Set<String> effective(Set<String> granted) {
        if (granted.contains(ADMIN)) {
            return Set.of(ADMIN, OPERATOR, VIEWER);
        }
        if (granted.contains(OPERATOR)) {
            return Set.of(OPERATOR, VIEWER);
        }
        return granted.contains(VIEWER) ? Set.of(VIEWER) : Set.of();
    }
}
