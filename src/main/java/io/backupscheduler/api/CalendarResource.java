package io.backupscheduler.api;

import io.backupscheduler.schedule.CalendarService;
import io.backupscheduler.schedule.Holiday;
import io.backupscheduler.schedule.HolidayCalendar;
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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("calendars")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Calendars", description = "Business calendars: zone, weekend days, holidays")
public class CalendarResource {
    @Inject
    CalendarService calendars;

    @Context
    UriInfo uriInfo;

    /** A calendar as the API shows it. */
    public record CalendarResponse(long id, String name, String description, String zone, List<DayOfWeek> weekend,
                                   List<HolidayResponse> holidays, Instant createdAt, Instant updatedAt, long version) {
        static CalendarResponse of(HolidayCalendar c) {
            return new CalendarResponse(c.getId(), c.getName(), c.getDescription(), c.getZone(),
                    c.getWeekend().stream().sorted().toList(), c.getHolidays().stream().map(HolidayResponse::of).toList(),
                    c.getCreatedAt(), c.getUpdatedAt(), c.getVersion());
        }
    }

    /** A holiday: its date (for a yearly one, the month and day count), whether it repeats, its name. */
    public record HolidayResponse(LocalDate date, boolean yearly, String name) {
        static HolidayResponse of(Holiday h) {
            return new HolidayResponse(h.getDate(), h.isYearly(), h.getName());
        }
    }

    /** The answer to an import. */
    public record ImportResponse(CalendarResponse calendar, int added, List<String> skipped) {
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
    @Operation(summary = "Every business calendar, by name")
    @APIResponse(responseCode = "200", description = "the calendars")
    public List<CalendarResponse> list() {
        return calendars.list().stream().map(CalendarResponse::of).toList();
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
    @Operation(summary = "One calendar")
    @APIResponse(responseCode = "200", description = "the calendar")
    @APIResponse(responseCode = "404", description = "no such calendar")
    public CalendarResponse get(@PathParam("id") String id) {
        return CalendarResponse.of(calendars.get(QueryParameters.id("calendar", id)));
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Create a calendar", description = "{\"name\", \"zone\" (default UTC), \"weekend\" (default "
            + "[\"SATURDAY\",\"SUNDAY\"]), \"holidays\": [{\"date\": \"2026-12-25\", \"yearly\": true, \"name\": …}]}")
    @APIResponse(responseCode = "201", description = "created; Location names it")
    @APIResponse(responseCode = "400", description = "invalid input; errors name the fields")
    @APIResponse(responseCode = "409", description = "a calendar with that name exists")
    public Response create(CalendarService.CalendarSpec spec) {
        HolidayCalendar calendar = calendars.create(spec);
        return Response.created(uriInfo.getAbsolutePathBuilder().path(Long.toString(calendar.getId())).build())
                .entity(CalendarResponse.of(calendar)).build();
    }

    @PUT
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Replace a calendar", description = "Schedules on it get their next fire again from now.")
    @APIResponse(responseCode = "200", description = "the updated calendar")
    @APIResponse(responseCode = "400", description = "invalid input; errors name the fields")
    @APIResponse(responseCode = "404", description = "no such calendar")
    @APIResponse(responseCode = "409", description = "stale version or duplicate name")
    public CalendarResponse update(@PathParam("id") String id, CalendarService.CalendarSpec spec) {
        return CalendarResponse.of(calendars.update(QueryParameters.id("calendar", id), spec));
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Remove a calendar no schedule uses")
    @APIResponse(responseCode = "204", description = "removed")
    @APIResponse(responseCode = "404", description = "no such calendar")
    @APIResponse(responseCode = "409", description = "schedules use it")
    public Response delete(@PathParam("id") String id) {
        calendars.delete(QueryParameters.id("calendar", id));
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/import")
    @Consumes({"text/calendar", MediaType.TEXT_PLAIN})
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Add the all-day events of an iCalendar (.ics) file as holidays",
            description = "Yearly all-day events become yearly holidays; timed events are skipped and listed.")
    @APIResponse(responseCode = "200", description = "the calendar, how many holidays were new, what was skipped")
    @APIResponse(responseCode = "400", description = "not an iCalendar file")
    @APIResponse(responseCode = "404", description = "no such calendar")
    public ImportResponse importIcs(@PathParam("id") String id, String ics) {
        CalendarService.Imported imported = calendars.importIcs(QueryParameters.id("calendar", id), ics);
        return new ImportResponse(CalendarResponse.of(imported.calendar()), imported.added(), imported.skipped());
    }
}
