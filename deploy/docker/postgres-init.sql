-- One database and one role per service on the shared server; no service reads another's tables.
-- The passwords come from the container's environment (deploy/docker/setup makes them, in .env), read with psql's
-- \getenv so that none is written here; a missing one leaves :'name' unexpanded and the script stops.
\getenv ingest_owner CRIER_DB_OWNER_PASSWORD_INGEST
\getenv policy_owner CRIER_DB_OWNER_PASSWORD_POLICY
\getenv publish_owner CRIER_DB_OWNER_PASSWORD_PUBLISH
\getenv audit_owner CRIER_DB_OWNER_PASSWORD_AUDIT
\getenv ingest_app CRIER_DB_APP_PASSWORD_INGEST
\getenv policy_app CRIER_DB_APP_PASSWORD_POLICY
\getenv publish_app CRIER_DB_APP_PASSWORD_PUBLISH
\getenv audit_app CRIER_DB_APP_PASSWORD_AUDIT
CREATE ROLE crier_ingest LOGIN PASSWORD :'ingest_owner';
CREATE DATABASE crier_ingest OWNER crier_ingest;
CREATE ROLE crier_policy LOGIN PASSWORD :'policy_owner';
CREATE DATABASE crier_policy OWNER crier_policy;
CREATE ROLE crier_publish LOGIN PASSWORD :'publish_owner';
CREATE DATABASE crier_publish OWNER crier_publish;
CREATE ROLE crier_audit LOGIN PASSWORD :'audit_owner';
CREATE DATABASE crier_audit OWNER crier_audit;
-- Each service connects as a role that owns nothing; its migrations grant it what it needs (audit: SELECT and
-- INSERT only).
CREATE ROLE crier_ingest_app LOGIN PASSWORD :'ingest_app';
CREATE ROLE crier_policy_app LOGIN PASSWORD :'policy_app';
CREATE ROLE crier_publish_app LOGIN PASSWORD :'publish_app';
CREATE ROLE crier_audit_app LOGIN PASSWORD :'audit_app';
