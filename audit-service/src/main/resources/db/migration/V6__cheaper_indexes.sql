-- Cheaper indexes for the append path (every index is written for every record):
-- * received_at only grows with idx (one writer, stamped at append), so a BRIN index, a few bytes per 128 pages,
--   finds a time range as well as a B-tree did;
-- * decisions and rule findings are on a few records only (posts.decided and its routes): partial indexes skip the
--   rest. RecordSearch repeats each partial index's condition so that the planner can use it.
DROP INDEX audit_records_received;
CREATE INDEX audit_records_received ON audit_records USING brin (received_at);
DROP INDEX audit_records_decision;
CREATE INDEX audit_records_decision ON audit_records (decision, idx) WHERE decision IS NOT NULL;
DROP INDEX audit_records_rules;
CREATE INDEX audit_records_rules ON audit_records USING gin (rule_ids) WHERE rule_ids <> '{}';
