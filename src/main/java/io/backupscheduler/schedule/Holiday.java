package io.backupscheduler.schedule;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.time.LocalDate;
import java.util.Objects;

/** A day off in a business calendar: once on its date, or every year on its month and day. */
@Embeddable
public class Holiday implements java.io.Serializable {
    @Column(name = "holiday_date", nullable = false)
    private LocalDate date;

    @Column(nullable = false)
    private boolean yearly;

    @Column(length = 200)
    private String name;

    protected Holiday() {
    }

    public Holiday(LocalDate date, boolean yearly, String name) {
        this.date = Objects.requireNonNull(date, "date");
        this.yearly = yearly;
        this.name = name;
    }

    public LocalDate getDate() {
        return date;
    }

    public boolean isYearly() {
        return yearly;
    }

    public String getName() {
        return name;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Holiday h && h.date.equals(date) && h.yearly == yearly;
    }

    @Override
    public int hashCode() {
        return Objects.hash(date, yearly);
    }
}
