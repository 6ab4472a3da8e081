-- Approvals are consumed in batches (IncomingEvents.handleBatch): the ids of the events applied, in the same
-- transaction as their effects, so a redelivered batch changes nothing.
CREATE TABLE processed_events (
    event_id     text        PRIMARY KEY,
    processed_at timestamptz NOT NULL DEFAULT now()
);

-- A worker claims due entries in batches (UPDATE ... FOR UPDATE SKIP LOCKED): until claimed_until, no other worker
-- or instance takes the entry. The claim is only a lease against wasted work: every move of the entry is still a
-- conditional UPDATE on its state and attempts.
ALTER TABLE publish_ledger ADD COLUMN claimed_until timestamptz;
-- The instance (crier.publish.instance) that last moved the entry: at startup an instance settles only the PENDING
-- calls it left itself, never those another running instance is making.
ALTER TABLE publish_ledger ADD COLUMN moved_by text;

-- The outcome report looks only at posts not reported yet.
CREATE INDEX publish_posts_unreported ON publish_posts (recorded_at) WHERE outcome_reported_at IS NULL;
