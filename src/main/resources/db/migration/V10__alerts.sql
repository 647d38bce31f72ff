-- Alert rules, the incidents they raised (one open incident per rule and subject) and each notification to send.

CREATE SEQUENCE alert_rule_seq START WITH 1 INCREMENT BY 50;
CREATE SEQUENCE alert_seq START WITH 1 INCREMENT BY 50;
CREATE SEQUENCE alert_delivery_seq START WITH 1 INCREMENT BY 50;

CREATE TABLE alert_rule (
    id              BIGINT        NOT NULL,
    name            VARCHAR(100)  NOT NULL,
    type            VARCHAR(32)   NOT NULL,
    job_id          BIGINT,
    threshold       DOUBLE PRECISION,
    webhook_url     VARCHAR(2000),
    email_to        VARCHAR(2000),
    notify_resolved BOOLEAN       NOT NULL,
    enabled         BOOLEAN       NOT NULL,
    created_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    version         BIGINT        NOT NULL,
    CONSTRAINT pk_alert_rule PRIMARY KEY (id),
    CONSTRAINT uq_alert_rule_name UNIQUE (name),
    CONSTRAINT fk_alert_rule_job FOREIGN KEY (job_id) REFERENCES backup_job (id) ON DELETE CASCADE,
    CONSTRAINT ck_alert_rule_type CHECK (type IN ('DEAD_LETTERED', 'CONSECUTIVE_FAILURES', 'MISSED_FIRE', 'LOW_DISK', 'SLOW_RUN'))
);

CREATE TABLE alert (
    id            BIGINT        NOT NULL,
    rule_id       BIGINT        NOT NULL,
    subject       VARCHAR(200)  NOT NULL,
    subject_label VARCHAR(300)  NOT NULL,
    message       VARCHAR(2000) NOT NULL,
    opened_at     TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    resolved_at   TIMESTAMP(6) WITH TIME ZONE,
    CONSTRAINT pk_alert PRIMARY KEY (id),
    CONSTRAINT fk_alert_rule FOREIGN KEY (rule_id) REFERENCES alert_rule (id) ON DELETE CASCADE
);

CREATE INDEX ix_alert_open ON alert (rule_id, resolved_at, subject);
CREATE INDEX ix_alert_opened ON alert (opened_at, id);

CREATE TABLE alert_delivery (
    id              BIGINT        NOT NULL,
    alert_id        BIGINT        NOT NULL,
    channel         VARCHAR(16)   NOT NULL,
    event           VARCHAR(16)   NOT NULL,
    status          VARCHAR(16)   NOT NULL,
    attempts        INTEGER       NOT NULL,
    next_attempt_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    sent_at         TIMESTAMP(6) WITH TIME ZONE,
    last_error      VARCHAR(1000),
    CONSTRAINT pk_alert_delivery PRIMARY KEY (id),
    CONSTRAINT fk_alert_delivery_alert FOREIGN KEY (alert_id) REFERENCES alert (id) ON DELETE CASCADE,
    CONSTRAINT ck_alert_delivery_channel CHECK (channel IN ('WEBHOOK', 'EMAIL')),
    CONSTRAINT ck_alert_delivery_event CHECK (event IN ('FIRING', 'RESOLVED')),
    CONSTRAINT ck_alert_delivery_status CHECK (status IN ('PENDING', 'SENT', 'FAILED'))
);

CREATE INDEX ix_alert_delivery_due ON alert_delivery (status, next_attempt_at);
CREATE INDEX ix_alert_delivery_alert ON alert_delivery (alert_id);
