package io.backupscheduler.api;

import io.backupscheduler.api.problem.Problem;
import io.backupscheduler.errors.InvalidInputException;
import io.backupscheduler.security.ApiToken;
import io.backupscheduler.security.ApiTokens;
import io.backupscheduler.security.ConsoleAndApiAuthenticationMechanism;
import io.backupscheduler.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("tokens")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
@Tag(name = "API tokens", description = "Tokens for automation: Authorization: Bearer bst_…, acting as their user with the user's roles")
public class TokenResource {
    @Inject
    ApiTokens tokens;

    @Inject
    SecurityContext security;

    @Context
    HttpServletRequest request;

    @Context
    UriInfo uriInfo;

    /** The body of a new token: {@code {"name": "nightly export", "expiresInDays": 30}}. */
    public static class NewToken {
        public String name;
        public Integer expiresInDays;
    }

    /** A token as listed: never its value. */
    public record TokenResponse(long id, String name, String prefix, String username, Instant createdAt, Instant expiresAt,
                                Instant lastUsedAt, Instant revokedAt, String revokedBy, boolean active) {
        static TokenResponse of(ApiToken t) {
            Instant now = Instant.now();
            return new TokenResponse(t.getId(), t.getName(), t.getPrefix(), t.getUser().getUsername(), t.getCreatedAt(), t.getExpiresAt(),
                    t.getLastUsedAt(), t.getRevokedAt(), t.getRevokedBy(), t.getRevokedAt() == null && t.getExpiresAt().isAfter(now));
        }
    }

    /** A token just made, with its value: the only time the value is shown. */
    public record IssuedResponse(String token, TokenResponse details) {
    }

    @GET
    @Operation(summary = "Your API tokens (admins: everyone's with all=true)", description = "Never their values")
    @APIResponse(responseCode = "200", description = "the tokens, newest first")
    public List<TokenResponse> list(@QueryParam("all") String all) {
        Boolean everyone = QueryParameters.booleanValue("all", all);
        if (Boolean.TRUE.equals(everyone) && !security.isCallerInRole(Roles.ADMIN)) {
            throw forbidden("only admins list every user's tokens");
        }
        return tokens.list(caller(), Boolean.TRUE.equals(everyone)).stream().map(TokenResponse::of).toList();
    }

    @POST
    @Operation(summary = "Make an API token for yourself", description = "The answer carries the token's value once; only its hash "
            + "is kept. It acts with your roles at the time of each call, expires after expiresInDays (1-365, default 90) and "
            + "can be revoked. Tokens are made with a password, not with another token.")
    @APIResponse(responseCode = "201", description = "made: the value is in token")
    @APIResponse(responseCode = "400", description = "name missing or too long, expiresInDays out of range")
    @APIResponse(responseCode = "403", description = "called with an API token")
    public Response issue(NewToken body) {
        if (request.getAttribute(ConsoleAndApiAuthenticationMechanism.TOKEN_ATTRIBUTE) != null) {
            throw forbidden("make API tokens with your password, not with another token");
        }
        if (body == null) {
            throw InvalidInputException.of("name", "is required: {\"name\": \"nightly export\", \"expiresInDays\": 30}");
        }
        ApiTokens.Issued issued = tokens.issue(caller(), body.name, body.expiresInDays);
        return Response.created(uriInfo.getAbsolutePathBuilder().path(String.valueOf(issued.token().getId())).build())
                .entity(new IssuedResponse(issued.value(), TokenResponse.of(issued.token()))).build();
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Revoke an API token", description = "Your own; admins may revoke anyone's. It stops working at once.")
    @APIResponse(responseCode = "204", description = "revoked")
    @APIResponse(responseCode = "404", description = "no such token of yours")
    public Response revoke(@PathParam("id") String id) {
        tokens.revoke(QueryParameters.id("API token", id), caller(), security.isCallerInRole(Roles.ADMIN));
        return Response.noContent().build();
    }

    private String caller() {
        return security.getCallerPrincipal().getName();
    }

    private static WebApplicationException forbidden(String detail) {
        return new WebApplicationException(Response.status(403).type(Problem.MEDIA_TYPE)
                .entity(new Problem("about:blank", "Forbidden", 403, detail, null, null)).build());
    }
}
