-- Restores run through the queue and the executor like backups. A queue entry and its executions say what the run
-- is for: the job's backup, a restore of one of its points, or a restore drill (a test restore into scratch space
-- whose hashes are compared). A restore's request (which point, which paths, where, what to do with existing
-- files) is kept beside its queue entry.

ALTER TABLE queue_entry ADD COLUMN purpose VARCHAR(16) DEFAULT 'BACKUP' NOT NULL;
ALTER TABLE queue_entry ADD CONSTRAINT ck_queue_entry_purpose CHECK (purpose IN ('BACKUP', 'RESTORE', 'DRILL'));

ALTER TABLE execution ADD COLUMN purpose VARCHAR(16) DEFAULT 'BACKUP' NOT NULL;
ALTER TABLE execution ADD CONSTRAINT ck_execution_purpose CHECK (purpose IN ('BACKUP', 'RESTORE', 'DRILL'));
CREATE INDEX ix_execution_job_purpose ON execution (job_id, purpose, started_at);
-- what a restore or drill wrote: files and bytes (also when it failed or was cancelled part-way)
ALTER TABLE execution ADD COLUMN restored_files BIGINT;
ALTER TABLE execution ADD COLUMN restored_bytes BIGINT;

CREATE TABLE restore_request (
    queue_entry_id BIGINT         NOT NULL,
    point_id       BIGINT         NOT NULL,
    destination    VARCHAR(4096),
    paths          VARCHAR(16000) NOT NULL,
    existing_files VARCHAR(16),
    sample_files   INTEGER,
    requested_by   VARCHAR(100)   NOT NULL,
    requested_at   TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_restore_request PRIMARY KEY (queue_entry_id),
    CONSTRAINT fk_restore_request_entry FOREIGN KEY (queue_entry_id) REFERENCES queue_entry (id) ON DELETE CASCADE,
    CONSTRAINT fk_restore_request_point FOREIGN KEY (point_id) REFERENCES backup_point (id) ON DELETE CASCADE,
    CONSTRAINT ck_restore_request_existing CHECK (existing_files IS NULL OR existing_files IN ('SKIP', 'OVERWRITE', 'KEEP_BOTH')),
    CONSTRAINT ck_restore_request_sample CHECK (sample_files IS NULL OR sample_files >= 1)
);

CREATE INDEX ix_restore_request_point ON restore_request (point_id);

-- a schedule fires the job's backups, or its restore drills (a drill on a calendar, e.g. the first Sunday monthly)
ALTER TABLE schedule ADD COLUMN purpose VARCHAR(16) DEFAULT 'BACKUP' NOT NULL;
ALTER TABLE schedule ADD CONSTRAINT ck_schedule_purpose CHECK (purpose IN ('BACKUP', 'DRILL'));

-- a job's restore drill: every N days, restore the latest point (or a sample of its files) to scratch and compare
ALTER TABLE backup_job ADD COLUMN drill_every_days INTEGER;
ALTER TABLE backup_job ADD COLUMN drill_sample_files INTEGER;
ALTER TABLE backup_job ADD CONSTRAINT ck_backup_job_drill CHECK (drill_every_days IS NULL OR drill_every_days BETWEEN 1 AND 365);
ALTER TABLE backup_job ADD CONSTRAINT ck_backup_job_drill_sample CHECK (drill_sample_files IS NULL OR drill_sample_files >= 1);

ALTER TABLE alert_rule DROP CONSTRAINT ck_alert_rule_type;
ALTER TABLE alert_rule ADD CONSTRAINT ck_alert_rule_type CHECK (type IN ('DEAD_LETTERED', 'CONSECUTIVE_FAILURES', 'MISSED_FIRE',
    'LOW_DISK', 'SLOW_RUN', 'RESTORE_FAILED', 'RESTORE_UNPROVEN'));
