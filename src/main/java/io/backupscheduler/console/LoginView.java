package io.backupscheduler.console;

import io.backupscheduler.security.ConsoleAndApiAuthenticationMechanism;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.security.enterprise.credential.Password;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;

/** The sign-in form. */
@Named
@RequestScoped
public class LoginView {
    @Inject
    SecurityContext security;

    @Inject
    FacesContext faces;

    private String username;
    private String password;

    public void signIn() throws IOException {
        ExternalContext external = faces.getExternalContext();
        HttpServletRequest request = (HttpServletRequest) external.getRequest();
        AuthenticationStatus status = security.authenticate(request, (HttpServletResponse) external.getResponse(),
                AuthenticationParameters.withParams()
                        .credential(new UsernamePasswordCredential(username == null ? "" : username.strip(),
                                new Password(password == null ? "" : password)))
                        .newAuthentication(true));
        switch (status) {
            case SUCCESS -> {
                external.redirect(nextPage(request));
                faces.responseComplete();
            }
            case SEND_CONTINUE -> faces.responseComplete();
            default -> faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR,
                    "Wrong user name or password.", null));
        }
    }

    private static String nextPage(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        Object original = session == null ? null : session.getAttribute(ConsoleAndApiAuthenticationMechanism.ORIGINAL_PAGE_ATTRIBUTE);
        if (original instanceof String page && page.startsWith(request.getContextPath() + "/")) {
            session.removeAttribute(ConsoleAndApiAuthenticationMechanism.ORIGINAL_PAGE_ATTRIBUTE);
            return page;
        }
        return request.getContextPath() + "/index.xhtml";
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
}
