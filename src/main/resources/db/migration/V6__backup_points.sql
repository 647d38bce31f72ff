-- Every backup a DIRECTORY job wrote: its archive and manifest in the job's target, what it holds, whether it
-- was verified. An incremental point names the point before it; restoring it reads that chain back to a full.

CREATE SEQUENCE backup_point_seq START WITH 1 INCREMENT BY 50;

CREATE TABLE backup_point (
    id                 BIGINT        NOT NULL,
    job_id             BIGINT        NOT NULL,
    execution_id       BIGINT,
    kind               VARCHAR(16)   NOT NULL,
    base_point_id      BIGINT,
    status             VARCHAR(16)   NOT NULL,
    archive_path       VARCHAR(4096) NOT NULL,
    manifest_path      VARCHAR(4096) NOT NULL,
    file_count         BIGINT,
    files_stored       BIGINT,
    bytes_total        BIGINT,
    bytes_stored       BIGINT,
    archive_bytes      BIGINT,
    deleted_count      INTEGER,
    changed_while_read INTEGER,
    started_at         TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    finished_at        TIMESTAMP(6) WITH TIME ZONE,
    duration_ms        BIGINT,
    verify_error       VARCHAR(4000),
    created_at         TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    updated_at         TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    version            BIGINT        NOT NULL,
    CONSTRAINT pk_backup_point PRIMARY KEY (id),
    CONSTRAINT fk_backup_point_job FOREIGN KEY (job_id) REFERENCES backup_job (id) ON DELETE CASCADE,
    CONSTRAINT fk_backup_point_execution FOREIGN KEY (execution_id) REFERENCES execution (id) ON DELETE SET NULL,
    CONSTRAINT fk_backup_point_base FOREIGN KEY (base_point_id) REFERENCES backup_point (id),
    CONSTRAINT ck_backup_point_kind CHECK (kind IN ('FULL', 'INCREMENTAL')),
    CONSTRAINT ck_backup_point_status CHECK (status IN ('WRITING', 'WRITTEN', 'VERIFIED', 'FAILED'))
);

CREATE INDEX ix_backup_point_job ON backup_point (job_id, started_at);
CREATE INDEX ix_backup_point_execution ON backup_point (execution_id);

-- a DIRECTORY job's retention of its backup points (null: that rule is off; all null: keep every point)
ALTER TABLE backup_job ADD COLUMN keep_last INTEGER;
ALTER TABLE backup_job ADD COLUMN keep_daily INTEGER;
ALTER TABLE backup_job ADD COLUMN keep_weekly INTEGER;
ALTER TABLE backup_job ADD COLUMN keep_monthly INTEGER;
ALTER TABLE backup_job ADD COLUMN max_age_days INTEGER;
