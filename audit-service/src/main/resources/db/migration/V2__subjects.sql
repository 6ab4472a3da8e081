-- Not every event is about a post: a policy reload's subject is the policy id. The post id stays for post events.
ALTER TABLE audit_records ALTER COLUMN post_id DROP NOT NULL;
ALTER TABLE audit_records ADD COLUMN subject text;
-- Filling the new column for existing rows is the one sanctioned change, made by the migration's owner with the
-- guard lifted for this statement only.
ALTER TABLE audit_records DISABLE TRIGGER audit_records_no_update_delete;
UPDATE audit_records SET subject = post_id::text WHERE subject IS NULL;
ALTER TABLE audit_records ENABLE ALWAYS TRIGGER audit_records_no_update_delete;
