package io.backupscheduler.api;

import io.backupscheduler.errors.InvalidInputException;
import io.backupscheduler.schedule.SchedulerSwitch;
import io.backupscheduler.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("scheduler")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Schedules")
public class SchedulerResource {
    @Inject
    SchedulerSwitch schedulerSwitch;

    @Inject
    SecurityContext security;

    /** The body of a switch: {@code {"enabled": false}}. */
    public static class Switch {
        public Boolean enabled;
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
    @Operation(summary = "Whether the scheduler fires schedules, since when and who switched it")
    @APIResponse(responseCode = "200", description = "the scheduler's state")
    public SchedulerSwitch.State get() {
        return schedulerSwitch.state();
    }

    @PUT
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Switch the whole scheduler on or off", description = "Stored, so it holds across restarts and "
            + "for every node. While off nothing fires; missed fires follow each schedule's misfire policy afterwards.")
    @APIResponse(responseCode = "200", description = "the new state")
    @APIResponse(responseCode = "400", description = "enabled is missing")
    public SchedulerSwitch.State put(Switch body) {
        if (body == null || body.enabled == null) {
            throw InvalidInputException.of("enabled", "is required: true or false");
        }
        return schedulerSwitch.set(body.enabled, security.getCallerPrincipal().getName());
    }
}
