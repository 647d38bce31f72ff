package io.backupscheduler.api;

import io.backupscheduler.errors.InvalidInputException;
import io.backupscheduler.execution.ExecutionHousekeeping;
import io.backupscheduler.execution.ExecutionQuery;
import io.backupscheduler.execution.ExecutionService;
import io.backupscheduler.execution.ExecutionStatus;
import io.backupscheduler.paging.SortOrder;
import io.backupscheduler.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import io.backupscheduler.queue.RunPurpose;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("executions")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Executions", description = "Every run of a job: outcome, limits and how they were enforced, usage, log")
public class ExecutionResource {
    @Inject
    ExecutionService executions;

    @Inject
    ExecutionHousekeeping housekeeping;

    @Inject
    SecurityContext security;

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
    @Operation(summary = "List executions, newest first", description = "Filters: jobId, queueEntryId, purpose (BACKUP, RESTORE, DRILL), status (may repeat), from and to "
            + "(ISO-8601 instants, bounds on the start; from inclusive, to exclusive)")
    @APIResponse(responseCode = "200", description = "one page of executions")
    @APIResponse(responseCode = "400", description = "a filter or paging parameter is not valid")
    public PageResponse<ExecutionResponse> list(@QueryParam("jobId") String jobId, @QueryParam("status") List<String> statuses,
                                                @QueryParam("queueEntryId") String queueEntryId, @QueryParam("purpose") String purpose,
                                                @QueryParam("from") String from, @QueryParam("to") String to,
                                                @QueryParam("page") String page, @QueryParam("size") String size) {
        Set<ExecutionStatus> wanted = EnumSet.noneOf(ExecutionStatus.class);
        for (String status : statuses) {
            if (status != null && !status.isBlank()) {
                wanted.add(QueryParameters.enumValue("status", status, ExecutionStatus.class));
            }
        }
        Long job = QueryParameters.filterId("jobId", jobId);
        Instant start = QueryParameters.instant("from", from, null);
        Instant end = QueryParameters.instant("to", to, null);
        if (start != null && end != null && !end.isAfter(start)) {
            throw InvalidInputException.of("to", "must be after from");
        }
        return PageResponse.of(executions.search(new ExecutionQuery(job, wanted, start, end,
                        QueryParameters.filterId("queueEntryId", queueEntryId), QueryParameters.enumValue("purpose", purpose, RunPurpose.class)),
                        QueryParameters.pageRequest(page, size, List.of(), Set.of(), SortOrder.desc("startedAt")))
                .map(e -> ExecutionResponse.of(e, executions.live(e.getId()))));
    }

    @POST
    @Path("purge")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Purge execution history now by the retention policy", description = "Removes finished runs the "
            + "policy lets go (backup.executions.retention.*) with their batch job-repository rows and run directories; "
            + "it also runs hourly by itself.")
    @APIResponse(responseCode = "200", description = "what was removed")
    public ExecutionHousekeeping.PurgeResult purge() {
        return housekeeping.purge();
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
    @Operation(summary = "One execution; usage is live while it runs on this node")
    @APIResponse(responseCode = "200", description = "the execution")
    @APIResponse(responseCode = "404", description = "no such execution")
    public ExecutionResponse get(@PathParam("id") String id) {
        long executionId = QueryParameters.id("execution", id);
        return ExecutionResponse.of(executions.get(executionId), executions.live(executionId));
    }

    @GET
    @Path("{id}/log")
    @Produces(MediaType.TEXT_PLAIN + ";charset=UTF-8")
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
    @Operation(summary = "The run's output (stdout and stderr), the last lines only", description = "lines: 1 to 10000, default 200")
    @APIResponse(responseCode = "200", description = "the last lines of the log, possibly empty")
    @APIResponse(responseCode = "400", description = "lines is not a number from 1 to 10000")
    @APIResponse(responseCode = "404", description = "no such execution")
    public String log(@PathParam("id") String id, @QueryParam("lines") String lines) {
        long executionId = QueryParameters.id("execution", id);
        int count = 200;
        if (lines != null && !lines.isBlank()) {
            try {
                count = Integer.parseInt(lines.strip());
            } catch (NumberFormatException e) {
                count = -1;
            }
            if (count < 1 || count > ExecutionService.MAX_LOG_LINES) {
                throw InvalidInputException.of("lines", "must be a whole number from 1 to "
                        + ExecutionService.MAX_LOG_LINES);
            }
        }
        return executions.logTail(executionId, count);
    }

    @POST
    @Path("{id}/cancel")
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    @Operation(summary = "Cancel a running execution", description = "Stops its batch job and kills its process tree; "
            + "it ends CANCELLED and is not retried. On another node the cancel takes effect within about a second.")
    @APIResponse(responseCode = "200", description = "the execution, cancel requested")
    @APIResponse(responseCode = "404", description = "no such execution")
    @APIResponse(responseCode = "409", description = "it already ended")
    public ExecutionResponse cancel(@PathParam("id") String id) {
        long executionId = QueryParameters.id("execution", id);
        return ExecutionResponse.of(executions.cancel(executionId, security.getCallerPrincipal().getName()),
                executions.live(executionId));
    }
}
