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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
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
    private NewUser form = new NewUser(null, null, Set.of(Roles.VIEWER)); // the same bean, and rules, as the API's
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
        form = new NewUser(null, null, Set.of(Roles.VIEWER));
        enabled = true;
    }

    public void prepareEdit(AppUser user) {
        editing = user.getUsername();
        form = new NewUser(user.getUsername(), null, user.getRoles());
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
                users.create(form);
                FormMessages.info("Created user " + form.getUsername() + ".");
            } else {
                users.update(editing, new LinkedHashSet<>(form.getRoles()), enabled, currentUser.getName());
                if (form.getPassword() != null && !form.getPassword().isEmpty()) {
                    users.resetPassword(editing, form.getPassword());
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

    /** The user being created or edited: name, password (blank when editing keeps it) and roles. */
    public NewUser getForm() {
        return form;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }
}
