-- One database and one role per service on the shared server; no service reads another's tables.
-- Local passwords only: set real ones through the environment in any shared deployment.
CREATE ROLE crier_ingest LOGIN PASSWORD 'crier_ingest';
CREATE DATABASE crier_ingest OWNER crier_ingest;
CREATE ROLE crier_policy LOGIN PASSWORD 'crier_policy';
CREATE DATABASE crier_policy OWNER crier_policy;
CREATE ROLE crier_publish LOGIN PASSWORD 'crier_publish';
CREATE DATABASE crier_publish OWNER crier_publish;
CREATE ROLE crier_audit LOGIN PASSWORD 'crier_audit';
CREATE DATABASE crier_audit OWNER crier_audit;
-- Each service connects as a role that owns nothing; its migrations grant it what it needs (audit: SELECT and
-- INSERT only).
CREATE ROLE crier_ingest_app LOGIN PASSWORD 'crier_ingest_app';
CREATE ROLE crier_policy_app LOGIN PASSWORD 'crier_policy_app';
CREATE ROLE crier_publish_app LOGIN PASSWORD 'crier_publish_app';
CREATE ROLE crier_audit_app LOGIN PASSWORD 'crier_audit_app';
