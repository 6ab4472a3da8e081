-- RFC 9162 leaf hash of each record's stored bytes: SHA-256(0x00 || payload), kept beside them so that proofs and
-- verifiers need not rehash. Existing rows get theirs in the one sanctioned backfill, with the guard lifted for it.
ALTER TABLE audit_records ADD COLUMN leaf_hash bytea;
ALTER TABLE audit_records DISABLE TRIGGER audit_records_no_update_delete;
UPDATE audit_records SET leaf_hash = sha256('\x00'::bytea || payload) WHERE leaf_hash IS NULL;
ALTER TABLE audit_records ENABLE ALWAYS TRIGGER audit_records_no_update_delete;
ALTER TABLE audit_records ALTER COLUMN leaf_hash SET NOT NULL;

-- Roots of the perfect subtrees of 2^level leaves (level >= 8) as the writer completes them: subtree idx covers
-- leaves [idx * 2^level, (idx + 1) * 2^level). Proofs read these instead of rehashing up to the whole log.
CREATE TABLE audit_tree_nodes (
    level smallint NOT NULL,
    idx   bigint   NOT NULL,
    hash  bytea    NOT NULL,
    PRIMARY KEY (level, idx)
);

-- The tree after each committed append: its size, root and compact range (the roots of its perfect subtrees,
-- largest first, concatenated), so that the writer continues from the newest without rehashing the log.
CREATE TABLE audit_tree_heads (
    size       bigint      PRIMARY KEY,
    root_hash  bytea       NOT NULL,
    border     bytea       NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

-- The same guard for the tree's tables; the message now names the table it protects.
CREATE OR REPLACE FUNCTION audit_records_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP;
END
$$;
CREATE TRIGGER audit_tree_nodes_no_update_delete BEFORE UPDATE OR DELETE ON audit_tree_nodes
    FOR EACH ROW EXECUTE FUNCTION audit_records_refuse_change();
CREATE TRIGGER audit_tree_nodes_no_truncate BEFORE TRUNCATE ON audit_tree_nodes
    FOR EACH STATEMENT EXECUTE FUNCTION audit_records_refuse_change();
CREATE TRIGGER audit_tree_heads_no_update_delete BEFORE UPDATE OR DELETE ON audit_tree_heads
    FOR EACH ROW EXECUTE FUNCTION audit_records_refuse_change();
CREATE TRIGGER audit_tree_heads_no_truncate BEFORE TRUNCATE ON audit_tree_heads
    FOR EACH STATEMENT EXECUTE FUNCTION audit_records_refuse_change();
ALTER TABLE audit_tree_nodes ENABLE ALWAYS TRIGGER audit_tree_nodes_no_update_delete;
ALTER TABLE audit_tree_nodes ENABLE ALWAYS TRIGGER audit_tree_nodes_no_truncate;
ALTER TABLE audit_tree_heads ENABLE ALWAYS TRIGGER audit_tree_heads_no_update_delete;
ALTER TABLE audit_tree_heads ENABLE ALWAYS TRIGGER audit_tree_heads_no_truncate;
