package io.backupscheduler.api;

import io.backupscheduler.execution.WaitReasons;
import io.backupscheduler.errors.InvalidInputException;
import io.backupscheduler.errors.NoSuchEntityException;
import io.backupscheduler.job.Priority;
import io.backupscheduler.paging.SortOrder;
import io.backupscheduler.queue.JobQueue;
import io.backupscheduler.queue.QueueReports;
import io.backupscheduler.queue.QueueClearing;
import io.backupscheduler.queue.QueueEntry;
import io.backupscheduler.queue.QueueStatistics;
import io.backupscheduler.queue.QueueStatus;
import io.backupscheduler.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("queue")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Queue", description = "Queued runs: priorities, dependencies, chains, retries")
public class QueueResource {
    @Inject
    JobQueue queue;

    @Inject
    QueueReports reports;

    @Inject
    QueueClearing clearing;

    @Inject
    WaitReasons waitReasons;

    @Context
    UriInfo uriInfo;

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
    @Operation(summary = "List queue entries in queue order", description = "status may repeat (status=READY&status=RUNNING)")
    public PageResponse<QueueEntryResponse> list(@QueryParam("status") List<String> statuses,
                                                 @QueryParam("priority") String priority,
                                                 @QueryParam("page") String page, @QueryParam("size") String size) {
        Set<QueueStatus> wanted = EnumSet.noneOf(QueueStatus.class);
        for (String status : statuses) {
            if (status != null && !status.isBlank()) {
                wanted.add(QueryParameters.enumValue("status", status, QueueStatus.class));
            }
        }
        WaitReasons.Snapshot waits = waitReasons.now();
        return PageResponse.of(reports.search(wanted, QueryParameters.enumValue("priority", priority, Priority.class),
                QueryParameters.pageRequest(page, size, List.of(), Set.of(), SortOrder.asc("queue")))
                .map(e -> QueueEntryResponse.of(e, null, waits)));
    }

    @POST
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    @Operation(summary = "Queue a run of a job", description = "READY at once, or PENDING until dependsOn succeed")
    @APIResponse(responseCode = "201", description = "queued")
    @APIResponse(responseCode = "400", description = "bad input, an unknown job or entry")
    @APIResponse(responseCode = "409", description = "the dependencies would be too deep")
    public Response add(QueueRequests.Enqueue request) {
        if (request == null) {
            throw InvalidInputException.of("body", "is required: {\"jobId\": …}");
        }
        if (request.jobId == null) {
            throw InvalidInputException.of("jobId", "is required");
        }
        QueueEntry entry;
        try {
            entry = queue.add(request.jobId, request.priority, request.data == null ? null : request.data.toString(),
                    ids(request.dependsOn, "dependsOn"), request.onDependencyFailure, request.notBefore);
        } catch (NoSuchEntityException e) {
            throw InvalidInputException.of("jobId", "job " + request.jobId + " does not exist");
        }
        return created(entry);
    }

    @GET
    @Path("stats")
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
    @Operation(summary = "Counts by status and priority, oldest ready age, mean wait, completions in the last hour")
    public QueueStatistics stats() {
        return reports.statistics();
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
    @Operation(summary = "One entry with every attempt")
    public QueueEntryResponse get(@PathParam("id") String id) {
        long entryId = QueryParameters.id("queue entry", id);
        return QueueEntryResponse.of(queue.get(entryId), queue.attempts(entryId), waitReasons.now());
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    @Operation(summary = "Remove an entry that is not running")
    @APIResponse(responseCode = "204", description = "removed; its dependents were evaluated again")
    @APIResponse(responseCode = "409", description = "it is running")
    public Response remove(@PathParam("id") String id) {
        queue.remove(QueryParameters.id("queue entry", id));
        return Response.noContent().build();
    }

    @DELETE
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Clear the queue", description = "Refused while entries run, unless force=true")
    public Map<String, Long> clear(@QueryParam("force") String force) {
        Boolean forced = QueryParameters.booleanValue("force", force);
        return Map.of("removed", clearing.clear(Boolean.TRUE.equals(forced)));
    }

    @POST
    @Path("{id}/dependencies")
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    @Operation(summary = "Make an entry wait for others", description = "A cycle is refused with 409 naming it")
    @APIResponse(responseCode = "409", description = "a cycle (e.g. 12 -> 15 -> 12), or a chain too deep")
    public QueueEntryResponse addDependencies(@PathParam("id") String id, QueueRequests.Dependencies request) {
        Set<Long> dependsOn = ids(request == null ? null : request.dependsOn, "dependsOn");
        if (dependsOn.isEmpty()) {
            throw InvalidInputException.of("dependsOn", "name at least one queue entry");
        }
        return QueueEntryResponse.of(queue.addDependencies(QueryParameters.id("queue entry", id), dependsOn));
    }

    @POST
    @Path("chains")
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    @Operation(summary = "Chain entries: each waits for the one before")
    public List<QueueEntryResponse> chain(QueueRequests.Chain request) {
        List<Long> entries = request == null || request.entries == null ? List.of() : request.entries;
        if (entries.stream().anyMatch(e -> e == null)) {
            throw InvalidInputException.of("entries", "must not contain null");
        }
        return queue.chain(entries).stream().map(e -> QueueEntryResponse.of(queue.get(e.getId()))).toList();
    }

    private Response created(QueueEntry entry) {
        return created(uriInfo, entry);
    }

    /** 201 with the entry and a Location under /queue, wherever the entry was queued from. */
    static Response created(UriInfo uriInfo, QueueEntry entry) {
        return Response.created(uriInfo.getBaseUriBuilder().path("queue").path(Long.toString(entry.getId())).build())
                .entity(QueueEntryResponse.of(entry)).build();
    }

    /** 202 with the entry and a Location under /queue: work queued that runs later (a restore, a drill). */
    static Response accepted(UriInfo uriInfo, QueueEntry entry) {
        return Response.accepted(QueueEntryResponse.of(entry))
                .location(uriInfo.getBaseUriBuilder().path("queue").path(Long.toString(entry.getId())).build()).build();
    }

    static Set<Long> ids(List<Long> ids, String field) {
        Set<Long> result = new LinkedHashSet<>();
        for (Long id : ids == null ? List.<Long>of() : ids) {
            if (id == null || id <= 0) {
                throw InvalidInputException.of(field, "must list positive queue entry ids");
            }
            result.add(id);
        }
        return result;
    }
}
