-- Shared limits: a named capacity (nas1: 2, db-io: 1) that jobs use; a run of such a job starts only while fewer of
-- the queue's RUNNING entries use the limit than its capacity, counted across the cluster in the claim itself. A
-- unit comes back when its entry stops RUNNING, however the run ended (a killed node's: when its lease is taken back).
CREATE TABLE shared_limit (
    name        VARCHAR(100)  NOT NULL,
    capacity    INTEGER       NOT NULL,
    description VARCHAR(500),
    created_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    updated_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    version     BIGINT        NOT NULL,
    CONSTRAINT pk_shared_limit PRIMARY KEY (name),
    CONSTRAINT ck_shared_limit_capacity CHECK (capacity >= 0 AND capacity <= 10000)
);

CREATE TABLE backup_job_shared_limit (
    job_id     BIGINT       NOT NULL,
    limit_name VARCHAR(100) NOT NULL,
    CONSTRAINT pk_backup_job_shared_limit PRIMARY KEY (job_id, limit_name),
    CONSTRAINT fk_backup_job_shared_limit_job FOREIGN KEY (job_id) REFERENCES backup_job (id) ON DELETE CASCADE,
    CONSTRAINT fk_backup_job_shared_limit_limit FOREIGN KEY (limit_name) REFERENCES shared_limit (name)
);
CREATE INDEX ix_backup_job_shared_limit_name ON backup_job_shared_limit (limit_name);

-- A job may prefer the node of its last successful run (incrementals stay where their data is): other nodes leave
-- its entries alone for backup.placement.prefer-wait-seconds after they became ready.
ALTER TABLE backup_job ADD COLUMN prefer_last_node BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE backup_job ADD COLUMN last_success_node VARCHAR(100);

-- the admission thresholds a node sets over the cluster's (backup.node.admission.*), as it last said at a heartbeat
ALTER TABLE cluster_node ADD COLUMN admission VARCHAR(500);
