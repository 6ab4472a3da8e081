-- Not every event is about a post: a policy reload's subject is the policy id. The post id stays for post events.
ALTER TABLE audit_records ALTER COLUMN post_id DROP NOT NULL;
ALTER TABLE audit_records ADD COLUMN subject text;
UPDATE audit_records SET subject = post_id::text WHERE subject IS NULL;
