-- RESTIC jobs back their sources up with restic into a restic repository: the repository, the secret holding its
-- password (a secret in use cannot be deleted), whether the first run may create it, extra options from a fixed
-- list, and how much data restic check reads. Each successful run is a backup point of kind RESTIC naming its
-- snapshot.

ALTER TABLE backup_job ADD COLUMN restic_repository VARCHAR(4096);
ALTER TABLE backup_job ADD COLUMN restic_password_secret VARCHAR(100);
ALTER TABLE backup_job ADD COLUMN restic_initialize BOOLEAN;
ALTER TABLE backup_job ADD COLUMN restic_options VARCHAR(4000);
ALTER TABLE backup_job ADD COLUMN restic_check_subset VARCHAR(20);
ALTER TABLE backup_job ADD CONSTRAINT fk_backup_job_restic_secret FOREIGN KEY (restic_password_secret) REFERENCES secret (name);
ALTER TABLE backup_job DROP CONSTRAINT ck_backup_job_kind;
ALTER TABLE backup_job ADD CONSTRAINT ck_backup_job_kind CHECK (kind IN ('DIRECTORY', 'COMMAND', 'RESTIC'));

ALTER TABLE execution DROP CONSTRAINT ck_execution_kind;
ALTER TABLE execution ADD CONSTRAINT ck_execution_kind CHECK (job_kind IN ('DIRECTORY', 'COMMAND', 'RESTIC'));

ALTER TABLE backup_point ADD COLUMN snapshot_id VARCHAR(64);
ALTER TABLE backup_point DROP CONSTRAINT ck_backup_point_kind;
ALTER TABLE backup_point ADD CONSTRAINT ck_backup_point_kind CHECK (kind IN ('FULL', 'INCREMENTAL', 'COMMAND', 'RESTIC'));
