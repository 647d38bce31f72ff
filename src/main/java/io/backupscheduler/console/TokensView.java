package io.backupscheduler.console;

import io.backupscheduler.errors.FieldError;
import io.backupscheduler.errors.InvalidInputException;
import io.backupscheduler.errors.NoSuchEntityException;
import io.backupscheduler.security.ApiToken;
import io.backupscheduler.security.ApiTokens;
import io.backupscheduler.security.CurrentUser;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import org.primefaces.PrimeFaces;

/** The API tokens page: a user's own tokens (never their values), a new one shown once, revoke. */
@Named
@ViewScoped
public class TokensView implements Serializable {
    private static final String FORM = "tokenForm";

    @Inject
    ApiTokens tokens;

    @Inject
    CurrentUser currentUser;

    private String name;
    private Integer expiresInDays = 90;
    private String issuedValue;

    public List<ApiToken> getTokens() {
        return tokens.list(currentUser.getName(), false);
    }

    public boolean active(ApiToken token) {
        return token.getRevokedAt() == null && token.getExpiresAt().isAfter(Instant.now());
    }

    public void prepareNew() {
        name = null;
        expiresInDays = 90;
        issuedValue = null;
    }

    public void issue() {
        try {
            issuedValue = tokens.issue(currentUser.getName(), name, expiresInDays).value();
            PrimeFaces.current().ajax().addCallbackParam("issued", true);
        } catch (InvalidInputException e) {
            e.errors().forEach(error -> FormMessages.fieldError(FORM, error));
            FacesContext.getCurrentInstance().validationFailed();
        }
    }

    public void revoke(ApiToken token) {
        try {
            tokens.revoke(token.getId(), currentUser.getName(), false);
            FormMessages.info("Revoked token " + token.getName() + ": it stops working at once.");
        } catch (NoSuchEntityException e) {
            FormMessages.fieldError("", new FieldError("", "This token is gone."));
        }
    }

    /** The value of the token just made: shown once, then forgotten. */
    public String getIssuedValue() {
        return issuedValue;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public Integer getExpiresInDays() {
        return expiresInDays;
    }

    public void setExpiresInDays(Integer expiresInDays) {
        this.expiresInDays = expiresInDays;
    }
}
