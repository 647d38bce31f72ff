package io.backupscheduler.api;

import io.backupscheduler.security.AppUser;
import io.backupscheduler.security.NewUser;
import io.backupscheduler.security.Roles;
import io.backupscheduler.security.UserService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("users")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@Tag(name = "Users", description = "Who may sign in, with which roles (admins only)")
public class UserResource {
    @Inject
    UserService users;

    @Context
    UriInfo uriInfo;

    @Inject
    jakarta.security.enterprise.SecurityContext security;

    @GET
    @Operation(summary = "List users")
    public List<UserResponse> list() {
        return users.list().stream().map(UserResponse::of).toList();
    }

    /** The body of a change: {@code {"roles": ["operator"], "enabled": true}}. */
    public static class UserChange {
        public java.util.Set<String> roles;
        public Boolean enabled;
    }

    /** The body of a password reset: {@code {"password": "at-least-12-chars"}}. */
    public static class PasswordReset {
        public String password;
    }

    @jakarta.ws.rs.PUT
    @jakarta.ws.rs.Path("{username}")
    @Operation(summary = "Change a user's roles and whether they may sign in", description = "Disabling a user also stops "
            + "their API tokens. You cannot demote or disable yourself, nor the last enabled admin.")
    @APIResponse(responseCode = "200", description = "changed")
    @APIResponse(responseCode = "400", description = "roles missing or unknown, enabled missing")
    @APIResponse(responseCode = "404", description = "no such user")
    @APIResponse(responseCode = "409", description = "it would leave no admin, or it is yourself")
    public UserResponse update(@jakarta.ws.rs.PathParam("username") String username, UserChange change) {
        if (change == null) {
            throw io.backupscheduler.errors.InvalidInputException.of("roles", "is required: {\"roles\": [\"operator\"], \"enabled\": true}");
        }
        return UserResponse.of(users.update(username, change.roles, change.enabled, security.getCallerPrincipal().getName()));
    }

    @POST
    @jakarta.ws.rs.Path("{username}/password")
    @Operation(summary = "Reset a user's password", description = "At least 12 characters; stored as a PBKDF2 hash only. "
            + "It also lifts a lockout.")
    @APIResponse(responseCode = "200", description = "reset")
    @APIResponse(responseCode = "400", description = "too short or too long")
    @APIResponse(responseCode = "404", description = "no such user")
    public UserResponse resetPassword(@jakarta.ws.rs.PathParam("username") String username, PasswordReset reset) {
        return UserResponse.of(users.resetPassword(username, reset == null ? null : reset.password));
    }

    @POST
    @jakarta.ws.rs.Path("{username}/unlock")
    @Operation(summary = "Lift a lockout", description = "Repeated wrong passwords lock an account for a while "
            + "(backup.security.lockout.*); this lets the user sign in again at once.")
    @APIResponse(responseCode = "200", description = "unlocked")
    @APIResponse(responseCode = "404", description = "no such user")
    public UserResponse unlock(@jakarta.ws.rs.PathParam("username") String username) {
        return UserResponse.of(users.unlock(username));
    }

    @POST
    @Operation(summary = "Create a user", description = "roles: any of admin, operator, viewer. "
            + "The password (at least 12 characters) is stored as a PBKDF2 hash only.")
    @APIResponse(responseCode = "201", description = "created")
    @APIResponse(responseCode = "400", description = "invalid input; errors name the fields")
    @APIResponse(responseCode = "409", description = "the user name is taken")
    public Response create(NewUser request) {
        AppUser user = users.create(request);
        return Response.created(uriInfo.getAbsolutePathBuilder().path(user.getUsername()).build())
                .entity(UserResponse.of(user)).build();
    }
}
