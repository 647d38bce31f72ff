-- Named secrets (restic passwords, object-storage keys, mail and webhook passwords), encrypted at rest with the
-- application's keyset (Tink AEAD, AES-256-GCM; the name is the associated data, so a value cannot be moved to
-- another name). Values are never returned by the API or the console.

CREATE TABLE secret (
    name        VARCHAR(100)  NOT NULL,
    ciphertext  VARCHAR(12000) NOT NULL,
    created_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    updated_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    updated_by  VARCHAR(100)  NOT NULL,
    version     BIGINT        NOT NULL,
    CONSTRAINT pk_secret PRIMARY KEY (name)
);
