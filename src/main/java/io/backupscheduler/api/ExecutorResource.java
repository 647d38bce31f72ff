package io.backupscheduler.api;

import io.backupscheduler.errors.FieldError;
import io.backupscheduler.errors.InvalidInputException;
import io.backupscheduler.execution.ExecutionService;
import io.backupscheduler.execution.ExecutorControl;
import io.backupscheduler.execution.ExecutorStats;
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
