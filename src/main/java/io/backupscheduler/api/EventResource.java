package io.backupscheduler.api;

import io.backupscheduler.errors.InvalidInputException;
import io.backupscheduler.schedule.EventType;
import io.backupscheduler.schedule.ScheduleFiring;
import io.backupscheduler.schedule.SystemEvent;
import io.backupscheduler.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("events")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Events")
public class EventResource {
    @Inject
    ScheduleFiring firing;

    /** An event triggered by hand: its subject (a path, a webhook name, a system event) and optional data. */
    public static class Trigger {
        public String subject;
        public JsonValue data;
    }

    @POST
    @Path("{type}")
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    @Operation(summary = "Trigger an event by hand", description = "Fires the EVENT schedules that follow it, as if "
            + "it had happened: {\"subject\": \"/srv/incoming/a.csv\"} for FILE_CHANGE, the webhook's name for WEBHOOK, "
            + "e.g. \"job-succeeded:db dump\" for SYSTEM.")
    @APIResponse(responseCode = "200", description = "the queue entries created (none while the scheduler is off)")
    @APIResponse(responseCode = "400", description = "an unknown type or a missing subject")
    public Map<String, Object> trigger(@PathParam("type") String type, Trigger body) {
        EventType eventType = QueryParameters.enumValue("type", type, EventType.class);
        if (body == null || body.subject == null || body.subject.isBlank()) {
            throw InvalidInputException.of("subject", "is required: a path, a webhook name or a system event");
        }
        String subject = body.subject.strip();
        if (eventType == EventType.SYSTEM) {
            int colon = subject.indexOf(':');
            try {
                SystemEvent event = SystemEvent.ofKey(colon < 0 ? subject : subject.substring(0, colon));
                subject = event.key() + (colon < 0 ? "" : subject.substring(colon));
            } catch (IllegalArgumentException e) {
                throw InvalidInputException.of("subject", e.getMessage());
            }
        }
        List<Long> queued = firing.fireEvent(eventType, subject, body.data == null ? null : body.data.toString());
        return Map.of("type", eventType, "subject", subject, "queued", queued);
    }
}
