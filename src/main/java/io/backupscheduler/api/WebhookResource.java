package io.backupscheduler.api;

import io.backupscheduler.schedule.Webhook;
import io.backupscheduler.schedule.WebhookService;
import io.backupscheduler.schedule.WebhookSignature;
import io.backupscheduler.security.Roles;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("webhooks")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Events", description = "Webhooks and events that fire EVENT schedules")
public class WebhookResource {
    /** Bodies of inbound calls are event data, not uploads. */
    static final int MAX_BODY = 64 * 1024;

    @Inject
    WebhookService webhooks;

    /** A webhook as listed: never its secret. */
    public record WebhookResponse(long id, String name, Instant createdAt) {
        static WebhookResponse of(Webhook w) {
            return new WebhookResponse(w.getId(), w.getName(), w.getCreatedAt());
        }
    }

    /** Creation body. */
    public static class NewWebhook {
        public String name;
    }

    @GET
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Every inbound webhook (without secrets)")
    @APIResponse(responseCode = "200", description = "the webhooks")
    public List<WebhookResponse> list() {
        return webhooks.list().stream().map(WebhookResponse::of).toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Create an inbound webhook", description = "The answer holds the secret callers sign with; "
            + "it is shown this once.")
    @APIResponse(responseCode = "201", description = "created, with its secret")
    @APIResponse(responseCode = "400", description = "a bad name")
    @APIResponse(responseCode = "409", description = "a webhook with that name exists")
    public Response create(NewWebhook body) {
        WebhookService.Created created = webhooks.create(body == null ? null : body.name);
        return Response.status(Response.Status.CREATED).entity(Map.of("id", created.webhook().getId(),
                "name", created.webhook().getName(), "secret", created.secret(),
                "signing", "X-Backup-Timestamp: <epoch seconds>, X-Backup-Signature: sha256=<hex HMAC-SHA256 of"
                        + " \"<timestamp>.<body>\" with the secret>")).build();
    }

    @DELETE
    @Path("{name}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Remove an inbound webhook")
    @APIResponse(responseCode = "204", description = "removed")
    @APIResponse(responseCode = "404", description = "no such webhook")
    public Response delete(@PathParam("name") String name) {
        webhooks.delete(name);
        return Response.noContent().build();
    }

    @POST
    @Path("{name}")
    @Consumes(MediaType.WILDCARD)
    @PermitAll // authenticated by the body's HMAC signature instead of a user
    @Operation(summary = "Call an inbound webhook", description = "Signed with the webhook's secret: headers "
            + "X-Backup-Timestamp and X-Backup-Signature. Fires the EVENT schedules on this webhook with the body "
            + "as event data.")
    @APIResponse(responseCode = "202", description = "accepted; lists the queue entries created")
    @APIResponse(responseCode = "401", description = "unknown webhook, missing, stale or wrong signature; nothing fired")
    @APIResponse(responseCode = "413", description = "the body is larger than 64 KiB")
    public Response call(@PathParam("name") String name,
                         @HeaderParam(WebhookSignature.TIMESTAMP_HEADER) String timestamp,
                         @HeaderParam(WebhookSignature.SIGNATURE_HEADER) String signature,
                         byte[] body) {
        byte[] content = body == null ? new byte[0] : body;
        if (content.length > MAX_BODY) {
            return Response.status(413).type("application/problem+json").entity(Map.of("type", "about:blank",
                    "title", "Payload Too Large", "status", 413, "detail", "a webhook body may be at most 64 KiB")).build();
        }
        WebhookService.Call call = webhooks.call(name, timestamp, signature, content);
        if (call.refused().isPresent()) {
            throw new NotAuthorizedException(call.refused().get(), "HMAC-SHA256");
        }
        return Response.accepted(Map.of("webhook", name, "queued", call.queued())).build();
    }
}
