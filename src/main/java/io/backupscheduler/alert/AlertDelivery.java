package io.backupscheduler.alert;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One notification of an incident on one channel: written with the incident (an outbox), sent after it committed,
 * retried with backoff until it is SENT or out of attempts (FAILED, with the last error).
 */
@Entity
@Table(name = "alert_delivery")
public class AlertDelivery {
    public enum Channel { WEBHOOK, EMAIL }

    public enum Event { FIRING, RESOLVED }

    public enum Status { PENDING, SENT, FAILED }

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "alert_delivery_seq")
    @SequenceGenerator(name = "alert_delivery_seq", sequenceName = "alert_delivery_seq", allocationSize = 50)
    private Long id;

    @Column(name = "alert_id", nullable = false)
    private long alertId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private Channel channel;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private Event event;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private Status status = Status.PENDING;

    @Column(nullable = false)
    private int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    private Instant nextAttemptAt;

    @Column(name = "sent_at")
    private Instant sentAt;

    @Column(name = "last_error", length = 1000)
    private String lastError;

    protected AlertDelivery() {
    }

    AlertDelivery(long alertId, Channel channel, Event event, Instant now) {
        this.alertId = alertId;
        this.channel = channel;
        this.event = event;
        this.nextAttemptAt = now;
    }

    void sent(Instant at) {
        attempts++;
        status = Status.SENT;
        sentAt = at;
        lastError = null;
    }

    /** A failed attempt: another at {@code next}, or none (FAILED) when {@code next} is null. */
    void failed(String error, Instant next) {
        attempts++;
        lastError = error == null || error.length() <= 1000 ? error : error.substring(0, 1000);
        if (next == null) {
            status = Status.FAILED;
        } else {
            nextAttemptAt = next;
        }
    }

    public Long getId() {
        return id;
    }

    public long getAlertId() {
        return alertId;
    }

    public Channel getChannel() {
        return channel;
    }

    public Event getEvent() {
        return event;
    }

    public Status getStatus() {
        return status;
    }

    public int getAttempts() {
        return attempts;
    }

    public Instant getNextAttemptAt() {
        return nextAttemptAt;
    }

    public Instant getSentAt() {
        return sentAt;
    }

    public String getLastError() {
        return lastError;
    }
}
