package io.backupscheduler.console;

import io.backupscheduler.errors.ConflictException;
import io.backupscheduler.errors.InvalidInputException;
import io.backupscheduler.errors.NoSuchEntityException;
import io.backupscheduler.limit.LimitUsage;
import io.backupscheduler.limit.SharedLimits;
import io.backupscheduler.security.CurrentUser;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import org.primefaces.PrimeFaces;

/**
 * The Shared limits page: every limit with its capacity, the runs holding it now and the jobs that use it; admins
 * create one, change its capacity and delete one no job uses.
 */
@Named
@ViewScoped
public class SharedLimitsView implements Serializable {
    private static final String FORM = "limitForm";

    @Inject
    SharedLimits limits;

    @Inject
    CurrentUser currentUser;

    private String name;
    private Integer capacity;
    private String description;
    private boolean editing;
    private transient List<LimitUsage> list;

    public List<LimitUsage> getLimits() {
        if (list == null) {
            list = limits.list();
        }
        return list;
    }

    public void prepareNew() {
        name = null;
        capacity = null;
        description = null;
        editing = false;
    }

    public void prepareChange(LimitUsage limit) {
        name = limit.name();
        capacity = limit.capacity();
        description = limit.description();
        editing = true;
    }

    public void save() {
        if (!currentUser.isAdmin()) {
            FormMessages.globalError("Only admins may change shared limits.");
            return;
        }
        try {
            String cleaned = name == null ? null : name.strip();
            boolean created = limits.put(cleaned, capacity, description);
            FormMessages.info("Shared limit " + cleaned + (created ? " created" : " saved") + " with capacity " + capacity + ".");
            list = null;
            PrimeFaces.current().ajax().addCallbackParam("saved", true);
        } catch (InvalidInputException e) {
            FormMessages.refused(FORM, e, "");
        }
    }

    public void delete(String limit) {
        if (!currentUser.isAdmin()) {
            FormMessages.globalError("Only admins may delete shared limits.");
            return;
        }
        try {
            limits.delete(limit);
            FormMessages.info("Deleted shared limit " + limit + ".");
        } catch (ConflictException e) {
            FormMessages.globalError(e.getMessage());
        } catch (NoSuchEntityException e) {
            FormMessages.globalError("Shared limit " + limit + " was already deleted.");
        }
        list = null;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public Integer getCapacity() {
        return capacity;
    }

    public void setCapacity(Integer capacity) {
        this.capacity = capacity;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public boolean isEditing() {
        return editing;
    }
}
