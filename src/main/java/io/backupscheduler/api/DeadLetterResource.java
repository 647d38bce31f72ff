package io.backupscheduler.api;

import io.backupscheduler.paging.SortOrder;
import io.backupscheduler.queue.JobQueue;
import io.backupscheduler.queue.QueueReports;
import io.backupscheduler.queue.QueueStatus;
import io.backupscheduler.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("dead-letters")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Queue")
public class DeadLetterResource {
    @Inject
    JobQueue queue;

    @Inject
    QueueReports reports;

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
    @Operation(summary = "Entries out of attempts, with every attempt's error")
    public PageResponse<QueueEntryResponse> list(@QueryParam("page") String page, @QueryParam("size") String size) {
        return PageResponse.of(reports.search(Set.of(QueueStatus.DEAD), null,
                        QueryParameters.pageRequest(page, size, List.of(), Set.of(), SortOrder.asc("queue")))
                .map(e -> QueueEntryResponse.of(e, queue.attempts(e.getId()), null)));
    }

    @POST
    @Path("{id}/retry")
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    @Operation(summary = "Run a dead entry again with fresh attempts; entries it blocked wait for it again")
    public QueueEntryResponse retry(@PathParam("id") String id) {
        return QueueEntryResponse.of(queue.retryDead(QueryParameters.id("queue entry", id)));
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    @Operation(summary = "Purge a dead entry")
    public Response purge(@PathParam("id") String id) {
        queue.purgeDead(QueryParameters.id("queue entry", id));
        return Response.noContent().build();
    }
}
