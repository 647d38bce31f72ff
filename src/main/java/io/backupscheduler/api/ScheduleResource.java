package io.backupscheduler.api;

import io.backupscheduler.errors.FieldError;
import io.backupscheduler.errors.InvalidInputException;
import io.backupscheduler.paging.SortOrder;
import io.backupscheduler.schedule.Schedule;
import io.backupscheduler.schedule.ScheduleFire;
import io.backupscheduler.schedule.ScheduleFiring;
import io.backupscheduler.schedule.ScheduleService;
import io.backupscheduler.schedule.ScheduleTimeline;
import io.backupscheduler.schedule.ScheduleSpec;
import io.backupscheduler.schedule.ScheduleType;
import io.backupscheduler.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("schedules")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Schedules", description = "When jobs run: cron, business days, month and quarter end, events")
public class ScheduleResource {
    private static final int MAX_FIRES = 1000;

    @Inject
    ScheduleService schedules;

    @Inject
    ScheduleTimeline timeline;

    @Inject
    ScheduleFiring firing;

    @Inject
    io.backupscheduler.queue.JobQueue queue;

    @Inject
    SecurityContext security;

    @Context
    UriInfo uriInfo;

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
    @Operation(summary = "List schedules, a page at a time, by name; filter by jobId, type and enabled")
    @APIResponse(responseCode = "200", description = "a page of schedules")
    @APIResponse(responseCode = "400", description = "a bad page, size or filter value")
    public PageResponse<ScheduleResponse> list(@QueryParam("page") String page, @QueryParam("size") String size,
                                               @QueryParam("jobId") String jobId, @QueryParam("type") String type,
                                               @QueryParam("enabled") String enabled) {
        Long job = jobId == null || jobId.isBlank() ? null : QueryParameters.id("job", jobId);
        return PageResponse.of(schedules.search(job, QueryParameters.enumValue("type", type, ScheduleType.class),
                        QueryParameters.booleanValue("enabled", enabled),
                        QueryParameters.pageRequest(page, size, List.of(), Set.of("name"), SortOrder.asc("name")))
                .map(s -> ScheduleResponse.of(s, timeline.describe(s), null)));
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
    @Operation(summary = "One schedule, with its description and next fire")
    @APIResponse(responseCode = "200", description = "the schedule")
    @APIResponse(responseCode = "404", description = "no such schedule")
    public ScheduleResponse get(@PathParam("id") String id) {
        Schedule schedule = schedules.get(QueryParameters.id("schedule", id));
        return ScheduleResponse.of(schedule, timeline.describe(schedule), null);
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Create a schedule", description = "Warnings (same target in the same minute, runs longer "
            + "than the gap between fires) come back with the schedule; they do not stop it being saved.")
    @APIResponse(responseCode = "201", description = "created; Location names it")
    @APIResponse(responseCode = "400", description = "invalid input; errors name the fields")
    @APIResponse(responseCode = "409", description = "a schedule with that name exists")
    public Response create(ScheduleSpec spec) {
        ScheduleService.Saved saved = schedules.create(spec);
        return Response.created(uriInfo.getAbsolutePathBuilder().path(Long.toString(saved.schedule().getId())).build())
                .entity(ScheduleResponse.of(saved.schedule(), timeline.describe(saved.schedule()), saved.warnings())).build();
    }

    @PUT
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Replace a schedule", description = "The body carries the version it was edited from. "
            + "The next fire is computed afresh from now.")
    @APIResponse(responseCode = "200", description = "the updated schedule, with warnings")
    @APIResponse(responseCode = "400", description = "invalid input; errors name the fields")
    @APIResponse(responseCode = "404", description = "no such schedule")
    @APIResponse(responseCode = "409", description = "stale version or duplicate name")
    public ScheduleResponse update(@PathParam("id") String id, ScheduleSpec spec) {
        ScheduleService.Saved saved = schedules.update(QueryParameters.id("schedule", id), spec);
        return ScheduleResponse.of(saved.schedule(), timeline.describe(saved.schedule()), saved.warnings());
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Remove a schedule", description = "Runs it already queued stay in the queue.")
    @APIResponse(responseCode = "204", description = "removed")
    @APIResponse(responseCode = "404", description = "no such schedule")
    public Response delete(@PathParam("id") String id) {
        schedules.delete(QueryParameters.id("schedule", id));
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/pause")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    @Operation(summary = "Pause a schedule", description = "Fires missed while paused follow its misfire policy on resume.")
    @APIResponse(responseCode = "200", description = "the paused schedule")
    @APIResponse(responseCode = "404", description = "no such schedule")
    public ScheduleResponse pause(@PathParam("id") String id) {
        Schedule schedule = schedules.pause(QueryParameters.id("schedule", id));
        return ScheduleResponse.of(schedule, timeline.describe(schedule), null);
    }

    @POST
    @Path("{id}/resume")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    @Operation(summary = "Resume a paused schedule")
    @APIResponse(responseCode = "200", description = "the resumed schedule")
    @APIResponse(responseCode = "404", description = "no such schedule")
    public ScheduleResponse resume(@PathParam("id") String id) {
        Schedule schedule = schedules.resume(QueryParameters.id("schedule", id));
        return ScheduleResponse.of(schedule, timeline.describe(schedule), null);
    }

    @POST
    @Path("{id}/run")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    @Operation(summary = "Run a schedule now", description = "Queues a run with the schedule's priority and data; "
            + "its overlap policy holds (FORBID refuses with 409 while the previous run is open).")
    @APIResponse(responseCode = "201", description = "queued; Location names the queue entry")
    @APIResponse(responseCode = "404", description = "no such schedule")
    @APIResponse(responseCode = "409", description = "the previous run is still open and overlaps are forbidden")
    public Response run(@PathParam("id") String id) {
        long entry = firing.runNow(QueryParameters.id("schedule", id), security.getCallerPrincipal().getName());
        return QueueResource.created(uriInfo, queue.get(entry));
    }

    @GET
    @Path("{id}/next")
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
    @Operation(summary = "The schedule's next fires, in its zone (ISO-8601 with offsets)")
    @APIResponse(responseCode = "200", description = "the next fires; empty for event schedules")
    @APIResponse(responseCode = "400", description = "a bad count or from")
    @APIResponse(responseCode = "404", description = "no such schedule")
    public Map<String, Object> next(@PathParam("id") String id, @QueryParam("count") String count, @QueryParam("from") String from) {
        long scheduleId = QueryParameters.id("schedule", id);
        int howMany = count(count, 100);
        Instant start = QueryParameters.instant("from", from, Instant.now());
        List<String> fires = timeline.nextFires(scheduleId, start, howMany).stream()
                .map(DateTimeFormatter.ISO_OFFSET_DATE_TIME::format).toList();
        return Map.of("scheduleId", scheduleId, "fires", fires);
    }

    @GET
    @Path("{id}/fires")
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
    @Operation(summary = "The schedule's fire history, newest first: queued, skipped (overlap, misfire) or replaced")
    @APIResponse(responseCode = "200", description = "the fires")
    @APIResponse(responseCode = "404", description = "no such schedule")
    public List<ScheduleFire> fires(@PathParam("id") String id, @QueryParam("count") String count) {
        return timeline.fires(QueryParameters.id("schedule", id), count(count, 500));
    }

    @GET
    @Path("forecast")
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
    @Operation(summary = "What fires between two instants", description = "Every fire of the enabled timed schedules "
            + "in [from, to], earliest first, at most 1000: the runs pending at a given time.")
    @APIResponse(responseCode = "200", description = "the fires")
    @APIResponse(responseCode = "400", description = "a bad from or to")
    public List<ScheduleTimeline.Forecast> forecast(@QueryParam("from") String from, @QueryParam("to") String to) {
        Instant start = QueryParameters.instant("from", from, Instant.now());
        Instant end = QueryParameters.instant("to", to, start.plusSeconds(86_400));
        if (end.isBefore(start)) {
            throw InvalidInputException.of("to", "must not be before from");
        }
        return timeline.forecast(start, end, MAX_FIRES);
    }

    private static int count(String text, int max) {
        if (text == null || text.isBlank()) {
            return 10;
        }
        try {
            int n = Integer.parseInt(text.strip());
            if (n >= 1 && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidInputException(List.of(new FieldError("count", "must be a whole number from 1 to " + max)));
    }
}
