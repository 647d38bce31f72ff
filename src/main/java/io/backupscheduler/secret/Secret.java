package io.backupscheduler.secret;

import io.backupscheduler.persistence.Timestamped;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A named secret as stored: its value only as ciphertext, and who changed it last. */
@Entity
@Table(name = "secret")
public class Secret extends Timestamped {
    @Id
    @Column(length = 100)
    private String name;

    @Column(nullable = false, length = 12000)
    private String ciphertext;

    @Column(name = "updated_by", nullable = false, length = 100)
    private String updatedBy;

    protected Secret() {
    }

    Secret(String name, String ciphertext, String updatedBy) {
        this.name = name;
        this.ciphertext = ciphertext;
        this.updatedBy = updatedBy;
    }

    void change(String ciphertext, String by) {
        this.ciphertext = ciphertext;
        this.updatedBy = by;
    }

    void reencrypted(String ciphertext) {
        this.ciphertext = ciphertext;
    }

    public String getName() {
        return name;
    }

    String getCiphertext() {
        return ciphertext;
    }

    public String getUpdatedBy() {
        return updatedBy;
    }

    @Override
    public String toString() {
        return "Secret[" + name + "]"; // never the ciphertext, let alone the value
    }
}
