package io.backupscheduler.console;

import io.backupscheduler.errors.ConflictException;
import io.backupscheduler.errors.FieldError;
import io.backupscheduler.errors.InvalidInputException;
import io.backupscheduler.errors.NoSuchEntityException;
import io.backupscheduler.schedule.CalendarService;
import io.backupscheduler.schedule.Holiday;
import io.backupscheduler.schedule.HolidayCalendar;
import io.backupscheduler.security.CurrentUser;
import jakarta.annotation.PostConstruct;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Collectors;
import org.primefaces.PrimeFaces;
import org.primefaces.event.FileUploadEvent;

/**
 * The Calendars page: business calendars with their weekend days and holidays (edited as lines of text, one
 * holiday per line), and .ics import. Only admins change calendars.
 */
@Named
@ViewScoped
public class CalendarsView implements Serializable {
    private static final String FORM = "calendarForm";

    @Inject
    CalendarService calendars;

    @Inject
    CurrentUser currentUser;

    private List<HolidayCalendar> list;
    private Long editedId;
    private Long editedVersion;
    private Long importId;
    private String name;
    private String description;
    private String zone;
    private List<DayOfWeek> weekend = new ArrayList<>();
    private String holidays;

    @PostConstruct
    void init() {
        reload();
    }

    private void reload() {
        list = calendars.list();
    }

