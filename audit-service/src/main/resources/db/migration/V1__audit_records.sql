-- One record per event of the pipeline, in the order received. idx is gapless (0, 1, 2, ...), assigned by the
-- writer inside the inserting transaction, never by a sequence (a rolled-back sequence value leaves a gap).
CREATE TABLE audit_records (
    idx         bigint      PRIMARY KEY,
    event_id    text        NOT NULL UNIQUE,
    ce_type     text        NOT NULL,
    topic       text        NOT NULL,
    post_id     uuid        NOT NULL,
    source      text        NOT NULL,
    event_time  timestamptz NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now(),
    -- the exact bytes of the record's value, as received: what the ledger's hashes will cover
    payload     bytea       NOT NULL
);
CREATE INDEX audit_records_post ON audit_records (post_id, idx);

-- History is not rewritten: UPDATE, DELETE and TRUNCATE are refused. ENABLE ALWAYS keeps the triggers firing
-- even in sessions with session_replication_role = replica, which skip ordinary triggers.
CREATE FUNCTION audit_records_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_records is append-only: % refused', TG_OP;
END
$$;
CREATE TRIGGER audit_records_no_update_delete BEFORE UPDATE OR DELETE ON audit_records
    FOR EACH ROW EXECUTE FUNCTION audit_records_refuse_change();
CREATE TRIGGER audit_records_no_truncate BEFORE TRUNCATE ON audit_records
    FOR EACH STATEMENT EXECUTE FUNCTION audit_records_refuse_change();
ALTER TABLE audit_records ENABLE ALWAYS TRIGGER audit_records_no_update_delete;
ALTER TABLE audit_records ENABLE ALWAYS TRIGGER audit_records_no_truncate;
