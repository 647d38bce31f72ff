-- Every run of a job as the execution engine saw it: outcome, limits applied and how, resource usage, log.

CREATE SEQUENCE execution_seq START WITH 1 INCREMENT BY 50;

CREATE TABLE execution (
    id                    BIGINT        NOT NULL,
    -- the queue entry may be removed later; the record of the run stays
    queue_entry_id        BIGINT,
    job_id                BIGINT        NOT NULL,
    job_name              VARCHAR(200)  NOT NULL,
    job_kind              VARCHAR(16)   NOT NULL,
    attempt               INTEGER       NOT NULL,
    node                  VARCHAR(100)  NOT NULL,
    status                VARCHAR(16)   NOT NULL,
    step                  VARCHAR(40),
    batch_instance_id     BIGINT,
    batch_execution_id    BIGINT,
    started_at            TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    finished_at           TIMESTAMP(6) WITH TIME ZONE,
    duration_ms           BIGINT,
    exit_code             INTEGER,
    error                 VARCHAR(4000),
    max_cpu_percent       INTEGER,
    max_memory_mb         INTEGER,
    max_execution_seconds INTEGER,
    io_priority           INTEGER,
    max_io_bytes_per_second BIGINT,
    enforcement           VARCHAR(1000),
    cpu_avg_percent       DOUBLE PRECISION,
    cpu_peak_percent      DOUBLE PRECISION,
    peak_rss_mb           DOUBLE PRECISION,
    bytes_read            BIGINT,
    bytes_written         BIGINT,
    log_path              VARCHAR(4096),
    cancel_requested_at   TIMESTAMP(6) WITH TIME ZONE,
    cancel_requested_by   VARCHAR(100),
    created_at            TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    updated_at            TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    version               BIGINT        NOT NULL,
    CONSTRAINT pk_execution PRIMARY KEY (id),
    CONSTRAINT fk_execution_job FOREIGN KEY (job_id) REFERENCES backup_job (id) ON DELETE CASCADE,
    CONSTRAINT fk_execution_entry FOREIGN KEY (queue_entry_id) REFERENCES queue_entry (id) ON DELETE SET NULL,
    CONSTRAINT ck_execution_status CHECK (status IN
        ('RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'CANCELLED', 'REJECTED_LIMIT')),
    CONSTRAINT ck_execution_kind CHECK (job_kind IN ('DIRECTORY', 'COMMAND'))
);

CREATE INDEX ix_execution_started ON execution (started_at, id);
CREATE INDEX ix_execution_job ON execution (job_id, started_at);
CREATE INDEX ix_execution_status ON execution (status, started_at);
CREATE INDEX ix_execution_entry ON execution (queue_entry_id);

-- The executor as a whole: paused (no node starts work) or running, and admission thresholds that override
-- the configured defaults (null: the configured value holds).
CREATE TABLE executor_state (
    id                           INTEGER      NOT NULL,
    paused                       BOOLEAN      NOT NULL,
    changed_at                   TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    changed_by                   VARCHAR(100),
    max_cpu_percent              INTEGER,
    min_free_memory_mb           BIGINT,
    min_free_disk_mb             BIGINT,
    max_disk_io_mb_per_second    BIGINT,
    max_network_mb_per_second    BIGINT,
    CONSTRAINT pk_executor_state PRIMARY KEY (id),
    CONSTRAINT ck_executor_state_single CHECK (id = 1)
);

INSERT INTO executor_state (id, paused, changed_at) VALUES (1, FALSE, CURRENT_TIMESTAMP);

-- an explicit I/O rate for a job's in-JVM work (directory backups), besides the rate its I/O priority implies
ALTER TABLE backup_job ADD COLUMN max_io_bytes_per_second BIGINT;
