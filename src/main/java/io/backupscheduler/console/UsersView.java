package io.backupscheduler.console;

import io.backupscheduler.errors.ConflictException;
import io.backupscheduler.errors.InvalidInputException;
import io.backupscheduler.errors.NoSuchEntityException;
import io.backupscheduler.security.AppUser;
import io.backupscheduler.security.CurrentUser;
import io.backupscheduler.security.NewUser;
import io.backupscheduler.security.Roles;
import io.backupscheduler.security.UserService;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.primefaces.PrimeFaces;

/** The Users page (admins): who may sign in with which roles; create, change roles, disable, reset a password, unlock. */
@Named
@ViewScoped
public class UsersView implements Serializable {
    private static final String FORM = "userForm";

    @Inject
    UserService users;

    @Inject
    CurrentUser currentUser;

    private String editing; // null: a new user
    private String username;
    private String password;
    private List<String> roles = new ArrayList<>();
    private boolean enabled = true;

    public List<AppUser> getUsers() {
        return users.list();
    }

    public List<String> getAllRoles() {
        return Roles.ALL;
    }

    public boolean locked(AppUser user) {
        return user.isLockedAt(Instant.now());
    }

    public void prepareNew() {
        editing = null;
        username = null;
        password = null;
        roles = new ArrayList<>(List.of(Roles.VIEWER));
        enabled = true;
    }

    public void prepareEdit(AppUser user) {
        editing = user.getUsername();
        username = user.getUsername();
        password = null;
        roles = new ArrayList<>(user.getRoles());
        enabled = user.isEnabled();
    }

    /** Creates the user, or saves the roles and enabled flag of the one being edited, and a new password when one is typed. */
    public void save() {
        FacesContext faces = FacesContext.getCurrentInstance();
        if (!currentUser.isAdmin()) {
            FormMessages.globalError("Only admins manage users.");
            faces.validationFailed();
            return;
        }
        try {
            if (editing == null) {
                users.create(new NewUser(username, password, new LinkedHashSet<>(roles)));
                FormMessages.info("Created user " + username + ".");
            } else {
                users.update(editing, new LinkedHashSet<>(roles), enabled, currentUser.getName());
                if (password != null && !password.isEmpty()) {
                    users.resetPassword(editing, password);
                }
                FormMessages.info("Saved user " + editing + ".");
            }
            PrimeFaces.current().ajax().addCallbackParam("saved", true);
        } catch (InvalidInputException | ConflictException | NoSuchEntityException e) {
            FormMessages.refused(FORM, e, "This user was removed meanwhile.");
        }
    }

    public void unlock(AppUser user) {
        if (!currentUser.isAdmin()) {
            FormMessages.globalError("Only admins manage users.");
            return;
        }
        users.unlock(user.getUsername());
        FormMessages.info("Unlocked " + user.getUsername() + ".");
    }

    public boolean isEditing() {
        return editing != null;
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public List<String> getRoles() {
        return roles;
    }

    public void setRoles(List<String> roles) {
        this.roles = roles == null ? new ArrayList<>() : new ArrayList<>(roles);
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }
}
