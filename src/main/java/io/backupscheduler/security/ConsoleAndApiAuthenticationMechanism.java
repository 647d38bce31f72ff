package io.backupscheduler.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * One mechanism for the two interfaces, since Jakarta EE 10 allows one per application:
 * <ul>
 * <li>{@code /api/*}: HTTP Basic on every request, no session; a protected request without valid credentials
 * gets 401 with a {@code WWW-Authenticate} challenge and a problem body.</li>
 * <li>everything else (the console): form login through {@code SecurityContext.authenticate} from the login
 * page, then the HTTP session; a protected page without a session redirects to the login page.</li>
 * </ul>
 */
@ApplicationScoped
public class ConsoleAndApiAuthenticationMechanism implements HttpAuthenticationMechanism {
    static final String LOGIN_PAGE = "/login.xhtml";
    /** Where to go after signing in: the page first asked for. */
    public static final String ORIGINAL_PAGE_ATTRIBUTE = ConsoleAndApiAuthenticationMechanism.class.getName() + ".originalPage";
    private static final String REALM = "Backup Scheduler";

    /** Set on a request authenticated by an API token, for the calls a token may not make (making more tokens). */
    public static final String TOKEN_ATTRIBUTE = ConsoleAndApiAuthenticationMechanism.class.getName() + ".token";

    @Inject
    IdentityStoreHandler identityStores;

    @Inject
    ApiTokens tokens;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        Credential submitted = context.getAuthParameters().getCredential();
        if (submitted != null) {
            return formLogin(request, context, submitted);
        }
        if (isApiRequest(request)) {
            return basicAuthentication(request, response, context);
        }
        return consoleSession(request, response, context);
    }

    @Override
    public void cleanSubject(HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.removeAttribute(SignedInUser.SESSION_ATTRIBUTE);
        }
    }

    private AuthenticationStatus formLogin(HttpServletRequest request, HttpMessageContext context, Credential credential) {
        CredentialValidationResult result = identityStores.validate(credential);
        if (result.getStatus() != CredentialValidationResult.Status.VALID) {
            return AuthenticationStatus.SEND_FAILURE;
        }
        request.getSession(true);
        request.changeSessionId(); // no session fixation
        request.getSession().setAttribute(SignedInUser.SESSION_ATTRIBUTE,
                new SignedInUser(result.getCallerPrincipal().getName(), result.getCallerGroups()));
        return context.notifyContainerAboutLogin(result);
    }

    private AuthenticationStatus basicAuthentication(HttpServletRequest request, HttpServletResponse response,
                                                     HttpMessageContext context) {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return bearer(request, response, context, header.substring(7).trim());
        }
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return context.isProtected() && !isInboundWebhookCall(request) ? challenge(response, context, "authentication is required: use HTTP Basic or an API token "
                    + "(Authorization: Bearer bst_…)") : context.doNothing();
        }
        UsernamePasswordCredential credential = decodeBasic(header.substring(6).trim());
        if (credential == null) {
            return challenge(response, context, "the Authorization header is not valid HTTP Basic (base64 of user:password)");
        }
        CredentialValidationResult result = identityStores.validate(credential);
        if (result.getStatus() != CredentialValidationResult.Status.VALID) {
            return challenge(response, context, "wrong user name or password");
        }
        return context.notifyContainerAboutLogin(result);
    }

    private AuthenticationStatus bearer(HttpServletRequest request, HttpServletResponse response, HttpMessageContext context,
                                        String value) {
        return tokens.authenticate(value).map(caller -> {
            request.setAttribute(TOKEN_ATTRIBUTE, Boolean.TRUE);
            return context.notifyContainerAboutLogin(caller.username(), caller.roles());
        }).orElseGet(() -> challenge(response, context, "the API token is unknown, expired or revoked"));
    }

    /**
     * A webhook's sender proves itself with the call's signature (api.WebhookResource), not a user. web.xml leaves
     * these POSTs unconstrained; Payara still reports them as protected (it lets the catch-all constraint win over
     * the narrower one for POST), so they are let through here as well.
     */
    private static boolean isInboundWebhookCall(HttpServletRequest request) {
        return "POST".equals(request.getMethod())
                && request.getRequestURI().startsWith(request.getContextPath() + "/api/v1/webhooks/");
    }

    private AuthenticationStatus consoleSession(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        HttpSession session = request.getSession(false);
        Object signedIn = session == null ? null : session.getAttribute(SignedInUser.SESSION_ATTRIBUTE);
        if (signedIn instanceof SignedInUser user) {
            return context.notifyContainerAboutLogin(user.username(), user.groups());
        }
        if (!context.isProtected()) {
            return context.doNothing();
        }
        String loginUrl = request.getContextPath() + LOGIN_PAGE;
        if ("GET".equals(request.getMethod()) && !isAjax(request)) {
            String query = request.getQueryString();
            request.getSession(true).setAttribute(ORIGINAL_PAGE_ATTRIBUTE,
                    request.getRequestURI() + (query == null ? "" : "?" + query));
        }
        if (isAjax(request)) {
            // A redirect status would be followed by the XHR and break the partial response.
            return ajaxRedirect(response, context, loginUrl);
        }
        return context.redirect(loginUrl);
    }

    private static AuthenticationStatus challenge(HttpServletResponse response, HttpMessageContext context, String detail) {
        try {
            response.setHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,\"detail\":\""
                    + detail.replace("\"", "'") + "\"}");
            response.flushBuffer();
        } catch (IOException e) {
            // the client went away; nothing more to tell it
        }
        return AuthenticationStatus.SEND_FAILURE;
    }

    private static AuthenticationStatus ajaxRedirect(HttpServletResponse response, HttpMessageContext context, String url) {
        try {
            response.setContentType("text/xml");
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><partial-response><redirect url=\""
                    + url + "\"/></partial-response>");
            response.flushBuffer();
        } catch (IOException e) {
            // the client went away
        }
        return AuthenticationStatus.SEND_CONTINUE;
    }

    static UsernamePasswordCredential decodeBasic(String encoded) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            return null;
        }
        return new UsernamePasswordCredential(decoded.substring(0, colon), decoded.substring(colon + 1));
    }

    private static boolean isApiRequest(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith("/api/") || path.equals("/api");
    }

    private static boolean isAjax(HttpServletRequest request) {
        return "partial/ajax".equals(request.getHeader("Faces-Request"));
    }
}
