package io.backupscheduler.console;

import io.backupscheduler.errors.InvalidInputException;
import io.backupscheduler.errors.NoSuchEntityException;
import io.backupscheduler.job.BackupJobService;
import io.backupscheduler.secret.SecretStore;
import io.backupscheduler.security.CurrentUser;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import org.primefaces.PrimeFaces;

/**
 * The Secrets page (admins): names and when they changed, a dialog that sets a value (shown as dots while typed,
 * never read back), and delete. Values never reach the page.
 */
@Named
@ViewScoped
public class SecretsView implements Serializable {
    private static final String FORM = "secretForm";

    @Inject
    SecretStore secrets;

    @Inject
    CurrentUser currentUser;

    @Inject
    BackupJobService jobs;

    private String name;
    private String value;
    private boolean editing;
    private transient List<SecretStore.SecretInfo> list;

    public List<SecretStore.SecretInfo> getSecrets() {
        if (list == null) {
            list = secrets.list();
        }
        return list;
    }

    public void prepareNew() {
        name = null;
        value = null;
        editing = false;
    }

    public void prepareChange(String existing) {
        name = existing;
        value = null;
        editing = true;
    }

    public void save() {
        try {
            boolean created = secrets.put(name == null ? null : name.strip(), value, currentUser.getName());
            FormMessages.info((created ? "Secret " : "New value of ") + name.strip() + (created ? " set." : " saved."));
            value = null;
            list = null;
            PrimeFaces.current().ajax().addCallbackParam("saved", true);
        } catch (InvalidInputException e) {
            value = null; // typed again, never sent back to the browser
            FormMessages.refused(FORM, e, "");
        }
    }

    public void delete(String secret) {
        List<String> users = jobs.usingSecret(secret);
        if (!users.isEmpty()) {
            FormMessages.globalError("Secret " + secret + " is the repository password of job(s) " + String.join(", ", users)
                    + "; change those jobs first.");
            return;
        }
        try {
            secrets.delete(secret);
            FormMessages.info("Deleted secret " + secret + ".");
        } catch (NoSuchEntityException e) {
            FormMessages.globalError("Secret " + secret + " was already deleted.");
        }
        list = null;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    /** Never returns the value: the field stays empty on every render. */
    public String getValue() {
        return null;
    }

    public void setValue(String value) {
        this.value = value;
    }

    public boolean isEditing() {
        return editing;
    }
}
