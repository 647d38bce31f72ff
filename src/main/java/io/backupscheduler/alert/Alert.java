package io.backupscheduler.alert;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One incident: a rule's condition became true for a subject (a job, a schedule) at {@code openedAt}, and stayed
 * true until {@code resolvedAt}. While it is open the rule says nothing more about that subject.
 */
@Entity
@Table(name = "alert")
public class Alert {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "alert_seq")
    @SequenceGenerator(name = "alert_seq", sequenceName = "alert_seq", allocationSize = 50)
    private Long id;

    @Column(name = "rule_id", nullable = false)
    private long ruleId;

    /** What the condition is about, as a key: {@code job:12}, {@code schedule:7}. */
    @Column(nullable = false, length = 200)
    private String subject;

    @Column(name = "subject_label", nullable = false, length = 300)
    private String subjectLabel;

    @Column(nullable = false, length = 2000)
    private String message;

    @Column(name = "opened_at", nullable = false)
    private Instant openedAt;

    @Column(name = "resolved_at")
    private Instant resolvedAt;

    protected Alert() {
    }

    Alert(long ruleId, Finding finding, Instant openedAt) {
        this.ruleId = ruleId;
        this.subject = finding.subject();
        this.subjectLabel = clip(finding.label(), 300);
        this.message = clip(finding.message(), 2000);
        this.openedAt = openedAt;
    }

    void resolve(Instant at) {
        this.resolvedAt = at;
    }

    private static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    public Long getId() {
        return id;
    }

    public long getRuleId() {
        return ruleId;
    }

    public String getSubject() {
        return subject;
    }

    public String getSubjectLabel() {
        return subjectLabel;
    }

    public String getMessage() {
        return message;
    }

    public Instant getOpenedAt() {
        return openedAt;
    }

    public Instant getResolvedAt() {
        return resolvedAt;
    }

    public boolean isOpen() {
        return resolvedAt == null;
    }
}
