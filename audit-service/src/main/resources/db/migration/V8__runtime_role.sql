-- The service connects as its runtime role (${appRole}), which may only read and append. It owns nothing, so it can
-- neither rewrite a record (no UPDATE, DELETE or TRUNCATE privilege) nor lift the guards (ALTER TABLE ... DISABLE
-- TRIGGER needs the owner). Migrations run as the owner. Where one role does both, this grants nothing new.
GRANT SELECT, INSERT ON audit_records, audit_tree_nodes, audit_tree_heads, audit_checkpoints TO "${appRole}";
-- Tables that later migrations add are readable and appendable by it, and no more.
ALTER DEFAULT PRIVILEGES GRANT SELECT, INSERT ON TABLES TO "${appRole}";
