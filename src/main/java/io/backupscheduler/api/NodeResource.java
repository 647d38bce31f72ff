package io.backupscheduler.api;

import io.backupscheduler.node.ClusterNodes;
import io.backupscheduler.node.NodeDrains;
import io.backupscheduler.node.NodeStatus;
import io.backupscheduler.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("nodes")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Executions")
public class NodeResource {
    @Inject
    ClusterNodes nodes;

    @Inject
    NodeDrains drains;

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
    @Operation(summary = "The cluster's nodes: heartbeats, state (ALIVE, SILENT, STOPPED) and runs in progress",
            description = "Every node that has run against this database. A node is SILENT when three heartbeats in a"
                    + " row are missing (backup.node.heartbeat-seconds): it crashed or cannot reach the database; its"
                    + " leased work is taken over by the others when the leases expire.")
    @APIResponse(responseCode = "200", description = "the nodes, by id")
    public List<NodeStatus> list() {
        return nodes.list();
    }

    @POST
    @Path("{id}/drain")
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    @Operation(summary = "Drain a node: it takes no new work and finishes what it runs",
            description = "Kept on the node's row: it stays drained across its restarts until undrained. Its queued work"
                    + " goes to other nodes; work placed on labels only it has waits (the queue says why).")
    @APIResponse(responseCode = "200", description = "the node, drained")
    @APIResponse(responseCode = "404", description = "no such node")
    public NodeStatus drain(@PathParam("id") String id) {
        return drains.set(id, true);
    }

    @POST
    @Path("{id}/undrain")
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    @Operation(summary = "Undrain a node: it takes work again")
    @APIResponse(responseCode = "200", description = "the node, taking work")
    @APIResponse(responseCode = "404", description = "no such node")
    public NodeStatus undrain(@PathParam("id") String id) {
        return drains.set(id, false);
    }
}
