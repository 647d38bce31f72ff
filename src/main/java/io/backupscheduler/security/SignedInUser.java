package io.backupscheduler.security;

import java.io.Serializable;
import java.util.Set;

/** Who signed in to the console, kept in the HTTP session between requests. */
record SignedInUser(String username, Set<String> groups) implements Serializable {
    static final String SESSION_ATTRIBUTE = SignedInUser.class.getName();

    SignedInUser {
        groups = Set.copyOf(groups);
    }
}
