-- The persistent job queue: entries, their dependencies (a DAG) and every attempt's outcome.

CREATE SEQUENCE queue_entry_seq START WITH 1 INCREMENT BY 50;

CREATE TABLE queue_entry (
    id                    BIGINT       NOT NULL,
    job_id                BIGINT       NOT NULL,
    priority              INTEGER      NOT NULL,
    job_data              VARCHAR(16000),
    status                VARCHAR(16)  NOT NULL,
    scheduled_at          TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    not_before            TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    attempts              INTEGER      NOT NULL,
    attempts_ever         INTEGER      NOT NULL,
    max_attempts          INTEGER      NOT NULL,
    on_dependency_failure VARCHAR(16)  NOT NULL,
    last_error            VARCHAR(4000),
    status_reason         VARCHAR(1000),
    lease_owner           VARCHAR(100),
    lease_expires_at      TIMESTAMP(6) WITH TIME ZONE,
    finished_at           TIMESTAMP(6) WITH TIME ZONE,
    created_at            TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    updated_at            TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    version               BIGINT       NOT NULL,
    CONSTRAINT pk_queue_entry PRIMARY KEY (id),
    CONSTRAINT fk_queue_entry_job FOREIGN KEY (job_id) REFERENCES backup_job (id) ON DELETE CASCADE,
    CONSTRAINT ck_queue_entry_priority CHECK (priority BETWEEN 1 AND 5),
    CONSTRAINT ck_queue_entry_status CHECK (status IN
        ('PENDING', 'READY', 'RUNNING', 'SUCCEEDED', 'RETRY_WAIT', 'DEAD', 'CANCELLED', 'BLOCKED')),
    CONSTRAINT ck_queue_entry_failure CHECK (on_dependency_failure IN ('BLOCK', 'SKIP', 'RUN_ANYWAY')),
    CONSTRAINT ck_queue_entry_attempts CHECK (attempts >= 0 AND attempts_ever >= attempts AND max_attempts >= 1)
);

-- claiming takes claimable work in queue order
CREATE INDEX ix_queue_entry_claim ON queue_entry (status, priority, scheduled_at, id);
CREATE INDEX ix_queue_entry_job ON queue_entry (job_id, status);
CREATE INDEX ix_queue_entry_lease ON queue_entry (status, lease_expires_at);

CREATE TABLE queue_dependency (
    entry_id      BIGINT NOT NULL,
    depends_on_id BIGINT NOT NULL,
    CONSTRAINT pk_queue_dependency PRIMARY KEY (entry_id, depends_on_id),
    CONSTRAINT fk_queue_dependency_entry FOREIGN KEY (entry_id) REFERENCES queue_entry (id) ON DELETE CASCADE,
    CONSTRAINT fk_queue_dependency_target FOREIGN KEY (depends_on_id) REFERENCES queue_entry (id) ON DELETE CASCADE,
    CONSTRAINT ck_queue_dependency_self CHECK (entry_id <> depends_on_id)
);

CREATE INDEX ix_queue_dependency_target ON queue_dependency (depends_on_id);

CREATE SEQUENCE queue_attempt_seq START WITH 1 INCREMENT BY 50;

CREATE TABLE queue_attempt (
    id          BIGINT       NOT NULL,
    entry_id    BIGINT       NOT NULL,
    attempt     INTEGER      NOT NULL,
    node        VARCHAR(100) NOT NULL,
    started_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    finished_at TIMESTAMP(6) WITH TIME ZONE,
    succeeded   BOOLEAN,
    error       VARCHAR(4000),
    CONSTRAINT pk_queue_attempt PRIMARY KEY (id),
    CONSTRAINT fk_queue_attempt_entry FOREIGN KEY (entry_id) REFERENCES queue_entry (id) ON DELETE CASCADE,
    CONSTRAINT uk_queue_attempt UNIQUE (entry_id, attempt)
);
