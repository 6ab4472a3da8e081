-- Drafts as ingest knows them: who sent each, its idempotency key, and the status the pipeline reports.
CREATE TABLE drafts (
    id              uuid        PRIMARY KEY,
    caller          text        NOT NULL,
    idempotency_key text,
    request_hash    text        NOT NULL,
    external_id     text,
    -- false until Kafka acknowledged the drafts.submitted event; such a draft is invisible to readers
    accepted        boolean     NOT NULL DEFAULT false,
    status          text        NOT NULL DEFAULT 'SUBMITTED',
    status_rank     int         NOT NULL DEFAULT 0,
    decision        jsonb,
    publish_results jsonb,
    submitted_at    timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (caller, idempotency_key)
);

-- Event ids already applied: a redelivered event changes nothing.
CREATE TABLE processed_events (
    event_id    text        PRIMARY KEY,
    applied_at  timestamptz NOT NULL DEFAULT now()
);
