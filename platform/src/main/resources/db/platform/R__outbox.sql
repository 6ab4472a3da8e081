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
-- The W3C traceparent of the work that wrote the event (TraceParent): the relay sends the event on in that trace.
ALTER TABLE outbox ADD COLUMN IF NOT EXISTS trace_parent text;
GRANT SELECT, INSERT, DELETE ON outbox TO "${appRole}";

-- Events Kafka refused for good (larger than the broker takes, say): moved here with the reason, so that one of them
-- cannot hold back every event after it. Kept for ops; crier_outbox_refused counts them.
CREATE TABLE IF NOT EXISTS outbox_refused (
    seq        bigint      PRIMARY KEY,
    event_id   text        NOT NULL,
    ce_type    text        NOT NULL,
    source     text        NOT NULL,
    subject    text        NOT NULL,
    event_time timestamptz NOT NULL,
    payload    text        NOT NULL,
    created_at timestamptz NOT NULL,
    reason     text        NOT NULL,
    refused_at timestamptz NOT NULL DEFAULT now()
);
GRANT SELECT, INSERT ON outbox_refused TO "${appRole}";
