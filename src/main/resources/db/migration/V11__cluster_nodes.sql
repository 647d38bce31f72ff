-- One row per server node that has run against this database: each node refreshes last_seen_at while it runs, so
-- the console can show which nodes are alive and which went silent (a crash) or stopped.

CREATE TABLE cluster_node (
    id           VARCHAR(100)  NOT NULL,
    host         VARCHAR(255)  NOT NULL,
    pid          BIGINT        NOT NULL,
    started_at   TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    last_seen_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    stopped_at   TIMESTAMP(6) WITH TIME ZONE,
    CONSTRAINT pk_cluster_node PRIMARY KEY (id)
);
