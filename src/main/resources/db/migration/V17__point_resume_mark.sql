-- a directory point being written keeps its last checkpoint (reader position and finished segments) on its row, so a
-- later attempt of the same queue entry resumes it even when the batch execution that wrote it cannot be restarted
-- (its node was killed and another took the entry over)
ALTER TABLE backup_point ADD COLUMN resume_mark VARCHAR(5000);
