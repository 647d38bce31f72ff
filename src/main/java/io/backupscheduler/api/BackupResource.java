package io.backupscheduler.api;

import io.backupscheduler.backup.BackupCatalogue;
import io.backupscheduler.backup.BackupKind;
import io.backupscheduler.backup.BackupPoint;
import io.backupscheduler.backup.BackupPoints;
import io.backupscheduler.backup.PointCopies;
import io.backupscheduler.backup.PointCopy;
import io.backupscheduler.backup.PointCopyRecords;
import io.backupscheduler.errors.ConflictException;
import io.backupscheduler.paging.Page;
import java.util.Map;
import io.backupscheduler.backup.BackupPruning;
import io.backupscheduler.backup.RestoreSpec;
import io.backupscheduler.execution.RestoreRuns;
import io.backupscheduler.job.Priority;
import io.backupscheduler.lib.archive.ExistingFiles;
import io.backupscheduler.queue.QueueEntry;
import io.backupscheduler.backup.PointStatus;
import io.backupscheduler.errors.InvalidInputException;
import io.backupscheduler.paging.SortOrder;
import io.backupscheduler.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;
import jakarta.ws.rs.Consumes;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("backups")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Backups", description = "Backup points of directory and command jobs: list, browse, compare, verify status, restore, retention")
public class BackupResource {
    @Inject
    BackupPoints points;

    @Inject
    RestoreRuns restoreRuns;

    @Context
    UriInfo uriInfo;

    @Inject
    BackupCatalogue catalogue;

    @Inject
    BackupPruning pruning;

    @Inject
    PointCopyRecords copyRecords;

    @Inject
    PointCopies copies;

    @Inject
    SecurityContext security;

    /**
     * The body of a restore: {@code {"paths": ["etc/nginx", "var/www/index.html"], "destination": "/restore/here",
     * "existingFiles": "SKIP"}}; {@code pathPrefix} is the one-path form of earlier versions.
     */
    public static class RestoreBody {
        public List<String> paths;
        public String pathPrefix;
        public String destination;
        public ExistingFiles existingFiles;
        public Priority priority;
        public boolean fromCopy;
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
    @Operation(summary = "Backup points, newest first", description = "Filter by jobId, kind (FULL, INCREMENTAL, COMMAND) and "
            + "status (WRITING, WRITTEN, VERIFIED, FAILED); each with kind, size, file count, duration and verification status")
    @APIResponse(responseCode = "200", description = "one page of backup points")
    @APIResponse(responseCode = "400", description = "a bad jobId, kind, status or paging parameter")
    public PageResponse<BackupPointResponse> list(@QueryParam("jobId") String jobId, @QueryParam("kind") String kind,
                                                  @QueryParam("status") String status, @QueryParam("page") String page,
                                                  @QueryParam("size") String size) {
        Long job = QueryParameters.filterId("jobId", jobId);
        Page<BackupPoint> found = points.search(job, QueryParameters.enumValue("kind", kind, BackupKind.class),
                QueryParameters.enumValue("status", status, PointStatus.class), QueryParameters.pageRequest(page, size, List.of(), Set.of(),
                SortOrder.desc("startedAt")));
        Map<Long, PointCopy> copies = copyRecords.of(found.items().stream().map(BackupPoint::getId).toList());
        return PageResponse.of(found.map(point -> BackupPointResponse.of(point, copies.get(point.getId()))));
    }

    @GET
    @Path("prune-plan")
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
    @Operation(summary = "Dry run of a job's retention: the points it would remove now", description = "Nothing changes. "
            + "Points that a kept incremental builds on, and points being written, are never in it.")
    @APIResponse(responseCode = "200", description = "the points that would go, newest first")
    @APIResponse(responseCode = "400", description = "jobId missing or not an id")
    @APIResponse(responseCode = "404", description = "no such job")
    public List<BackupPointResponse> prunePlan(@QueryParam("jobId") String jobId) {
        return pruning.plan(requiredJob(jobId)).stream().map(BackupPointResponse::of).toList();
    }

    @POST
    @Path("prune")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Apply a job's retention now", description = "Removes the points of the dry run: archives, "
            + "manifests and records. It also runs after every verified backup of the job.")
    @APIResponse(responseCode = "200", description = "the points removed")
    @APIResponse(responseCode = "400", description = "jobId missing or not an id")
    @APIResponse(responseCode = "404", description = "no such job")
    public List<BackupPointResponse> prune(@QueryParam("jobId") String jobId) {
        return pruning.prune(requiredJob(jobId)).stream().map(BackupPointResponse::of).toList();
    }

