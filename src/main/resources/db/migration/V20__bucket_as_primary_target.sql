-- A job's bucket may hold its points rather than a copy of them (mode MOVE): each finished archive segment is
-- uploaded and leaves the target directory, which then only stages what is being written and caches manifests and
-- keys. A point written that way says so, so that verify, restore and browsing read it from the bucket.

ALTER TABLE backup_job ADD COLUMN copy_mode VARCHAR(8) DEFAULT 'COPY' NOT NULL;
ALTER TABLE backup_job ADD CONSTRAINT ck_backup_job_copy_mode CHECK (copy_mode IN ('COPY', 'MOVE'));

ALTER TABLE backup_point ADD COLUMN bucket_only BOOLEAN DEFAULT FALSE NOT NULL;
