package io.backupscheduler.console;

import io.backupscheduler.alert.Alert;
import io.backupscheduler.alert.AlertRule;
import io.backupscheduler.alert.AlertRuleService;
import io.backupscheduler.alert.AlertType;
import io.backupscheduler.errors.NoSuchEntityException;
import io.backupscheduler.security.CurrentUser;
import jakarta.annotation.PostConstruct;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.primefaces.PrimeFaces;

/**
 * The Alerts page: rules (operators and admins create, change and remove them; everyone sees them) and the
 * incident history with how each notification went.
 */
@Named
@ViewScoped
public class AlertsView implements Serializable {
    private static final String FORM = "ruleForm";

    @Inject
    AlertRuleService rules;

    @Inject
    CurrentUser currentUser;

    private List<AlertRule> list;
    /** Rule names by id, for the history's Rule column (built with the list, not per row). */
    private Map<Long, String> names = Map.of();
    private AlertHistoryModel history;
    private boolean openOnly;

    private Long editedId;
    private Long editedVersion;
    private String name;
    private AlertType type = AlertType.DEAD_LETTERED;
    private Long jobId;
    private Double threshold;
    private String webhookUrl;
    private String emailTo;
    private boolean notifyResolved;
    private boolean enabled = true;

    @PostConstruct
    void init() {
        history = new AlertHistoryModel(rules);
        reload();
    }

    private void reload() {
        list = rules.list();
        names = list.stream().collect(Collectors.toMap(AlertRule::getId, AlertRule::getName));
    }

    public boolean isCanManage() {
        return currentUser.isOperator() || currentUser.isAdmin();
    }

    public void prepareCreate() {
        editedId = null;
        editedVersion = null;
        name = null;
        type = AlertType.DEAD_LETTERED;
        jobId = null;
        threshold = null;
        webhookUrl = null;
        emailTo = null;
        notifyResolved = false;
        enabled = true;
    }

    public void prepareEdit(long id) {
        try {
            AlertRule rule = rules.get(id);
            editedId = id;
            editedVersion = rule.getVersion();
            name = rule.getName();
            type = rule.getType();
            jobId = rule.getJobId();
            threshold = rule.getThreshold();
            webhookUrl = rule.getWebhookUrl();
            emailTo = String.join(", ", rule.getEmailTo());
            notifyResolved = rule.isNotifyResolved();
            enabled = rule.isEnabled();
        } catch (NoSuchEntityException e) {
            FormMessages.globalError("This alert rule no longer exists.");
        }
    }

    public void save() {
        if (!isCanManage()) {
            FormMessages.globalError("Only operators and admins may change alert rules.");
            FacesContext.getCurrentInstance().validationFailed();
            return;
        }
        List<String> recipients = emailTo == null || emailTo.isBlank() ? List.of()
                : Arrays.stream(emailTo.split("[,;\\s]+")).filter(s -> !s.isBlank()).toList();
        AlertRuleService.AlertRuleSpec spec = new AlertRuleService.AlertRuleSpec(name, type, jobId, threshold, webhookUrl,
                recipients, notifyResolved, enabled, editedVersion);
        try {
            AlertRule saved = editedId == null ? rules.create(spec) : rules.update(editedId, spec);
            FormMessages.info((editedId == null ? "Created alert rule " : "Saved alert rule ") + saved.getName() + ".");
            reload();
            PrimeFaces.current().ajax().addCallbackParam("saved", true);
        } catch (RuntimeException e) {
            // every address problem goes next to the one recipients field
            if (e instanceof io.backupscheduler.errors.InvalidInputException invalid) {
                invalid.errors().forEach(error -> FormMessages.fieldError(FORM, error.field().startsWith("emailTo")
                        ? new io.backupscheduler.errors.FieldError("emailTo", error.message()) : error));
                FacesContext.getCurrentInstance().validationFailed();
            } else {
                FormMessages.refused(FORM, e, "This alert rule was deleted meanwhile.");
            }
        }
    }

    public void delete(AlertRule rule) {
        if (!isCanManage()) {
            FormMessages.globalError("Only operators and admins may remove alert rules.");
            return;
        }
        try {
            rules.delete(rule.getId());
            FormMessages.info("Removed alert rule " + rule.getName() + " and its history.");
        } catch (NoSuchEntityException e) {
            FormMessages.globalError("This alert rule was already removed.");
        }
        reload();
    }

    /** A rule's threshold as people read it: "3 failed runs in a row", "10.0 percent free". */
    public String thresholdText(AlertRule rule) {
        if (rule.getThreshold() == null) {
            return "";
        }
        double value = rule.getThreshold();
        String number = value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
        return number + " " + rule.getType().thresholdMeaning();
    }

    public String channels(AlertRule rule) {
        StringBuilder text = new StringBuilder();
        if (rule.getWebhookUrl() != null) {
            text.append("webhook ").append(rule.getWebhookUrl());
        }
        if (!rule.getEmailTo().isEmpty()) {
            text.append(text.length() > 0 ? "; " : "").append("email ").append(String.join(", ", rule.getEmailTo()));
        }
        return text.length() == 0 ? "history only" : text.toString();
    }

    public String ruleName(Alert alert) {
        return names.getOrDefault(alert.getRuleId(), "rule " + alert.getRuleId());
    }

    public String deliveries(Alert alert) {
        return history.deliveries(alert);
    }

    public void toggleOpenOnly() {
        history.openOnly(openOnly);
    }

    public AlertType[] getTypes() {
        return AlertType.values();
    }

    public List<AlertRule> getList() {
        return list;
    }

    public AlertHistoryModel getHistory() {
        return history;
    }

    public boolean isEditing() {
        return editedId != null;
    }

    public boolean isOpenOnly() {
        return openOnly;
    }

    public void setOpenOnly(boolean openOnly) {
        this.openOnly = openOnly;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public AlertType getType() {
        return type;
    }

    public void setType(AlertType type) {
        this.type = type;
    }

    public Long getJobId() {
        return jobId;
    }

    public void setJobId(Long jobId) {
        this.jobId = jobId;
    }

    public Double getThreshold() {
        return threshold;
    }

    public void setThreshold(Double threshold) {
        this.threshold = threshold;
    }

    public String getWebhookUrl() {
        return webhookUrl;
    }

    public void setWebhookUrl(String webhookUrl) {
        this.webhookUrl = webhookUrl;
    }

    public String getEmailTo() {
        return emailTo;
    }

    public void setEmailTo(String emailTo) {
        this.emailTo = emailTo;
    }

    public boolean isNotifyResolved() {
        return notifyResolved;
    }

    public void setNotifyResolved(boolean notifyResolved) {
        this.notifyResolved = notifyResolved;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }
}