    private static long requiredJob(String jobId) {
        Long job = QueryParameters.filterId("jobId", jobId);
        if (job == null) {
            throw InvalidInputException.of("jobId", "is required: ?jobId=12");
        }
        return job;
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
    @Operation(summary = "One backup point")
    @APIResponse(responseCode = "200", description = "the backup point")
    @APIResponse(responseCode = "404", description = "no such backup point")
    public BackupPointResponse get(@PathParam("id") String id) {
        BackupPoint point = points.get(QueryParameters.id("backup point", id));
        return BackupPointResponse.of(point, copyRecords.of(point.getId()).orElse(null));
    }

    @POST
    @Path("{id}/copy/verify")
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    @Operation(summary = "Read a point's copy back and compare it", description = "Downloads every object of the point's copy on "
            + "its job's copy target and compares its size and SHA-256 with what was uploaded. The copy's status becomes VERIFIED, "
            + "or FAILED with the objects that differ or are missing; a restore from the copy needs VERIFIED.")
    @APIResponse(responseCode = "200", description = "the point with its copy's new status")
    @APIResponse(responseCode = "404", description = "no such backup point")
    @APIResponse(responseCode = "409", description = "the point has no copy")
    public BackupPointResponse verifyCopy(@PathParam("id") String id) {
        BackupPoint point = points.get(QueryParameters.id("backup point", id));
        if (copyRecords.of(point.getId()).isEmpty()) {
            throw new ConflictException("id", "backup point " + point.getId() + " has no copy (its job names no copy target, or it was"
                    + " written before the job named one)");
        }
        copies.verify(point);
        return BackupPointResponse.of(point, copyRecords.of(point.getId()).orElse(null));
    }

    @GET
    @Path("{id}/files")
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
    @Operation(summary = "Browse a backup point: one directory level, or a name search under it", description = "Without q: "
            + "the children of path (the root when empty) in path order, files with size, modification time, mode and SHA-256, "
            + "directories with the number of files below them. With q: the files under path, at any depth, whose name "
            + "contains q (ignoring case). Nothing is restored.")
    @APIResponse(responseCode = "200", description = "one page of files and directories")
    @APIResponse(responseCode = "400", description = "a path with '..', '.' or empty segments, or a bad page or size")
    @APIResponse(responseCode = "404", description = "no such backup point, or no such directory in it")
    @APIResponse(responseCode = "409", description = "the point is being written or failed, or its manifest cannot be read")
    public PageResponse<CatalogueFileResponse> files(@PathParam("id") String id, @QueryParam("path") String path,
                                                     @QueryParam("q") String q, @QueryParam("page") String page,
                                                     @QueryParam("size") String size) {
        long pointId = QueryParameters.id("backup point", id);
        return PageResponse.of(catalogue.files(pointId, path, q, QueryParameters.pageRequest(page, size, List.of(), Set.of(),
                SortOrder.asc("path"))).map(CatalogueFileResponse::of));
    }

    @GET
    @Path("{id}/diff")
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
    @Operation(summary = "What changed between two points of a job", description = "Files added, changed (other size or "
            + "content) and deleted from the point `against` to this one, each sorted by path, at most `limit` of each "
            + "(default 1000, at most 10000); the totals count them all.")
    @APIResponse(responseCode = "200", description = "the difference")
    @APIResponse(responseCode = "400", description = "against missing or not an id, a bad limit, or points of two jobs")
    @APIResponse(responseCode = "404", description = "no such backup point")
    @APIResponse(responseCode = "409", description = "a point is being written or failed, or its manifest cannot be read")
    public PointDiffResponse diff(@PathParam("id") String id, @QueryParam("against") String against,
                                  @QueryParam("limit") String limit) {
        long pointId = QueryParameters.id("backup point", id);
        Long older = QueryParameters.filterId("against", against);
        if (older == null) {
            throw InvalidInputException.of("against", "is required: the id of the point to compare with, e.g. ?against=12");
        }
        int max = QueryParameters.intValue("limit", limit, 1000, 1, 10_000);
        return PointDiffResponse.of(pointId, older, max, catalogue.diff(pointId, older, max));
    }

    @POST
    @Path("{id}/restore")
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    @Operation(summary = "Queue a restore of a backup point", description = "Checks the request whole, then queues the restore "
            + "as a run of the point's job; the answer comes at once with the queue entry, and the run (GET "
            + "/executions?queueEntryId=…) shows files and bytes done of the totals while it restores. Restores every file, or "
            + "the files and folders listed in paths, into destination (an absolute path under the restore roots). A destination "
            + "that holds files needs existingFiles: SKIP (leave them), OVERWRITE (replace them) or KEEP_BOTH (the restored copy "
            + "gets a .restored name beside). Every file's SHA-256 is checked, modification times and modes restored, and "
            + "nothing is written outside the destination. Body: {\"paths\": [\"etc/nginx\"], \"destination\": \"/restore/here\", "
            + "\"existingFiles\": \"SKIP\", \"priority\": \"HIGH\"}. fromCopy: true reads the point's verified copy on its job's "
            + "copy target instead of its own files (every object's SHA-256 is checked before the first file is written).")
    @APIResponse(responseCode = "202", description = "queued; Location names the queue entry, the body is the entry")
    @APIResponse(responseCode = "400", description = "destination missing, relative, outside the restore roots or not a directory;"
            + " a path with '..' or a control character")
    @APIResponse(responseCode = "404", description = "no such backup point, or a path the point does not hold")
    @APIResponse(responseCode = "409", description = "the destination holds files and no existingFiles was given; or the point (or"
            + " one it builds on) failed or is unfinished")
    public Response restore(@PathParam("id") String id, RestoreBody body) {
        long pointId = QueryParameters.id("backup point", id);
        if (body == null) {
            throw InvalidInputException.of("destination", "is required: {\"destination\": \"/restore/here\"}");
        }
        List<String> paths = new ArrayList<>(body.paths == null ? List.of() : body.paths);
        if (body.pathPrefix != null && !body.pathPrefix.isBlank()) {
            paths.add(body.pathPrefix);
        }
        QueueEntry entry = restoreRuns.restore(pointId, new RestoreSpec(paths, body.destination, body.existingFiles, body.fromCopy), body.priority,
                security.getCallerPrincipal().getName());
        return QueueResource.accepted(uriInfo, entry);
    }
}
