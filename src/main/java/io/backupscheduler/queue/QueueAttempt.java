package io.backupscheduler.queue;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/** One attempt of a queue entry: who ran it, when, and how it ended. Dead letters keep them all. */
@Entity
@Table(name = "queue_attempt")
public class QueueAttempt {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "queue_attempt_seq")
    @SequenceGenerator(name = "queue_attempt_seq", sequenceName = "queue_attempt_seq", allocationSize = 50)
    private Long id;

    @Column(name = "entry_id", nullable = false)
    private long entryId;

    @Column(nullable = false)
    private int attempt;

    @Column(nullable = false, length = 100)
    private String node;

    @Column(name = "started_at", nullable = false)
    private Instant startedAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    private Boolean succeeded;

    @Column(length = 4000)
    private String error;

    protected QueueAttempt() {
    }

    QueueAttempt(long entryId, int attempt, String node, Instant startedAt) {
        this.entryId = entryId;
        this.attempt = attempt;
        this.node = node;
        this.startedAt = startedAt;
    }

    public long getEntryId() {
        return entryId;
    }

    public int getAttempt() {
        return attempt;
    }

    public String getNode() {
        return node;
    }

    public Instant getStartedAt() {
        return startedAt;
    }

    public Instant getFinishedAt() {
        return finishedAt;
    }

    public Boolean getSucceeded() {
        return succeeded;
    }

    public String getError() {
        return error;
    }
}