    public void prepareCreate() {
        editedId = null;
        editedVersion = null;
        name = null;
        description = null;
        zone = "UTC";
        weekend = new ArrayList<>(EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY));
        holidays = "";
    }

    public void prepareEdit(long id) {
        try {
            HolidayCalendar calendar = calendars.get(id);
            editedId = id;
            editedVersion = calendar.getVersion();
            name = calendar.getName();
            description = calendar.getDescription();
            zone = calendar.getZone();
            weekend = new ArrayList<>(calendar.getWeekend());
            holidays = calendar.getHolidays().stream().map(CalendarsView::line).collect(Collectors.joining("\n"));
        } catch (NoSuchEntityException e) {
            FormMessages.globalError("This calendar no longer exists.");
        }
    }

    public void prepareImport(long id) {
        importId = id;
    }

    public void save() {
        FacesContext faces = FacesContext.getCurrentInstance();
        if (!currentUser.isCanManageJobs()) {
            FormMessages.globalError("Only admins may change calendars.");
            return;
        }
        List<CalendarService.HolidaySpec> parsed = new ArrayList<>();
        if (!parseHolidays(parsed)) {
            faces.validationFailed();
            return;
        }
        CalendarService.CalendarSpec spec = new CalendarService.CalendarSpec(name, description, zone, weekend, parsed, editedVersion);
        try {
            HolidayCalendar saved = editedId == null ? calendars.create(spec) : calendars.update(editedId, spec);
            FormMessages.info((editedId == null ? "Created calendar " : "Saved calendar ") + saved.getName() + ".");
            reload();
            PrimeFaces.current().ajax().addCallbackParam("saved", true);
        } catch (InvalidInputException e) {
            e.errors().forEach(error -> FormMessages.fieldError(FORM, error.field().startsWith("holidays")
                    ? new FieldError("holidays", error.message()) : error));
            faces.validationFailed();
        } catch (ConflictException e) {
            FormMessages.fieldError(FORM, new FieldError(e.field() == null ? "" : e.field(), e.getMessage()));
            faces.validationFailed();
        } catch (NoSuchEntityException e) {
            FormMessages.globalError("This calendar was deleted meanwhile.");
            faces.validationFailed();
        }
    }

    public void delete(HolidayCalendar calendar) {
        if (!currentUser.isCanManageJobs()) {
            FormMessages.globalError("Only admins may remove calendars.");
            return;
        }
        try {
            calendars.delete(calendar.getId());
            FormMessages.info("Removed calendar " + calendar.getName() + ".");
        } catch (ConflictException e) {
            FormMessages.globalError(e.getMessage());
        } catch (NoSuchEntityException e) {
            FormMessages.globalError("This calendar was already removed.");
        }
        reload();
    }

    /** An uploaded .ics file: its all-day events become holidays of the chosen calendar. */
    public void upload(FileUploadEvent event) {
        if (!currentUser.isCanManageJobs() || importId == null) {
            FormMessages.globalError("Only admins may import holidays.");
            return;
        }
        try {
            String ics = new String(event.getFile().getContent(), StandardCharsets.UTF_8);
            CalendarService.Imported imported = calendars.importIcs(importId, ics);
            FormMessages.info("Imported " + imported.added() + " new holiday days into " + imported.calendar().getName()
                    + (imported.skipped().isEmpty() ? "." : "; skipped " + imported.skipped().size() + ": "
                    + String.join(", ", imported.skipped())));
            reload();
        } catch (InvalidInputException e) {
            FormMessages.globalError(event.getFile().getFileName() + ": " + e.errors().get(0).message());
        } catch (NoSuchEntityException e) {
            FormMessages.globalError("This calendar no longer exists.");
        }
    }

    /** Lines {@code 2026-12-25 yearly Christmas} or {@code 2026-12-24 Christmas Eve}; false when one is wrong. */
    private boolean parseHolidays(List<CalendarService.HolidaySpec> into) {
        String[] lines = holidays == null ? new String[0] : holidays.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] parts = line.split("\\s+", 2);
            try {
                LocalDate date = LocalDate.parse(parts[0]);
                String rest = parts.length > 1 ? parts[1].strip() : "";
                boolean yearly = rest.equals("yearly") || rest.startsWith("yearly ");
                String label = yearly ? rest.substring("yearly".length()).strip() : rest;
                into.add(new CalendarService.HolidaySpec(date, yearly, label.isEmpty() ? null : label));
            } catch (DateTimeParseException e) {
                FormMessages.fieldError(FORM, new FieldError("holidays", "line " + (i + 1) + ": '" + parts[0]
                        + "' is not a date as YYYY-MM-DD"));
                return false;
            }
        }
        return true;
    }

    private static String line(Holiday holiday) {
        return holiday.getDate() + (holiday.isYearly() ? " yearly" : "") + (holiday.getName() == null ? "" : " " + holiday.getName());
    }

    /** The first holidays of a calendar, for its row in the table. */
    public List<Holiday> firstHolidays(HolidayCalendar calendar) {
        List<Holiday> all = calendar.getHolidays();
        return all.subList(0, Math.min(8, all.size()));
    }

    /** {@code 2026-12-24}, or {@code 12-25 yearly} for a holiday every year. */
    public String holidayLabel(Holiday holiday) {
        return holiday.isYearly() ? holiday.getDate().toString().substring(5) + " yearly" : holiday.getDate().toString();
    }

    public String weekendText(HolidayCalendar calendar) {
        return calendar.getWeekend().stream().sorted().map(d -> d.name().charAt(0) + d.name().substring(1, 3).toLowerCase())
                .collect(Collectors.joining(", "));
    }

    public boolean isEditing() {
        return editedId != null;
    }

    public List<HolidayCalendar> getList() {
        return list;
    }

    public DayOfWeek[] getDays() {
        return DayOfWeek.values();
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public String getZone() {
        return zone;
    }

    public void setZone(String zone) {
        this.zone = zone;
    }

    /** An array, not a list: Faces converts the checkboxes' values to the array's element type (enums). */
    public DayOfWeek[] getWeekendDays() {
        return weekend.toArray(DayOfWeek[]::new);
    }

    public void setWeekendDays(DayOfWeek[] days) {
        this.weekend = days == null ? new ArrayList<>() : new ArrayList<>(List.of(days));
    }

    public String getHolidays() {
        return holidays;
    }

    public void setHolidays(String holidays) {
        this.holidays = holidays;
    }
}
