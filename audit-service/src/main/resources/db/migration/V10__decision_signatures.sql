-- Whether each decision's signature verified when the audit received it (checked on the event as it arrived, before
-- masking): 'verified', 'unsigned', 'unknown-key' or 'failed: <reason>'; null for events that are not decisions.
-- Written with the record, never updated: the runtime role may only INSERT and SELECT (V8).
ALTER TABLE audit_records ADD COLUMN signature_check text;
