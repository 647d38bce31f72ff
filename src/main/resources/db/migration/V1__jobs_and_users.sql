-- Backup job definitions and the users who manage them.
-- Portable SQL: runs unchanged on H2 2.x and PostgreSQL 15 (the tests run both).

CREATE SEQUENCE backup_job_seq START WITH 1 INCREMENT BY 50;

CREATE TABLE backup_job (
    id                    BIGINT        NOT NULL,
    name                  VARCHAR(100)  NOT NULL,
    description           VARCHAR(1000),
    kind                  VARCHAR(16)   NOT NULL,
    source_path           VARCHAR(4096),
    command_args          VARCHAR(300000),
    target_path           VARCHAR(4096) NOT NULL,
    priority              INTEGER       NOT NULL,
    max_retries           INTEGER       NOT NULL,
    max_cpu_percent       INTEGER,
    max_memory_mb         INTEGER,
    max_execution_seconds INTEGER,
    io_priority           INTEGER,
    enabled               BOOLEAN       NOT NULL,
    created_at            TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    updated_at            TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    version               BIGINT        NOT NULL,
    CONSTRAINT pk_backup_job PRIMARY KEY (id),
    CONSTRAINT uk_backup_job_name UNIQUE (name),
    CONSTRAINT ck_backup_job_kind CHECK (kind IN ('DIRECTORY', 'COMMAND')),
    CONSTRAINT ck_backup_job_priority CHECK (priority BETWEEN 1 AND 5),
    CONSTRAINT ck_backup_job_max_retries CHECK (max_retries BETWEEN 0 AND 100),
    CONSTRAINT ck_backup_job_cpu CHECK (max_cpu_percent IS NULL OR max_cpu_percent BETWEEN 1 AND 100),
    CONSTRAINT ck_backup_job_memory CHECK (max_memory_mb IS NULL OR max_memory_mb >= 16),
    CONSTRAINT ck_backup_job_time CHECK (max_execution_seconds IS NULL OR max_execution_seconds >= 1),
    CONSTRAINT ck_backup_job_io CHECK (io_priority IS NULL OR io_priority BETWEEN 0 AND 7)
);

CREATE INDEX ix_backup_job_priority ON backup_job (priority, name);
CREATE INDEX ix_backup_job_updated ON backup_job (updated_at);

CREATE SEQUENCE app_user_seq START WITH 1 INCREMENT BY 50;

CREATE TABLE app_user (
    id            BIGINT       NOT NULL,
    username      VARCHAR(64)  NOT NULL,
    password_hash VARCHAR(512) NOT NULL,
    enabled       BOOLEAN      NOT NULL,
    created_at    TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    updated_at    TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    version       BIGINT       NOT NULL,
    CONSTRAINT pk_app_user PRIMARY KEY (id),
    CONSTRAINT uk_app_user_username UNIQUE (username)
);

CREATE TABLE app_user_role (
    user_id BIGINT      NOT NULL,
    role    VARCHAR(16) NOT NULL,
    CONSTRAINT pk_app_user_role PRIMARY KEY (user_id, role),
    CONSTRAINT fk_app_user_role_user FOREIGN KEY (user_id) REFERENCES app_user (id) ON DELETE CASCADE,
    CONSTRAINT ck_app_user_role CHECK (role IN ('admin', 'operator', 'viewer'))
);
