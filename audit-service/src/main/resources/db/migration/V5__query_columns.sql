-- What auditors filter on, taken from each record's stored (already masked) payload when it is appended, so that
-- queries use indexes instead of parsing JSON. Existing rows get theirs in the sanctioned backfill.
ALTER TABLE audit_records ADD COLUMN author_id text;
ALTER TABLE audit_records ADD COLUMN department text;
ALTER TABLE audit_records ADD COLUMN decision text;
ALTER TABLE audit_records ADD COLUMN rule_ids text[] NOT NULL DEFAULT '{}';
ALTER TABLE audit_records ADD COLUMN platforms text[] NOT NULL DEFAULT '{}';

ALTER TABLE audit_records DISABLE TRIGGER audit_records_no_update_delete;
UPDATE audit_records r SET
    author_id  = j -> 'draft' -> 'author' ->> 'id',
    department = j -> 'draft' -> 'author' ->> 'department',
    decision   = j ->> 'decision',
    rule_ids   = coalesce(ARRAY(SELECT DISTINCT f ->> 'ruleId' FROM jsonb_array_elements(
                     CASE WHEN jsonb_typeof(j -> 'findings') = 'array' THEN j -> 'findings' ELSE '[]' END) f
                     WHERE f ->> 'ruleId' IS NOT NULL), '{}'),
    platforms  = coalesce(ARRAY(SELECT DISTINCT p FROM (
                     SELECT jsonb_array_elements_text(CASE WHEN jsonb_typeof(j -> 'draft' -> 'platforms') = 'array'
                         THEN j -> 'draft' -> 'platforms' ELSE '[]' END) p
                     UNION SELECT x ->> 'platform' FROM jsonb_array_elements(
                         CASE WHEN jsonb_typeof(j -> 'results') = 'array' THEN j -> 'results' ELSE '[]' END) x) ps
                     WHERE p IS NOT NULL), '{}')
FROM (SELECT idx, convert_from(payload, 'UTF8')::jsonb AS j FROM audit_records) AS parsed
WHERE parsed.idx = r.idx;
ALTER TABLE audit_records ENABLE ALWAYS TRIGGER audit_records_no_update_delete;

CREATE INDEX audit_records_received ON audit_records (received_at, idx);
CREATE INDEX audit_records_type ON audit_records (ce_type, idx);
CREATE INDEX audit_records_author ON audit_records (author_id, idx);
CREATE INDEX audit_records_department ON audit_records (department, idx);
CREATE INDEX audit_records_decision ON audit_records (decision, idx);
CREATE INDEX audit_records_rules ON audit_records USING gin (rule_ids);
CREATE INDEX audit_records_platforms ON audit_records USING gin (platforms);
