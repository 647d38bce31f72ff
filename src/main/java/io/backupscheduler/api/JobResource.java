package io.backupscheduler.api;

import io.backupscheduler.backup.BackupCatalogue;
import io.backupscheduler.execution.ResticOperations;
import io.backupscheduler.execution.RestoreProofs;
import io.backupscheduler.execution.RestoreRuns;
import io.backupscheduler.job.BackupJob;
import io.backupscheduler.job.BackupJobService;
import io.backupscheduler.job.JobKind;
import io.backupscheduler.job.JobQuery;
import io.backupscheduler.job.JobSpec;
import io.backupscheduler.job.Priority;
import io.backupscheduler.paging.SortOrder;
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
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("jobs")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Jobs", description = "Backup job definitions")
public class JobResource {
    @Inject
    BackupCatalogue catalogue;

    @Inject
    BackupJobService jobs;

    @Inject
    io.backupscheduler.queue.JobQueue queue;

    @Inject
    RestoreRuns restoreRuns;

    @Inject
    RestoreProofs proofs;

    @Inject
    ResticOperations resticOperations;

    @Inject
    io.backupscheduler.backup.PointCopies copies;

    @Inject
    SecurityContext security;

    @Context
    UriInfo uriInfo;

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
    @Operation(summary = "List jobs, a page at a time",
            description = "Filters combine with AND; q matches name or description. Sort by id, name, kind, priority, "
                    + "enabled, createdAt or updatedAt, e.g. sort=priority,asc&sort=name.")
    @APIResponse(responseCode = "200", description = "a page of jobs")
    @APIResponse(responseCode = "400", description = "a bad page, size, sort or filter value")
    public PageResponse<JobResponse> list(
            @QueryParam("page") @Parameter(description = "page number from 0") String page,
            @QueryParam("size") @Parameter(description = "rows per page, 1 to 500, default 20") String size,
            @QueryParam("sort") List<String> sort,
            @QueryParam("q") String text,
            @QueryParam("kind") String kind,
            @QueryParam("priority") String priority,
            @QueryParam("enabled") String enabled) {
        JobQuery query = new JobQuery(text,
                QueryParameters.enumValue("kind", kind, JobKind.class),
                QueryParameters.enumValue("priority", priority, Priority.class),
                QueryParameters.booleanValue("enabled", enabled));
        return PageResponse.of(jobs.search(query,
                QueryParameters.pageRequest(page, size, sort, JobQuery.SORTABLE, SortOrder.asc("name"))).map(JobResponse::of));
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
    @Operation(summary = "One job")
    @APIResponse(responseCode = "200", description = "the job")
    @APIResponse(responseCode = "404", description = "no such job")
    public Response get(@PathParam("id") String id) {
        BackupJob job = jobs.get(QueryParameters.id("job", id));
        return Response.ok(JobResponse.of(job)).tag(etag(job)).build();
    }

    @GET
    @Path("{id}/files/versions")
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
    @Operation(summary = "Every backup point of the job that holds a file, newest first", description = "path is the "
            + "file's path inside the job's backups (as the Browse endpoint shows it, e.g. etc/nginx/nginx.conf); each "
            + "version names its point and the file's size, modification time, mode and SHA-256 there.")
    @APIResponse(responseCode = "200", description = "the versions, newest first")
    @APIResponse(responseCode = "400", description = "path missing, or with '..', '.' or empty segments")
    @APIResponse(responseCode = "404", description = "no such job, or no point of it holds the file")
    @APIResponse(responseCode = "409", description = "a point's manifest cannot be read")
    public List<FileVersionResponse> versions(@PathParam("id") String id, @QueryParam("path") String path) {
        long jobId = jobs.get(QueryParameters.id("job", id)).getId();
        return catalogue.versions(jobId, path).stream().map(FileVersionResponse::of).toList();
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Create a job")
    @APIResponse(responseCode = "201", description = "created; Location names it")
    @APIResponse(responseCode = "400", description = "invalid input; errors name the fields")
    @APIResponse(responseCode = "409", description = "a job with that name exists")
    public Response create(JobSpec spec) {
        BackupJob job = jobs.create(spec);
        return Response.created(uriInfo.getAbsolutePathBuilder().path(Long.toString(job.getId())).build())
                .entity(JobResponse.of(job)).tag(etag(job)).build();
    }

    @PUT
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Replace a job", description = "The body carries the version it was edited from; "
            + "a stale version is refused with 409.")
    @APIResponse(responseCode = "200", description = "the updated job")
    @APIResponse(responseCode = "400", description = "invalid input; errors name the fields")
    @APIResponse(responseCode = "404", description = "no such job")
    @APIResponse(responseCode = "409", description = "stale version or duplicate name")
    public Response update(@PathParam("id") String id, JobSpec spec) {
        BackupJob job = jobs.update(QueryParameters.id("job", id), spec);
        return Response.ok(JobResponse.of(job)).tag(etag(job)).build();
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Delete a job")
    @APIResponse(responseCode = "204", description = "deleted")
    @APIResponse(responseCode = "404", description = "no such job")
    public Response delete(@PathParam("id") String id) {
        jobs.delete(QueryParameters.id("job", id));
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/run")
    @Consumes(MediaType.WILDCARD) // the body is optional, so no content type is required either
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    @Operation(summary = "Queue a run of the job now", description = "Optional body: {\"priority\": \"HIGH\", \"data\": {…}}")
    @APIResponse(responseCode = "201", description = "queued; Location names the queue entry")
    @APIResponse(responseCode = "404", description = "no such job")
    public Response run(@PathParam("id") String id, String body) {
        RunOptions options = RunOptions.parse(body);
        return QueueResource.created(uriInfo, queue.add(QueryParameters.id("job", id), options.priority(), options.data(),
                java.util.Set.of(), null, null));
    }

    @POST
    @Path("{id}/drill")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    @Operation(summary = "Queue a restore drill of the job now", description = "Restores the job's latest restorable point (or the "
            + "job's drill sample of its files) into scratch space, reads every file back and compares its hash, then deletes the "
            + "copy. A successful drill is what GET /jobs/{id}/restorable calls proven.")
    @APIResponse(responseCode = "202", description = "queued; Location names the queue entry")
    @APIResponse(responseCode = "404", description = "no such job")
    @APIResponse(responseCode = "409", description = "the job has no backup point that can be restored")
    public Response drill(@PathParam("id") String id) {
        return QueueResource.accepted(uriInfo, restoreRuns.drill(QueryParameters.id("job", id), security.getCallerPrincipal().getName()));
    }

    @GET
    @Path("{id}/restorable")
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
    @Operation(summary = "Whether the job is proven restorable", description = "When a restore drill of the job last succeeded "
            + "(lastProvenAt, null: never) and how its latest drill ended")
    @APIResponse(responseCode = "200", description = "the job's restore proof")
    @APIResponse(responseCode = "404", description = "no such job")
    public RestoreProofs.Proof restorable(@PathParam("id") String id) {
        long jobId = QueryParameters.id("job", id);
        jobs.get(jobId);
        return proofs.of(jobId);
    }

    @GET
    @Path("{id}/restic/locks")
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    @Operation(summary = "The locks in a RESTIC job's repository", description = "restic list locks: a run that finds the "
            + "repository locked fails naming the lock; this shows whether one is there now.")
    @APIResponse(responseCode = "200", description = "the lock ids")
    @APIResponse(responseCode = "404", description = "no such job")
    @APIResponse(responseCode = "409", description = "not a RESTIC job, or restic cannot open the repository (its reason)")
    public ResticLocksResponse locks(@PathParam("id") String id) {
        return new ResticLocksResponse(resticOperations.locks(QueryParameters.id("job", id)));
    }

    @POST
    @Path("{id}/restic/unlock")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    @Operation(summary = "Unlock a RESTIC job's repository", description = "restic unlock: removes stale locks (their process "
            + "gone); with all=true every lock, a running backup's too (restic unlock --remove-all). Audited. The scheduler never "
            + "does this by itself.")
    @APIResponse(responseCode = "200", description = "the locks before and after")
    @APIResponse(responseCode = "400", description = "all is not true or false")
    @APIResponse(responseCode = "404", description = "no such job")
    @APIResponse(responseCode = "409", description = "not a RESTIC job, or restic cannot open the repository (its reason)")
    public ResticOperations.Unlocked unlock(@PathParam("id") String id,
                                            @Parameter(description = "also remove locks of live processes") @QueryParam("all") String all) {
        return resticOperations.unlock(QueryParameters.id("job", id), Boolean.TRUE.equals(QueryParameters.booleanValue("all", all)));
    }

    @POST
    @Path("{id}/copy-target/check")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    @Operation(summary = "Check a job's copy target", description = "Lists the bucket, writes a small probe object and deletes "
            + "it, with the job's credentials. The answer says whether that worked and, if not, why: the endpoint is unreachable "
            + "(UNREACHABLE), it refuses the credentials (CREDENTIALS), the bucket does not exist (NO_BUCKET), or the credentials may "
            + "not list or write (PERMISSION).")
    @APIResponse(responseCode = "200", description = "the outcome: ok, or the cause and a message")
    @APIResponse(responseCode = "404", description = "no such job")
    @APIResponse(responseCode = "409", description = "the job names no copy target")
    public CopyTargetCheck checkCopyTarget(@PathParam("id") String id) {
        BackupJob job = jobs.get(QueryParameters.id("job", id));
        if (!job.getCopyTarget().isSet()) {
            throw new io.backupscheduler.errors.ConflictException("copyTarget", "job " + job.getId() + " names no copy target");
        }
        String target = job.getCopyTarget().describe();
        try {
            copies.check(job.getCopyTarget());
            return new CopyTargetCheck(true, target, null, "the bucket answers: listing, writing and deleting work");
        } catch (io.backupscheduler.lib.objectstore.S3Failure e) {
            return new CopyTargetCheck(false, target, e.failureCause().name(), e.getMessage());
        }
    }

    /** The outcome of a copy target check: ok, or the cause (UNREACHABLE, CREDENTIALS, NO_BUCKET, PERMISSION, OTHER) and what failed. */
    public record CopyTargetCheck(boolean ok, String target, String cause, String message) {
    }

    /** The ids of the locks in a repository now. */
    public record ResticLocksResponse(List<String> locks) {
    }

    private static EntityTag etag(BackupJob job) {
        return new EntityTag(Long.toString(job.getVersion()));
    }
}
