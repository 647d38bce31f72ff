-- Jobs run where their data is: each node declares labels (backup.node.labels, e.g. host=db1,zone=eu) and a job may
-- name labels the node that runs it must have, all of them. A node claims only entries whose job's labels it has.
ALTER TABLE cluster_node ADD COLUMN labels VARCHAR(2000);
-- an operator's drain (cordon): the node takes no new work and finishes what it runs; kept across its restarts
ALTER TABLE cluster_node ADD COLUMN drained BOOLEAN DEFAULT FALSE NOT NULL;

CREATE TABLE backup_job_placement (
    job_id BIGINT       NOT NULL,
    label  VARCHAR(200) NOT NULL,
    CONSTRAINT pk_backup_job_placement PRIMARY KEY (job_id, label),
    CONSTRAINT fk_backup_job_placement_job FOREIGN KEY (job_id) REFERENCES backup_job (id) ON DELETE CASCADE
);

-- an alert rule for runs that wait too long to start (a placement no live node satisfies, drained or full nodes)
ALTER TABLE alert_rule DROP CONSTRAINT ck_alert_rule_type;
ALTER TABLE alert_rule ADD CONSTRAINT ck_alert_rule_type CHECK (type IN ('DEAD_LETTERED', 'CONSECUTIVE_FAILURES', 'MISSED_FIRE',
    'LOW_DISK', 'SLOW_RUN', 'RESTORE_FAILED', 'RESTORE_UNPROVEN', 'COPY_FAILED', 'RUN_WAITING'));
