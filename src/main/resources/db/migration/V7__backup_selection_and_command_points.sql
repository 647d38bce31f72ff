-- Directory jobs may back up several sources filtered by globs; command jobs name the exit codes that count as
-- success. Both lists are JSON arrays / comma lists in one column, read and written whole with the job.

ALTER TABLE backup_job ADD COLUMN additional_sources VARCHAR(200000);
ALTER TABLE backup_job ADD COLUMN include_patterns VARCHAR(200000);
ALTER TABLE backup_job ADD COLUMN exclude_patterns VARCHAR(200000);
ALTER TABLE backup_job ADD COLUMN accepted_exit_codes VARCHAR(200);

-- A COMMAND point lists the files a command job's tool wrote into its target.
ALTER TABLE backup_point DROP CONSTRAINT ck_backup_point_kind;
ALTER TABLE backup_point ADD CONSTRAINT ck_backup_point_kind CHECK (kind IN ('FULL', 'INCREMENTAL', 'COMMAND'));

-- A directory point is written in segments, one per checkpoint, so that a stopped backup resumes; null: one.
ALTER TABLE backup_point ADD COLUMN archive_segments INTEGER;
