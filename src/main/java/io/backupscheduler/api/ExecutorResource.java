package io.backupscheduler.api;

import io.backupscheduler.errors.FieldError;
import io.backupscheduler.errors.InvalidInputException;
import io.backupscheduler.execution.ExecutionService;
import io.backupscheduler.execution.ExecutorControl;
import io.backupscheduler.execution.ExecutorStats;
import io.backupscheduler.execution.RunRequests;
import io.backupscheduler.execution.RunStates;
import io.backupscheduler.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;
import jakarta.ws.rs.Consumes;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("executor")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Executions")
public class ExecutorResource {
    @Inject
    ExecutionService executions;

    @Inject
    ExecutorControl control;

    @Inject
    RunRequests runs;

    @Inject
    RunStates runStates;

    @Inject
    SecurityContext security;

    /** The body of a pause or resume: {@code {"paused": true}}. */
    public static class Pause {
        public Boolean paused;
    }

    /** Admission thresholds to store; a missing or null field returns to the configured default. */
    public static class Admission {
        public Integer maxCpuPercent;
        public Long minFreeMemoryMb;
        public Long minFreeDiskMb;
        public Long maxDiskIoMbPerSecond;
        public Long maxNetworkMbPerSecond;
    }

    @POST
    @Path("runs")
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    @Operation(summary = "Run one job or a batch of jobs now, and optionally wait for them", description = "Body: "
            + "{\"jobIds\": [1, 2], \"priority\": \"HIGH\", \"data\": {…}, \"limits\": {…}, \"wait\": 60}. All are queued or, "
            + "when a job does not exist, none. With wait (seconds, at most 300) the answer comes when every run finished "
            + "or the time is up; finished says which.")
    @APIResponse(responseCode = "201", description = "queued; the runs as they stand")
    @APIResponse(responseCode = "400", description = "jobIds missing, empty, too many or unknown; a bad wait, priority or limit")
    public Response runAll(String body) throws InterruptedException {
        RunOptions options = RunOptions.parse(body);
        JsonObject json = RunOptions.object(body);
        List<Long> jobIds = jobIds(json == null ? null : json.get("jobIds"));
        int wait = waitSeconds("wait", json == null || !json.containsKey("wait") ? null : json.get("wait").toString());
        List<Long> entries = runs.queueAll(jobIds, options.priority(), options.data());
        return Response.status(Response.Status.CREATED)
                .entity(RunsResponse.of(wait == 0 ? runStates.of(entries) : runs.await(entries, Duration.ofSeconds(wait)))).build();
    }

    @GET
    @Path("runs")
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
    @Operation(summary = "Where some runs stand, waiting for them to finish up to wait seconds", description = "entry may "
            + "repeat: ?entry=12&entry=15&wait=60")
    @APIResponse(responseCode = "200", description = "the runs; finished is true when all are")
    @APIResponse(responseCode = "400", description = "no entry, or a bad wait")
    @APIResponse(responseCode = "404", description = "an unknown queue entry")
    public RunsResponse awaitRuns(@QueryParam("entry") List<String> entryIds, @QueryParam("wait") String wait)
            throws InterruptedException {
        List<Long> ids = new ArrayList<>();
        for (String id : entryIds) {
            if (id != null && !id.isBlank()) {
                ids.add(QueryParameters.id("queue entry", id.strip()));
            }
        }
        if (ids.isEmpty() || ids.size() > 100) {
            throw InvalidInputException.of("entry", "give 1 to 100 queue entry ids: ?entry=12&entry=15");
        }
        int seconds = waitSeconds("wait", wait);
        return RunsResponse.of(seconds == 0 ? runStates.of(ids) : runs.await(ids, Duration.ofSeconds(seconds)));
    }

    @GET
    @Path("running")
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
    @Operation(summary = "Every execution running now, on any node, oldest first (usage live for this node's)")
    public List<ExecutionResponse> running() {
        return executions.runningNow().stream().map(e -> ExecutionResponse.of(e, executions.live(e.getId()))).toList();
    }

    private static List<Long> jobIds(JsonValue value) {
        if (!(value instanceof JsonArray array) || array.isEmpty() || array.size() > 100) {
            throw InvalidInputException.of("jobIds", "is required: 1 to 100 job ids, e.g. [1, 2]");
        }
        List<Long> ids = new ArrayList<>();
        for (JsonValue item : array) {
            if (!(item instanceof JsonNumber number) || !number.isIntegral() || number.longValue() <= 0) {
                throw InvalidInputException.of("jobIds", "must hold job ids (positive whole numbers)");
            }
            ids.add(number.longValue());
        }
        return ids;
    }

    private static int waitSeconds(String field, String text) {
        if (text == null || text.isBlank() || text.equals("null")) {
            return 0;
        }
        try {
            int seconds = Integer.parseInt(text.strip());
            if (seconds >= 0 && seconds <= RunRequests.MAX_WAIT_SECONDS) {
                return seconds;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw InvalidInputException.of(field, "must be a whole number of seconds from 0 to " + RunRequests.MAX_WAIT_SECONDS);
    }

    @GET
    @Path("stats")
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
    @Operation(summary = "Worker slots, running work, admission waits, host load, thresholds, last 24 h by status")
    public ExecutorStats stats() {
        return executions.stats();
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
    @Operation(summary = "Whether the executor takes work, and the admission thresholds in force and configured")
    public ExecutorControl.State state() {
        return control.state();
    }

    @PUT
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    @Operation(summary = "Pause or resume the executor on every node", description = "While paused no node starts new "
            + "work; running work goes on and queued work waits. Stored, so it holds across restarts.")
    @APIResponse(responseCode = "400", description = "paused is missing")
    public ExecutorControl.State pause(Pause body) {
        if (body == null || body.paused == null) {
            throw InvalidInputException.of("paused", "is required: true or false");
        }
        return control.setPaused(body.paused, security.getCallerPrincipal().getName());
    }

    @PUT
    @Path("admission")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Set the resource admission thresholds for every node", description = "A null or missing field "
            + "returns to its configured default (backup.executor.admission.*).")
    @APIResponse(responseCode = "400", description = "a threshold is out of range")
    public ExecutorControl.State admission(Admission body) {
        if (body == null) {
            throw InvalidInputException.of("body", "is required: {\"maxCpuPercent\": 90, ...}");
        }
        List<FieldError> errors = new ArrayList<>();
        if (body.maxCpuPercent != null && (body.maxCpuPercent < 1 || body.maxCpuPercent > 100)) {
            errors.add(new FieldError("maxCpuPercent", "must be between 1 and 100"));
        }
        nonNegative("minFreeMemoryMb", body.minFreeMemoryMb, errors);
        nonNegative("minFreeDiskMb", body.minFreeDiskMb, errors);
        nonNegative("maxDiskIoMbPerSecond", body.maxDiskIoMbPerSecond, errors);
        nonNegative("maxNetworkMbPerSecond", body.maxNetworkMbPerSecond, errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return control.setThresholds(new ExecutorControl.ThresholdOverrides(body.maxCpuPercent, body.minFreeMemoryMb,
                body.minFreeDiskMb, body.maxDiskIoMbPerSecond, body.maxNetworkMbPerSecond), security.getCallerPrincipal().getName());
    }

    private static void nonNegative(String field, Long value, List<FieldError> errors) {
        if (value != null && (value < 0 || value > 1_000_000_000L)) {
            errors.add(new FieldError(field, "must be between 0 and 1000000000"));
        }
    }
}
