package io.backupscheduler.api;

import io.backupscheduler.security.AppUser;
import java.time.Instant;
import java.util.Set;

/** A user as the API shows it: never the password or its hash. */
public record UserResponse(long id, String username, Set<String> roles, boolean enabled, Instant createdAt) {
    static UserResponse of(AppUser user) {
        return new UserResponse(user.getId(), user.getUsername(), user.getRoles(), user.isEnabled(), user.getCreatedAt());
    }
}
