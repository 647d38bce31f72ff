package io.backupscheduler.api;

import io.backupscheduler.audit.AuditEntry;
import io.backupscheduler.audit.AuditLog;
import io.backupscheduler.paging.Page;
import io.backupscheduler.paging.PageRequest;
import io.backupscheduler.paging.SortOrder;
import io.backupscheduler.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("audit")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@Tag(name = "Audit log", description = "Every change: who, when, what, before and after (admins only)")
public class AuditResource {
    @Inject
    AuditLog audit;

    /** An entry as the API shows it: before and after as JSON values, not strings. */
    public record AuditEntryResponse(long id, Instant at, String actor, String action, String targetType, String targetId,
                                     String summary, JsonValue before, JsonValue after) {
        static AuditEntryResponse of(AuditEntry e) {
            return new AuditEntryResponse(e.getId(), e.getAt(), e.getActor(), e.getAction(), e.getTargetType(), e.getTargetId(),
                    e.getSummary(), parse(e.getBefore()), parse(e.getAfter()));
        }

        private static JsonValue parse(String json) {
            if (json == null) {
                return JsonValue.NULL;
            }
            try (var reader = Json.createReader(new StringReader(json))) {
                return reader.readValue();
            }
        }
    }

    @GET
    @Operation(summary = "The audit log, newest first", description = "Filters: actor, targetType (job, schedule, calendar, "
            + "webhook, user, api-token, queue, queue-entry, execution, executor, scheduler, backup-point, alert-rule), targetId, action "
            + "(e.g. job.update), from/to (ISO-8601 instants)")
    @APIResponse(responseCode = "200", description = "one page of entries")
    @APIResponse(responseCode = "400", description = "a bad instant or paging parameter")
    public PageResponse<AuditEntryResponse> list(@QueryParam("actor") String actor, @QueryParam("targetType") String targetType,
                                                 @QueryParam("targetId") String targetId, @QueryParam("action") String action,
                                                 @QueryParam("from") String from, @QueryParam("to") String to,
                                                 @QueryParam("page") String page, @QueryParam("size") String size) {
        PageRequest request = QueryParameters.pageRequest(page, size, List.of(), Set.of(), SortOrder.desc("at"));
        AuditLog.Query query = new AuditLog.Query(actor, targetType, targetId, action, QueryParameters.instant("from", from, null),
                QueryParameters.instant("to", to, null));
        long[] total = new long[1];
        List<AuditEntry> entries = audit.search(query, request.offset(), request.size(), total);
        return PageResponse.of(new Page<>(entries, total[0], request.page(), request.size()).map(AuditEntryResponse::of));
    }
}
