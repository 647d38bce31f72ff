-- A DIRECTORY job may copy each verified point to a second target, an S3-compatible bucket (3-2-1's off-site copy).
-- The job names the bucket and the secret holding its secret key; the copy of each point is a row that says where it
-- went, each object's size and SHA-256 as uploaded, and whether the objects read back matched.

ALTER TABLE backup_job ADD COLUMN copy_endpoint VARCHAR(2000);
ALTER TABLE backup_job ADD COLUMN copy_region VARCHAR(64);
ALTER TABLE backup_job ADD COLUMN copy_bucket VARCHAR(63);
ALTER TABLE backup_job ADD COLUMN copy_prefix VARCHAR(512);
ALTER TABLE backup_job ADD COLUMN copy_path_style BOOLEAN;
ALTER TABLE backup_job ADD COLUMN copy_access_key_id VARCHAR(128);
ALTER TABLE backup_job ADD COLUMN copy_secret_key_secret VARCHAR(100);

CREATE TABLE point_copy (
    point_id     BIGINT         NOT NULL,
    job_id       BIGINT         NOT NULL,
    target       VARCHAR(2700)  NOT NULL,
    status       VARCHAR(16)    NOT NULL,
    objects      VARCHAR(200000),
    object_count INTEGER        NOT NULL,
    bytes        BIGINT         NOT NULL,
    started_at   TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    finished_at  TIMESTAMP(6) WITH TIME ZONE,
    verified_at  TIMESTAMP(6) WITH TIME ZONE,
    error        VARCHAR(4000),
    CONSTRAINT pk_point_copy PRIMARY KEY (point_id),
    CONSTRAINT fk_point_copy_point FOREIGN KEY (point_id) REFERENCES backup_point (id) ON DELETE CASCADE,
    CONSTRAINT ck_point_copy_status CHECK (status IN ('COPYING', 'VERIFIED', 'FAILED'))
);

CREATE INDEX ix_point_copy_job ON point_copy (job_id, started_at);

-- a restore may read the point's copy rather than the point's own files
ALTER TABLE restore_request ADD COLUMN from_copy BOOLEAN DEFAULT FALSE NOT NULL;

-- an alert rule may watch for failed copies
ALTER TABLE alert_rule DROP CONSTRAINT ck_alert_rule_type;
ALTER TABLE alert_rule ADD CONSTRAINT ck_alert_rule_type CHECK (type IN ('DEAD_LETTERED', 'CONSECUTIVE_FAILURES', 'MISSED_FIRE',
    'LOW_DISK', 'SLOW_RUN', 'RESTORE_FAILED', 'RESTORE_UNPROVEN', 'COPY_FAILED'));
