package io.backupscheduler.schedule;

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

/** One fire of a schedule and what became of it: the history behind "did my backup run, and if not, why". */
@Entity
@Table(name = "schedule_fire")
public class ScheduleFire {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "schedule_fire_seq")
    @SequenceGenerator(name = "schedule_fire_seq", sequenceName = "schedule_fire_seq", allocationSize = 50)
    private Long id;

    @Column(name = "schedule_id", nullable = false)
    private long scheduleId;

    @Column(name = "due_at", nullable = false)
    private Instant dueAt;

    @Column(name = "fired_at", nullable = false)
    private Instant firedAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 24)
    private FireOutcome outcome;

    @Column(name = "entry_id")
    private Long entryId;

    @Column(nullable = false, length = 100)
    private String node;

    @Column(length = 1000)
    private String note;

    protected ScheduleFire() {
    }

    ScheduleFire(long scheduleId, Instant dueAt, Instant firedAt, FireOutcome outcome, Long entryId, String node, String note) {
        this.scheduleId = scheduleId;
        this.dueAt = dueAt;
        this.firedAt = firedAt;
        this.outcome = outcome;
        this.entryId = entryId;
        this.node = node;
        this.note = note == null || note.length() <= 1000 ? note : note.substring(0, 1000);
    }

    public Long getId() {
        return id;
    }

    public long getScheduleId() {
        return scheduleId;
    }

    public Instant getDueAt() {
        return dueAt;
    }

    public Instant getFiredAt() {
        return firedAt;
    }

    public FireOutcome getOutcome() {
        return outcome;
    }

    public Long getEntryId() {
        return entryId;
    }

    public String getNode() {
        return node;
    }

    public String getNote() {
        return note;
    }
}
