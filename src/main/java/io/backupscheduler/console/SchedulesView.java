package io.backupscheduler.console;

import io.backupscheduler.errors.ConflictException;
import io.backupscheduler.errors.InvalidInputException;
import io.backupscheduler.errors.NoSuchEntityException;
import io.backupscheduler.job.BackupJobService;
import io.backupscheduler.job.JobQuery;
import io.backupscheduler.job.Priority;
import io.backupscheduler.paging.PageRequest;
import io.backupscheduler.paging.SortOrder;
import io.backupscheduler.schedule.CalendarService;
import io.backupscheduler.schedule.DayFilter;
import io.backupscheduler.schedule.EventType;
import io.backupscheduler.schedule.MisfirePolicy;
import io.backupscheduler.schedule.OverlapPolicy;
import io.backupscheduler.schedule.Schedule;
import io.backupscheduler.schedule.ScheduleFiring;
import io.backupscheduler.schedule.ScheduleService;
import io.backupscheduler.schedule.ScheduleTimeline;
import io.backupscheduler.schedule.ScheduleSpec;
import io.backupscheduler.schedule.ScheduleType;
import io.backupscheduler.security.CurrentUser;
import jakarta.annotation.PostConstruct;
import jakarta.faces.context.FacesContext;
import jakarta.faces.model.SelectItem;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.primefaces.PrimeFaces;

/**
 * The Schedules page: the lazy table with pause, resume and run now, and the create/edit dialog with a form per
 * type and a live preview of the next fires in the schedule's zone. Admins change schedules; operators run them.
 */
@Named
@ViewScoped
public class SchedulesView implements Serializable {
    private static final String FORM = "scheduleForm";
    private static final DateTimeFormatter FIRE = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm xxx '('VV')'", Locale.ENGLISH);

    @Inject
    ScheduleService schedules;

    @Inject
    ScheduleTimeline timeline;

    @Inject
    ScheduleFiring firing;

    @Inject
    CalendarService calendars;

    @Inject
    BackupJobService jobs;

    @Inject
    CurrentUser currentUser;

    private ScheduleLazyDataModel model;
    private ScheduleSpec spec = new ScheduleSpec();
    private Long editedId;
    private String previewDescription;
    private List<String> previewFires = List.of();
    private String previewProblem;

    @PostConstruct
    void init() {
        model = new ScheduleLazyDataModel(schedules, jobs);
    }

    public void prepareCreate() {
        editedId = null;
        spec = new ScheduleSpec();
        spec.setType(ScheduleType.CRON);
        spec.setExpression("30 2 * * *");
        spec.setMisfirePolicy(MisfirePolicy.FIRE_ONCE);
        spec.setOverlapPolicy(OverlapPolicy.FORBID);
        spec.setDayFilter(DayFilter.ALL_DAYS);
        spec.setMisfireLimit(10);
        spec.setEnabled(Boolean.TRUE);
        updatePreview();
    }

    public void prepareEdit(long id) {
        try {
            spec = ScheduleSpec.of(schedules.get(id));
            editedId = id;
                updatePreview();
        } catch (NoSuchEntityException e) {
            FormMessages.globalError("This schedule no longer exists.");
        }
    }

    /** Recomputes the description and the next ten fires from the form as it is now. */
    public void updatePreview() {
        ScheduleTimeline.Preview preview = timeline.preview(spec, 10);
        previewDescription = preview.description();
        previewFires = preview.fires().stream().map(FIRE::format).toList();
        previewProblem = preview.errors().isEmpty() ? null
                : preview.errors().stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; "));
    }

