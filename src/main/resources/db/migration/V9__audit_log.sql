-- Every change made through the API or the console: who, when, to what, before and after (JSON, without secrets).

CREATE SEQUENCE audit_entry_seq START WITH 1 INCREMENT BY 50;

CREATE TABLE audit_entry (
    id          BIGINT        NOT NULL,
    at          TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    actor       VARCHAR(64)   NOT NULL,
    action      VARCHAR(64)   NOT NULL,
    target_type VARCHAR(32)   NOT NULL,
    target_id   VARCHAR(200),
    summary     VARCHAR(1000),
    before_json VARCHAR(1000000),
    after_json  VARCHAR(1000000),
    CONSTRAINT pk_audit_entry PRIMARY KEY (id)
);

CREATE INDEX ix_audit_entry_at ON audit_entry (at);
CREATE INDEX ix_audit_entry_target ON audit_entry (target_type, target_id);
CREATE INDEX ix_audit_entry_actor ON audit_entry (actor, at);
