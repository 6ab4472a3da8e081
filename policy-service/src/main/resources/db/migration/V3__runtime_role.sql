-- The service connects as its runtime role (${appRole}): it reads and writes rows but owns nothing, so neither the
-- service nor whoever took it over can change the schema, drop a table or lift a constraint. Migrations run as the
-- owner. Where one role does both, this grants nothing new.
GRANT SELECT, INSERT, UPDATE, DELETE ON decisions, processed_events, reviews, review_history, review_outbox TO "${appRole}";
-- Tables that later migrations add get the same, and no more.
ALTER DEFAULT PRIVILEGES GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO "${appRole}";
