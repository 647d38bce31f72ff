package io.backupscheduler.api;

import io.backupscheduler.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("me")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Users")
public class CallerResource {
    @Inject
    SecurityContext security;

    /** Who the caller is and which roles they hold (higher roles include the lower ones). */
    public record Caller(String username, List<String> roles) {
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
    @Operation(summary = "The authenticated caller and their roles")
    public Caller me() {
        List<String> roles = Roles.ALL.stream().filter(security::isCallerInRole).toList();
        return new Caller(security.getCallerPrincipal().getName(), roles);
    }
}
