package io.backupscheduler.schedule;

import io.backupscheduler.persistence.Timestamped;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/**
 * An inbound webhook: callers POST to {@code /api/v1/webhooks/{name}} and sign the body with the secret. The
 * secret is shown once, when the webhook is created, and never returned again.
 */
@Entity
@Table(name = "webhook")
public class Webhook extends Timestamped {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "webhook_seq")
    @SequenceGenerator(name = "webhook_seq", sequenceName = "webhook_seq", allocationSize = 50)
    private Long id;

    @Column(nullable = false, length = 100, unique = true)
    private String name;

    @Column(nullable = false, length = 200)
    private String secret;

    protected Webhook() {
    }

    Webhook(String name, String secret) {
        this.name = name;
        this.secret = secret;
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    String secret() {
        return secret;
    }
}
