-- The transactional outbox of every service (platform's Outbox writes it in the transaction of the change an event
-- reports; OutboxRelay sends its rows in seq order and deletes them once Kafka acknowledged them).
-- A repeatable migration, run after the service's own ones whenever this file changes: every statement here must
-- be safe to run again.
CREATE TABLE IF NOT EXISTS outbox (
    seq        bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id   text        NOT NULL UNIQUE,
    ce_type    text        NOT NULL,
    source     text        NOT NULL,
    subject    text        NOT NULL,
    event_time timestamptz NOT NULL,
    payload    text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS outbox_subject ON outbox (subject);
GRANT SELECT, INSERT, DELETE ON outbox TO "${appRole}";
