-- What ops did with each dead-lettered record at the dead-letter desk: replayed it to its topic or discarded it, once.
-- The runtime role may only read and append (V8's default privileges), so an action is never rewritten; the event
-- that announces it is written to the outbox in the same transaction, and the ledger records that event.
CREATE TABLE dead_letter_actions (
    dead_letter_topic text        NOT NULL,
    dlq_partition     integer     NOT NULL,
    dlq_offset        bigint      NOT NULL,
    action            text        NOT NULL CHECK (action IN ('REPLAY', 'DISCARD')),
    reason            text,
    handled_by        text        NOT NULL,
    handled_at        timestamptz NOT NULL,
    event_id          text        NOT NULL,
    PRIMARY KEY (dead_letter_topic, dlq_partition, dlq_offset)
);
