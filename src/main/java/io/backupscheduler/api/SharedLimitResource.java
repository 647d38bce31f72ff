package io.backupscheduler.api;

import io.backupscheduler.errors.InvalidInputException;
import io.backupscheduler.limit.LimitUsage;
import io.backupscheduler.limit.SharedLimits;
import io.backupscheduler.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("shared-limits")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Shared limits", description = "Named capacities (nas1: 2) that runs of the jobs naming them share across every node")
public class SharedLimitResource {
    @Inject
    SharedLimits limits;

    @Context
    UriInfo uriInfo;

    /** The body of a shared limit: {@code {"capacity": 2, "description": "…"}}. */
    public static class LimitBody {
        public Integer capacity;
        public String description;
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
    @Operation(summary = "The shared limits", description = "Each with its capacity, the runs holding a unit now and the jobs that use it")
    @APIResponse(responseCode = "200", description = "every shared limit, by name")
    public List<LimitUsage> list() {
        return limits.list();
    }

    @GET
    @Path("{name}")
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
    @Operation(summary = "One shared limit")
    @APIResponse(responseCode = "200", description = "the limit")
    @APIResponse(responseCode = "404", description = "no such limit")
    public LimitUsage get(@PathParam("name") String name) {
        return limits.get(name);
    }

    @PUT
    @Path("{name}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Create a shared limit or change its capacity", description = "{\"capacity\": 2}: at most that many runs of the"
            + " jobs that use it at once, across all nodes; 0 holds every such run. Lowering it stops no run: new ones wait until"
            + " the count is below it.")
    @APIResponse(responseCode = "201", description = "created")
    @APIResponse(responseCode = "200", description = "changed")
    @APIResponse(responseCode = "400", description = "a bad name, capacity or description")
    public Response put(@PathParam("name") String name, LimitBody body) {
        if (body == null) {
            throw InvalidInputException.of("capacity", "is required: {\"capacity\": 2}");
        }
        boolean created = limits.put(name, body.capacity, body.description);
        LimitUsage limit = limits.get(name);
        return created ? Response.created(uriInfo.getAbsolutePath()).entity(limit).build() : Response.ok(limit).build();
    }

    @DELETE
    @Path("{name}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Delete a shared limit")
    @APIResponse(responseCode = "204", description = "deleted")
    @APIResponse(responseCode = "404", description = "no such limit")
    @APIResponse(responseCode = "409", description = "jobs use it (named in the answer)")
    public Response delete(@PathParam("name") String name) {
        limits.delete(name);
        return Response.noContent().build();
    }
}
