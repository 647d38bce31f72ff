package io.backupscheduler.api;

import io.backupscheduler.security.AppUser;
import java.time.Instant;
import java.util.Set;

/** A user as the API shows it: never the password or its hash. */
public record UserResponse(long id, String username, Set<String> roles, boolean enabled, Instant lockedUntil, Instant createdAt) {
    static UserResponse of(AppUser user) {
        Instant locked = user.isLockedAt(Instant.now()) ? user.getLockedUntil() : null;
        return new UserResponse(user.getId(), user.getUsername(), user.getRoles(), user.isEnabled(), locked, user.getCreatedAt());
    }
}
