package io.backupscheduler.security;

import io.backupscheduler.persistence.Timestamped;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;

/** A person or tool that signs in. The password is kept only as a PBKDF2 hash. */
@Entity
@Table(name = "app_user")
public class AppUser extends Timestamped {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "app_user_seq")
    @SequenceGenerator(name = "app_user_seq", sequenceName = "app_user_seq", allocationSize = 50)
    private Long id;

    @Column(nullable = false, length = 64, unique = true)
    private String username;

    @Column(name = "password_hash", nullable = false, length = 512)
    private String passwordHash;

    @Column(nullable = false)
    private boolean enabled = true;

    @Column(name = "failed_logins", nullable = false)
    private int failedLogins;

    @Column(name = "locked_until")
    private java.time.Instant lockedUntil;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "app_user_role", joinColumns = @JoinColumn(name = "user_id"))
    @Column(name = "role", length = 16, nullable = false)
    private Set<String> roles = new HashSet<>();

    protected AppUser() {
    }

    public AppUser(String username, String passwordHash, Set<String> roles) {
        this.username = username;
        this.passwordHash = passwordHash;
        this.roles = new HashSet<>(roles);
    }

    public Long getId() {
        return id;
    }

    public String getUsername() {
        return username;
    }

    public String getPasswordHash() {
        return passwordHash;
    }

    public boolean isEnabled() {
        return enabled;
    }

    void changeRoles(Set<String> granted) {
        roles = new HashSet<>(granted);
    }

    void enabled(boolean enabled) {
        this.enabled = enabled;
    }

    void passwordHash(String hash) {
        this.passwordHash = hash;
        loggedIn(); // a new password also ends a lockout
    }

    /** Whether wrong passwords locked the account at this instant. */
    public boolean isLockedAt(java.time.Instant now) {
        return lockedUntil != null && lockedUntil.isAfter(now);
    }

    public java.time.Instant getLockedUntil() {
        return lockedUntil;
    }

    public int getFailedLogins() {
        return failedLogins;
    }

    /** One more wrong password; the account locks until {@code lockUntil} once {@code maxFailures} are reached. */
    void failedLogin(int maxFailures, java.time.Instant lockUntil) {
        failedLogins++;
        if (failedLogins >= maxFailures) {
            lockedUntil = lockUntil;
            failedLogins = 0;
        }
    }

    void loggedIn() {
        failedLogins = 0;
        lockedUntil = null;
    }

    /** Granted roles, sorted. */
    public Set<String> getRoles() {
        return new TreeSet<>(roles);
    }
}
