package io.backupscheduler.security;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import java.security.Principal;

/** The signed-in caller and what the console may offer them. */
@Named
@RequestScoped
public class CurrentUser {
    @Inject
    SecurityContext security;

    public String getName() {
        Principal principal = security.getCallerPrincipal();
        return principal == null ? null : principal.getName();
    }

    public boolean isAdmin() {
        return security.isCallerInRole(Roles.ADMIN);
    }

    public boolean isOperator() {
        return security.isCallerInRole(Roles.OPERATOR);
    }

    /** Creating, changing and deleting job definitions is for admins. */
    public boolean isCanManageJobs() {
        return isAdmin();
    }

    public String getRoleLabel() {
        return isAdmin() ? Roles.ADMIN : isOperator() ? Roles.OPERATOR : Roles.VIEWER;
    }
}
