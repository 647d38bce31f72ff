-- Job-level dependencies: a job runs after the jobs it depends on (e.g. a database dump before the file backup).
-- A queued run waits for their open entries (queue_dependency) or, when none is open and none succeeded
-- recently, for their next success (queue_job_wait).

CREATE TABLE backup_job_dependency (
    job_id            BIGINT NOT NULL,
    depends_on_job_id BIGINT NOT NULL,
    CONSTRAINT pk_backup_job_dependency PRIMARY KEY (job_id, depends_on_job_id),
    CONSTRAINT fk_backup_job_dependency_job FOREIGN KEY (job_id) REFERENCES backup_job (id) ON DELETE CASCADE,
    CONSTRAINT fk_backup_job_dependency_target FOREIGN KEY (depends_on_job_id) REFERENCES backup_job (id) ON DELETE CASCADE,
    CONSTRAINT ck_backup_job_dependency_self CHECK (job_id <> depends_on_job_id)
);

CREATE INDEX ix_backup_job_dependency_target ON backup_job_dependency (depends_on_job_id);

CREATE TABLE queue_job_wait (
    entry_id BIGINT NOT NULL,
    job_id   BIGINT NOT NULL,
    CONSTRAINT pk_queue_job_wait PRIMARY KEY (entry_id, job_id),
    CONSTRAINT fk_queue_job_wait_entry FOREIGN KEY (entry_id) REFERENCES queue_entry (id) ON DELETE CASCADE,
    CONSTRAINT fk_queue_job_wait_job FOREIGN KEY (job_id) REFERENCES backup_job (id) ON DELETE CASCADE
);

CREATE INDEX ix_queue_job_wait_job ON queue_job_wait (job_id);
