-- Schedules fire runs of jobs into the queue; business calendars say which days count; every fire (queued or
-- skipped, and why) is recorded; the scheduler as a whole can be switched off, and that survives restarts.

CREATE SEQUENCE business_calendar_seq START WITH 1 INCREMENT BY 50;

CREATE TABLE business_calendar (
    id           BIGINT        NOT NULL,
    name         VARCHAR(100)  NOT NULL,
    description  VARCHAR(1000),
    zone         VARCHAR(64)   NOT NULL,
    weekend_days VARCHAR(100)  NOT NULL,
    created_at   TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    updated_at   TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    version      BIGINT        NOT NULL,
    CONSTRAINT pk_business_calendar PRIMARY KEY (id),
    CONSTRAINT uq_business_calendar_name UNIQUE (name)
);

-- a one-off holiday has its date; a yearly one repeats on its month and day (the year part is ignored)
CREATE TABLE calendar_holiday (
    calendar_id  BIGINT       NOT NULL,
    holiday_date DATE         NOT NULL,
    yearly       BOOLEAN      NOT NULL,
    name         VARCHAR(200),
    CONSTRAINT pk_calendar_holiday PRIMARY KEY (calendar_id, holiday_date, yearly),
    CONSTRAINT fk_calendar_holiday_calendar FOREIGN KEY (calendar_id) REFERENCES business_calendar (id) ON DELETE CASCADE
);

CREATE SEQUENCE schedule_seq START WITH 1 INCREMENT BY 50;

CREATE TABLE schedule (
    id                        BIGINT        NOT NULL,
    name                      VARCHAR(100)  NOT NULL,
    job_id                    BIGINT        NOT NULL,
    type                      VARCHAR(16)   NOT NULL,
    expression                VARCHAR(200),
    time_of_day               VARCHAR(5),
    last_business_day         BOOLEAN       NOT NULL,
    day_filter                VARCHAR(24)   NOT NULL,
    zone                      VARCHAR(64)   NOT NULL,
    calendar_id               BIGINT,
    priority                  INTEGER,
    job_data                  VARCHAR(16000),
    enabled                   BOOLEAN       NOT NULL,
    misfire_policy            VARCHAR(16)   NOT NULL,
    misfire_limit             INTEGER       NOT NULL,
    starting_deadline_seconds BIGINT,
    overlap_policy            VARCHAR(16)   NOT NULL,
    event_type                VARCHAR(16),
    event_source              VARCHAR(4096),
    next_fire_at              TIMESTAMP(6) WITH TIME ZONE,
    last_fire_at              TIMESTAMP(6) WITH TIME ZONE,
    created_at                TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    updated_at                TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    version                   BIGINT        NOT NULL,
    CONSTRAINT pk_schedule PRIMARY KEY (id),
    CONSTRAINT uq_schedule_name UNIQUE (name),
    CONSTRAINT fk_schedule_job FOREIGN KEY (job_id) REFERENCES backup_job (id) ON DELETE CASCADE,
    CONSTRAINT fk_schedule_calendar FOREIGN KEY (calendar_id) REFERENCES business_calendar (id),
    CONSTRAINT ck_schedule_type CHECK (type IN ('CRON', 'BUSINESS_DAYS', 'MONTH_END', 'QUARTER_END', 'EVENT')),
    CONSTRAINT ck_schedule_priority CHECK (priority IS NULL OR priority BETWEEN 1 AND 5),
    CONSTRAINT ck_schedule_misfire CHECK (misfire_policy IN ('FIRE_ONCE', 'SKIP', 'FIRE_ALL')),
    CONSTRAINT ck_schedule_overlap CHECK (overlap_policy IN ('ALLOW', 'FORBID', 'REPLACE'))
);

-- firing looks for the earliest due enabled schedules
CREATE INDEX ix_schedule_due ON schedule (enabled, next_fire_at);
CREATE INDEX ix_schedule_job ON schedule (job_id);
CREATE INDEX ix_schedule_event ON schedule (event_type, enabled);

CREATE SEQUENCE schedule_fire_seq START WITH 1 INCREMENT BY 50;

CREATE TABLE schedule_fire (
    id          BIGINT       NOT NULL,
    schedule_id BIGINT       NOT NULL,
    due_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    fired_at    TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    outcome     VARCHAR(24)  NOT NULL,
    entry_id    BIGINT,
    node        VARCHAR(100) NOT NULL,
    note        VARCHAR(1000),
    CONSTRAINT pk_schedule_fire PRIMARY KEY (id),
    CONSTRAINT fk_schedule_fire_schedule FOREIGN KEY (schedule_id) REFERENCES schedule (id) ON DELETE CASCADE,
    CONSTRAINT ck_schedule_fire_outcome CHECK (outcome IN ('QUEUED', 'SKIPPED_OVERLAP', 'SKIPPED_MISFIRE', 'REPLACED'))
);

CREATE INDEX ix_schedule_fire_schedule ON schedule_fire (schedule_id, fired_at);

-- the run a schedule queued: what overlap policies look at
ALTER TABLE queue_entry ADD COLUMN schedule_id BIGINT;
ALTER TABLE queue_entry ADD CONSTRAINT fk_queue_entry_schedule FOREIGN KEY (schedule_id) REFERENCES schedule (id) ON DELETE SET NULL;
CREATE INDEX ix_queue_entry_schedule ON queue_entry (schedule_id, status);

CREATE TABLE scheduler_state (
    id         INTEGER      NOT NULL,
    enabled    BOOLEAN      NOT NULL,
    changed_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    changed_by VARCHAR(100),
    CONSTRAINT pk_scheduler_state PRIMARY KEY (id),
    CONSTRAINT ck_scheduler_state_single CHECK (id = 1)
);

INSERT INTO scheduler_state (id, enabled, changed_at, changed_by) VALUES (1, TRUE, CURRENT_TIMESTAMP, NULL);

CREATE SEQUENCE webhook_seq START WITH 1 INCREMENT BY 50;

-- inbound webhooks: a name in the URL and the secret its callers sign bodies with (HMAC-SHA256)
CREATE TABLE webhook (
    id         BIGINT       NOT NULL,
    name       VARCHAR(100) NOT NULL,
    secret     VARCHAR(200) NOT NULL,
    created_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    updated_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    version    BIGINT       NOT NULL,
    CONSTRAINT pk_webhook PRIMARY KEY (id),
    CONSTRAINT uq_webhook_name UNIQUE (name)
);
