package io.backupscheduler.security;

import io.backupscheduler.audit.AuditLog;
import io.backupscheduler.errors.ConflictException;
import io.backupscheduler.errors.FieldError;
import io.backupscheduler.errors.InvalidInputException;
import io.backupscheduler.persistence.ConstraintViolations;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/** Creates and finds users; the identity store and the first-start admin use it. */
@ApplicationScoped
@Transactional
public class UserService {
    private static final Logger LOG = Logger.getLogger(UserService.class.getName());

    @PersistenceContext
    EntityManager em;

    @Inject
    Validator validator;

    @Inject
    PasswordHasher hasher;

    @Inject
    AuditLog audit;

    public AppUser create(NewUser request) {
        validate(request);
        if (findByUsername(request.getUsername()).isPresent()) {
            throw new ConflictException("username", "a user named '" + request.getUsername() + "' already exists");
        }
        AppUser user = new AppUser(request.getUsername(), hasher.hash(request.getPassword()), request.getRoles());
        em.persist(user);
        try {
            em.flush();
        } catch (PersistenceException e) {
            if (ConstraintViolations.isUniqueViolation(e)) {
                throw new ConflictException("username", "a user named '" + request.getUsername() + "' already exists");
            }
            throw e;
        }
        audit.record("user.create", "user", user.getUsername(), null, null, java.util.Map.of("username", user.getUsername(),
                "roles", user.getRoles(), "enabled", user.isEnabled()));
        LOG.info(() -> "created user '" + user.getUsername() + "' with roles " + user.getRoles());
        return user;
    }

    /** Counts a wrong password; returns true when it locked the account. */
    public boolean recordFailedLogin(String username, int maxFailures, java.time.Instant lockUntil) {
        return findByUsername(username).map(user -> {
            user.failedLogin(maxFailures, lockUntil);
            boolean locked = user.isLockedAt(java.time.Instant.now());
            if (locked) {
                audit.record("user.lock", "user", username, "locked until " + lockUntil + " after " + maxFailures + " wrong passwords",
                        null, null);
            }
            return locked;
        }).orElse(false);
    }

    /** A right password: the count of wrong ones starts again. */
    public void recordLogin(String username) {
        findByUsername(username).filter(user -> user.getFailedLogins() > 0 || user.getLockedUntil() != null).ifPresent(AppUser::loggedIn);
    }

    /**
     * Changes a user's roles and whether they may sign in. An admin cannot disable or demote themselves, and the
     * last enabled admin stays one: someone must be able to manage users.
     */
    public AppUser update(String username, Set<String> roles, Boolean enabled, String by) {
        AppUser user = findByUsername(username).orElseThrow(() -> new io.backupscheduler.errors.NoSuchEntityException("user", username));
        List<FieldError> errors = new ArrayList<>();
        if (roles == null || roles.isEmpty()) {
            errors.add(new FieldError("roles", "must name at least one of admin, operator, viewer"));
        } else {
            roles.stream().filter(role -> role == null || !Roles.isKnown(role))
                    .forEach(role -> errors.add(new FieldError("roles", "'" + role + "' is not a role; use admin, operator or viewer")));
        }
        if (enabled == null) {
            errors.add(new FieldError("enabled", "is required: true or false"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        boolean staysAdmin = roles.contains(Roles.ADMIN) && enabled;
        if (user.getRoles().contains(Roles.ADMIN) && user.isEnabled() && !staysAdmin) {
            if (username.equals(by)) {
                throw new ConflictException("roles", "you cannot remove your own admin role or disable yourself; ask another admin");
            }
            long admins = em.createQuery("select count(u) from AppUser u join u.roles r where r = :admin and u.enabled = true", Long.class)
                    .setParameter("admin", Roles.ADMIN).getSingleResult();
            if (admins <= 1) {
                throw new ConflictException("roles", "'" + username + "' is the last enabled admin");
            }
        }
        java.util.Map<String, Object> before = java.util.Map.of("roles", user.getRoles(), "enabled", user.isEnabled());
        user.changeRoles(roles);
        user.enabled(enabled);
        em.flush();
        audit.record("user.update", "user", username, null, before, java.util.Map.of("roles", user.getRoles(), "enabled", user.isEnabled()));
        LOG.info(() -> "user '" + username + "' now has roles " + user.getRoles() + (user.isEnabled() ? "" : ", disabled") + " (by " + by + ")");
        return user;
    }

    /** Sets a new password (an admin's reset); it also ends a lockout. */
    public AppUser resetPassword(String username, String password) {
        AppUser user = findByUsername(username).orElseThrow(() -> new io.backupscheduler.errors.NoSuchEntityException("user", username));
        if (password == null || password.length() < 12 || password.length() > 256) {
            throw InvalidInputException.of("password", "must be between 12 and 256 characters");
        }
        user.passwordHash(hasher.hash(password));
        audit.record("user.password", "user", username, "password reset", null, null);
        LOG.info(() -> "password of user '" + username + "' reset");
        return user;
    }

    /** An admin lifts a lockout before it runs out. */
    public AppUser unlock(String username) {
        AppUser user = findByUsername(username).orElseThrow(() -> new io.backupscheduler.errors.NoSuchEntityException("user", username));
        user.loggedIn();
        audit.record("user.unlock", "user", username, null, null, null);
        LOG.info(() -> "user '" + username + "' unlocked");
        return user;
    }

    public Optional<AppUser> findByUsername(String username) {
        return em.createQuery("select u from AppUser u where u.username = :username", AppUser.class)
                .setParameter("username", username)
                .getResultStream()
                .findFirst();
    }

    public List<AppUser> list() {
        return em.createQuery("select u from AppUser u order by u.username", AppUser.class).getResultList();
    }

    public long count() {
        return em.createQuery("select count(u) from AppUser u", Long.class).getSingleResult();
    }

    private void validate(NewUser request) {
        if (request == null) {
            throw InvalidInputException.of("body", "is required: a user as JSON");
        }
        List<FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<NewUser> v : validator.validate(request)) {
            errors.add(new FieldError(v.getPropertyPath().toString().replaceAll("\\[\\]\\.<iterable element>|\\.<iterable element>", ""), v.getMessage()));
        }
        request.getRoles().stream()
                .filter(role -> role != null && !Roles.isKnown(role))
                .forEach(role -> errors.add(new FieldError("roles", "'" + role + "' is not a role; use admin, operator or viewer")));
        if (!errors.isEmpty()) {
            errors.sort(Comparator.comparing(FieldError::field));
            throw new InvalidInputException(errors);
        }
    }
}
