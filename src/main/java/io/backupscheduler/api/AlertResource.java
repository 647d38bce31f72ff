package io.backupscheduler.api;

import io.backupscheduler.alert.Alert;
import io.backupscheduler.alert.AlertDelivery;
import io.backupscheduler.alert.AlertRule;
import io.backupscheduler.alert.AlertRuleService;
import io.backupscheduler.alert.AlertType;
import io.backupscheduler.paging.Page;
import io.backupscheduler.paging.PageRequest;
import io.backupscheduler.paging.SortOrder;
import io.backupscheduler.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("alerts")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Alerts", description = "Alert rules, the incidents they opened and their notifications")
public class AlertResource {
    @Inject
    AlertRuleService rules;

    @Context
    UriInfo uriInfo;

    /** A rule as the API shows it. */
    public record AlertRuleResponse(long id, String name, AlertType type, Long jobId, Double threshold, String webhookUrl,
                                    List<String> emailTo, boolean notifyResolved, boolean enabled, Instant createdAt,
                                    Instant updatedAt, long version) {
        static AlertRuleResponse of(AlertRule r) {
            return new AlertRuleResponse(r.getId(), r.getName(), r.getType(), r.getJobId(), r.getThreshold(), r.getWebhookUrl(),
                    r.getEmailTo(), r.isNotifyResolved(), r.isEnabled(), r.getCreatedAt(), r.getUpdatedAt(), r.getVersion());
        }
    }

    /** One notification of an incident. */
    public record DeliveryResponse(long id, AlertDelivery.Channel channel, AlertDelivery.Event event, AlertDelivery.Status status,
                                   int attempts, Instant nextAttemptAt, Instant sentAt, String lastError) {
        static DeliveryResponse of(AlertDelivery d) {
            return new DeliveryResponse(d.getId(), d.getChannel(), d.getEvent(), d.getStatus(), d.getAttempts(),
                    d.getStatus() == AlertDelivery.Status.PENDING ? d.getNextAttemptAt() : null, d.getSentAt(), d.getLastError());
        }
    }

    /** An incident with its notifications. */
    public record AlertResponse(long id, long ruleId, String subject, String subjectLabel, String message, Instant openedAt,
                                Instant resolvedAt, boolean open, List<DeliveryResponse> deliveries) {
        static AlertResponse of(Alert a, List<AlertDelivery> deliveries) {
            return new AlertResponse(a.getId(), a.getRuleId(), a.getSubject(), a.getSubjectLabel(), a.getMessage(), a.getOpenedAt(),
                    a.getResolvedAt(), a.isOpen(), deliveries.stream().map(DeliveryResponse::of).toList());
        }
    }

    @GET
    @Path("rules")
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
    @Operation(summary = "Every alert rule, by name")
    @APIResponse(responseCode = "200", description = "the rules")
    public List<AlertRuleResponse> listRules() {
        return rules.list().stream().map(AlertRuleResponse::of).toList();
    }

    @GET
    @Path("rules/{id}")
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
    @Operation(summary = "One alert rule")
    @APIResponse(responseCode = "200", description = "the rule")
    @APIResponse(responseCode = "404", description = "no such rule")
    public AlertRuleResponse getRule(@PathParam("id") String id) {
        return AlertRuleResponse.of(rules.get(QueryParameters.id("alert rule", id)));
    }

    @POST
    @Path("rules")
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    @Operation(summary = "Create an alert rule", description = "{\"name\", \"type\" (DEAD_LETTERED, CONSECUTIVE_FAILURES, "
            + "MISSED_FIRE, LOW_DISK, SLOW_RUN), \"jobId\" (none: every job), \"threshold\" (failures in a row, default 3; "
            + "percent free, default 10; times the median, default 3), \"webhookUrl\", \"emailTo\": [addresses], "
            + "\"notifyResolved\" (default false), \"enabled\" (default true)}")
    @APIResponse(responseCode = "201", description = "created; Location names it")
    @APIResponse(responseCode = "400", description = "invalid input; errors name the fields")
    @APIResponse(responseCode = "409", description = "a rule with that name exists")
    public Response createRule(AlertRuleService.AlertRuleSpec spec) {
        AlertRule rule = rules.create(spec);
        return Response.created(uriInfo.getAbsolutePathBuilder().path(Long.toString(rule.getId())).build())
                .entity(AlertRuleResponse.of(rule)).build();
    }

    @PUT
    @Path("rules/{id}")
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    @Operation(summary = "Replace an alert rule", description = "The body's version must be the rule's current one.")
    @APIResponse(responseCode = "200", description = "the updated rule")
    @APIResponse(responseCode = "400", description = "invalid input; errors name the fields")
    @APIResponse(responseCode = "404", description = "no such rule")
    @APIResponse(responseCode = "409", description = "stale version or duplicate name")
    public AlertRuleResponse updateRule(@PathParam("id") String id, AlertRuleService.AlertRuleSpec spec) {
        return AlertRuleResponse.of(rules.update(QueryParameters.id("alert rule", id), spec));
    }

    @DELETE
    @Path("rules/{id}")
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    @Operation(summary = "Remove an alert rule with its incident history")
    @APIResponse(responseCode = "204", description = "removed")
    @APIResponse(responseCode = "404", description = "no such rule")
    public Response deleteRule(@PathParam("id") String id) {
        rules.delete(QueryParameters.id("alert rule", id));
        return Response.noContent().build();
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
    @Operation(summary = "Incidents, newest first", description = "Filters: ruleId, open (true: still open, false: resolved)")
    @APIResponse(responseCode = "200", description = "one page of incidents with their notifications")
    @APIResponse(responseCode = "400", description = "a bad filter or paging parameter")
    public PageResponse<AlertResponse> history(@QueryParam("ruleId") String ruleId, @QueryParam("open") String open,
                                               @QueryParam("page") String page, @QueryParam("size") String size) {
        PageRequest request = QueryParameters.pageRequest(page, size, List.of(), Set.of(), SortOrder.desc("openedAt"));
        AlertRuleService.AlertQuery query = new AlertRuleService.AlertQuery(QueryParameters.filterId("ruleId", ruleId),
                QueryParameters.booleanValue("open", open));
        long[] total = new long[1];
        List<Alert> alerts = rules.history(query, request.offset(), request.size(), total);
        Map<Long, List<AlertDelivery>> deliveries = rules.deliveries(alerts.stream().map(Alert::getId).toList()).stream()
                .collect(Collectors.groupingBy(AlertDelivery::getAlertId));
        return PageResponse.of(new Page<>(alerts, total[0], request.page(), request.size())
                .map(a -> AlertResponse.of(a, deliveries.getOrDefault(a.getId(), List.of()))));
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
    @Operation(summary = "One incident with its notifications")
    @APIResponse(responseCode = "200", description = "the incident")
    @APIResponse(responseCode = "404", description = "no such incident")
    public AlertResponse get(@PathParam("id") String id) {
        long alertId = QueryParameters.id("alert", id);
        return AlertResponse.of(rules.alert(alertId), rules.deliveries(alertId));
    }
}