    public void save() {
        FacesContext faces = FacesContext.getCurrentInstance();
        if (!currentUser.isCanManageJobs()) {
            FormMessages.globalError("Only admins may change schedules.");
            return;
        }
        try {
            ScheduleService.Saved saved = editedId == null ? schedules.create(spec) : schedules.update(editedId, spec);
            FormMessages.info((editedId == null ? "Created schedule " : "Saved schedule ") + saved.schedule().getName()
                    + (saved.schedule().getNextFireAt() == null ? "." : "; next fire " + Timestamps.utcText(saved.schedule().getNextFireAt()) + " UTC."));
            saved.warnings().forEach(w -> FormMessages.warning("Warning: " + w));
            PrimeFaces.current().ajax().addCallbackParam("saved", true);
        } catch (InvalidInputException | ConflictException | NoSuchEntityException e) {
            FormMessages.refused(FORM, e, "This schedule was deleted meanwhile.");
        }
    }

    public void delete(Schedule schedule) {
        if (!currentUser.isCanManageJobs()) {
            FormMessages.globalError("Only admins may remove schedules.");
            return;
        }
        try {
            schedules.delete(schedule.getId());
            FormMessages.info("Removed schedule " + schedule.getName() + ".");
        } catch (NoSuchEntityException e) {
            FormMessages.globalError("This schedule was already removed.");
        }
    }

    public void pause(Schedule schedule) {
        operate(schedule, () -> schedules.pause(schedule.getId()), "Paused ");
    }

    public void resume(Schedule schedule) {
        operate(schedule, () -> schedules.resume(schedule.getId()), "Resumed ");
    }

    public void runNow(Schedule schedule) {
        if (!currentUser.isOperator()) {
            FormMessages.globalError("Only operators and admins may run schedules.");
            return;
        }
        try {
            long entry = firing.runNow(schedule.getId(), currentUser.getName());
            FormMessages.info("Queued a run of " + schedule.getName() + " (entry #" + entry + ").");
        } catch (ConflictException e) {
            FormMessages.globalError(e.getMessage());
        } catch (NoSuchEntityException e) {
            FormMessages.globalError("This schedule no longer exists.");
        }
    }

    private void operate(Schedule schedule, Runnable action, String done) {
        if (!currentUser.isOperator()) {
            FormMessages.globalError("Only operators and admins may pause or resume schedules.");
            return;
        }
        try {
            action.run();
            FormMessages.info(done + schedule.getName() + ".");
        } catch (NoSuchEntityException e) {
            FormMessages.globalError("This schedule no longer exists.");
        }
    }

    public String describe(Schedule schedule) {
        try {
            return timeline.describe(schedule);
        } catch (RuntimeException e) {
            return "";
        }
    }

    public List<SelectItem> getJobChoices() {
        return jobs.search(JobQuery.all(), new PageRequest(0, PageRequest.MAX_SIZE, List.of(SortOrder.asc("name"))))
                .items().stream().map(j -> new SelectItem(j.getId(), j.getName())).toList();
    }

    public List<SelectItem> getCalendarChoices() {
        List<SelectItem> items = new ArrayList<>();
        calendars.list().forEach(c -> items.add(new SelectItem(c.getId(), c.getName() + " (" + c.getZone() + ")")));
        return items;
    }

    public boolean isEditing() {
        return editedId != null;
    }

    public ScheduleLazyDataModel getModel() {
        return model;
    }

    public ScheduleSpec getSpec() {
        return spec;
    }

    public String getPreviewDescription() {
        return previewDescription;
    }

    public List<String> getPreviewFires() {
        return previewFires;
    }

    public String getPreviewProblem() {
        return previewProblem;
    }

    public ScheduleType[] getTypes() {
        return ScheduleType.values();
    }

    public Priority[] getPriorities() {
        return Priority.values();
    }

    public MisfirePolicy[] getMisfirePolicies() {
        return MisfirePolicy.values();
    }

    public OverlapPolicy[] getOverlapPolicies() {
        return OverlapPolicy.values();
    }

    public DayFilter[] getDayFilters() {
        return DayFilter.values();
    }

    public EventType[] getEventTypes() {
        return EventType.values();
    }
}
