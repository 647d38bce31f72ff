package io.backupscheduler.api;

import io.backupscheduler.errors.FieldError;
import io.backupscheduler.errors.InvalidInputException;
import io.backupscheduler.lib.cron.CronExpression;
import io.backupscheduler.security.Roles;
import io.backupscheduler.settings.SharedSettings;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("cron/preview")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Schedules", description = "Cron expressions and when they fire")
public class CronPreviewResource {
    static final int MAX_COUNT = 100;

    @Inject
    SharedSettings settings;

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
    @Operation(summary = "Preview a cron expression", description = "Parses the expression (cronie semantics, with "
            + "L, dL, d#n and H) and lists its next fires in the zone, as ISO-8601 with offsets.")
    @APIResponse(responseCode = "200", description = "the normalised expression, its description and the next fires")
    @APIResponse(responseCode = "400", description = "a bad expression, zone, start or count; errors name the parameter")
    public CronPreviewResponse preview(
            @QueryParam("expression") @Parameter(description = "e.g. 30 2 * * 1-5, or a macro such as @daily") String expression,
            @QueryParam("zone") @Parameter(description = "IANA zone, default backup.schedule.default-zone (UTC)") String zone,
            @QueryParam("from") @Parameter(description = "ISO-8601 instant to start after; default now") String from,
            @QueryParam("count") @Parameter(description = "how many fires, 1 to 100; default 10") String count,
            @QueryParam("hashKey") @Parameter(description = "the key H hashes, e.g. the job's name") String hashKey) {
        List<FieldError> errors = new ArrayList<>();
        CronExpression cron = null;
        if (expression == null || expression.isBlank()) {
            errors.add(new FieldError("expression", "is required, e.g. 30 2 * * 1-5"));
        } else {
            try {
                cron = CronExpression.parse(expression, hashKey == null ? "" : hashKey);
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("expression", e.getMessage()));
            }
        }
        ZoneId zoneId = zone(zone, errors);
        Instant start = start(from, errors);
        int howMany = count(count, errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        List<String> fires = new ArrayList<>(howMany);
        ZonedDateTime t = start.atZone(zoneId);
        for (int i = 0; i < howMany; i++) {
            Optional<ZonedDateTime> next = cron.nextAfter(t);
            if (next.isEmpty()) {
                break;
            }
            t = next.get();
            fires.add(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t));
        }
        return new CronPreviewResponse(expression.strip(), cron.normalized(), cron.describe(), zoneId.getId(),
                cron.isFixedTime(), fires);
    }

    private ZoneId zone(String zone, List<FieldError> errors) {
        String id = zone == null || zone.isBlank() ? settings.defaultZoneName() : zone.strip();
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            errors.add(new FieldError("zone", "'" + id + "' is not a time zone; use an IANA name such as Europe/Berlin"));
            return null;
        }
    }

    private static Instant start(String from, List<FieldError> errors) {
        if (from == null || from.isBlank()) {
            return Instant.now();
        }
        try {
            return Instant.parse(from.strip());
        } catch (DateTimeParseException e) {
            try {
                return ZonedDateTime.parse(from.strip()).toInstant();
            } catch (DateTimeParseException again) {
                errors.add(new FieldError("from", "'" + from + "' is not an ISO-8601 instant such as 2026-03-08T06:00:00Z"));
                return null;
            }
        }
    }

    private static int count(String count, List<FieldError> errors) {
        if (count == null || count.isBlank()) {
            return 10;
        }
        try {
            int n = Integer.parseInt(count.strip());
            if (n >= 1 && n <= MAX_COUNT) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(new FieldError("count", "'" + count + "' is not a whole number from 1 to " + MAX_COUNT));
        return 0;
    }
}
