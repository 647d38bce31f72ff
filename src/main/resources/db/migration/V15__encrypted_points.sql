-- A DIRECTORY job may encrypt its points: every segment and the manifest are written with the point's own data key
-- (Tink streaming AEAD), kept beside them wrapped by the point keyset. The point remembers that it is encrypted.

ALTER TABLE backup_job ADD COLUMN encrypt BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE backup_point ADD COLUMN encrypted BOOLEAN DEFAULT FALSE NOT NULL;
