package io.backupscheduler.console;

import io.backupscheduler.schedule.SchedulerSwitch;
import io.backupscheduler.security.CurrentUser;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** The scheduler's on/off state in every page's header; admins switch it. */
@Named
@RequestScoped
public class SchedulerSwitchView {
    @Inject
    SchedulerSwitch schedulerSwitch;

    @Inject
    CurrentUser currentUser;

    private SchedulerSwitch.State state;

    public boolean isEnabled() {
        return state().enabled();
    }

    public String getTitle() {
        SchedulerSwitch.State s = state();
        return (s.enabled() ? "Schedules fire." : "Switched off: no schedule fires.")
                + (s.changedBy() == null ? "" : " Last switched by " + s.changedBy() + " at " + Timestamps.utcText(s.changedAt()) + " UTC.");
    }

    public void toggle() {
        if (!currentUser.isAdmin()) {
            FormMessages.globalError("Only admins may switch the scheduler.");
            return;
        }
        boolean on = !state().enabled();
        state = schedulerSwitch.set(on, currentUser.getName());
        FormMessages.info(on ? "Scheduler switched on: missed fires follow each schedule's misfire policy."
                : "Scheduler switched off: no schedule fires until it is switched on again.");
    }

    private SchedulerSwitch.State state() {
        if (state == null) {
            state = schedulerSwitch.state();
        }
        return state;
    }
}
