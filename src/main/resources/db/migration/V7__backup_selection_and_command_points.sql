-- Directory jobs may back up several sources filtered by globs; command jobs name the exit codes that count as
-- success. Both lists are JSON arrays / comma lists in one column, read and written whole with the job.

ALTER TABLE backup_job ADD COLUMN additional_sources VARCHAR(200000);
ALTER TABLE backup_job ADD COLUMN include_patterns VARCHAR(200000);
ALTER TABLE backup_job ADD COLUMN exclude_patterns VARCHAR(200000);
ALTER TABLE backup_job ADD COLUMN accepted_exit_codes VARCHAR(200);
