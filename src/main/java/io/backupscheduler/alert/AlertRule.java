package io.backupscheduler.alert;

import io.backupscheduler.persistence.Timestamped;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.util.Arrays;
import java.util.List;

/** A condition worth telling someone about, where to tell them, and for which job (none: every job). */
@Entity
@Table(name = "alert_rule")
public class AlertRule extends Timestamped {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "alert_rule_seq")
    @SequenceGenerator(name = "alert_rule_seq", sequenceName = "alert_rule_seq", allocationSize = 50)
    private Long id;

    @Column(nullable = false, length = 100)
    private String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 32)
    private AlertType type;

    @Column(name = "job_id")
    private Long jobId;

    private Double threshold;

    @Column(name = "webhook_url", length = 2000)
    private String webhookUrl;

    /** Comma-separated addresses. */
    @Column(name = "email_to", length = 2000)
    private String emailTo;

    @Column(name = "notify_resolved", nullable = false)
    private boolean notifyResolved;

    @Column(nullable = false)
    private boolean enabled = true;

    protected AlertRule() {
    }

    AlertRule(String name) {
        this.name = name;
    }

    void define(String name, AlertType type, Long jobId, Double threshold, String webhookUrl, List<String> emailTo,
                boolean notifyResolved, boolean enabled) {
        this.name = name;
        this.type = type;
        this.jobId = jobId;
        this.threshold = threshold;
        this.webhookUrl = webhookUrl;
        this.emailTo = emailTo.isEmpty() ? null : String.join(",", emailTo);
        this.notifyResolved = notifyResolved;
        this.enabled = enabled;
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public AlertType getType() {
        return type;
    }

    public Long getJobId() {
        return jobId;
    }

    public Double getThreshold() {
        return threshold;
    }

    public String getWebhookUrl() {
        return webhookUrl;
    }

    public List<String> getEmailTo() {
        return emailTo == null ? List.of() : Arrays.stream(emailTo.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    public boolean isNotifyResolved() {
        return notifyResolved;
    }

    public boolean isEnabled() {
        return enabled;
    }
}
