package io.backupscheduler.limit;

import io.backupscheduler.persistence.Timestamped;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A named capacity that runs of the jobs naming it share across every node: at most {@code capacity} at once. */
@Entity
@Table(name = "shared_limit")
public class SharedLimit extends Timestamped {
    @Id
    @Column(length = 100)
    private String name;

    @Column(nullable = false)
    private int capacity;

    @Column(length = 500)
    private String description;

    protected SharedLimit() {
    }

    SharedLimit(String name, int capacity, String description) {
        this.name = name;
        change(capacity, description);
    }

    final void change(int capacity, String description) {
        this.capacity = capacity;
        this.description = description == null || description.isBlank() ? null : description.strip();
    }

    public String getName() {
        return name;
    }

    public int getCapacity() {
        return capacity;
    }

    public String getDescription() {
        return description;
    }
}
