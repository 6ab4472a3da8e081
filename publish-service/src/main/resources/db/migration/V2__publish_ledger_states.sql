-- Publishing for real: approvals kept with their draft (scheduled posts and retries need it after a restart), and a
-- ledger entry per post and platform that also schedules the work (due_at) and counts the calls made (attempts).
CREATE TABLE publish_posts (
    post_id             uuid        PRIMARY KEY,
    approval            text        NOT NULL,
    publish_at          timestamptz,
    recorded_at         timestamptz NOT NULL DEFAULT now(),
    outcome_reported_at timestamptz
);

-- Entries written before this migration have no stored approval: one still PENDING can never be settled here.
UPDATE publish_ledger SET state = 'FAILED', error = 'left PENDING by an older publish-service; check the platform'
 WHERE state = 'PENDING';

ALTER TABLE publish_ledger DROP CONSTRAINT publish_ledger_state_check;
ALTER TABLE publish_ledger ADD CONSTRAINT publish_ledger_state_check
    CHECK (state IN ('QUEUED', 'PENDING', 'UNKNOWN', 'PUBLISHED', 'FAILED', 'NEEDS_ATTENTION'));
ALTER TABLE publish_ledger
    ADD COLUMN account          text,
    ADD COLUMN position         int         NOT NULL DEFAULT 0,
    ADD COLUMN attempts         int         NOT NULL DEFAULT 0,
    ADD COLUMN due_at           timestamptz,
    ADD COLUMN first_attempt_at timestamptz;

-- The scheduler's poll: what is due, among the entries still at work.
CREATE INDEX publish_ledger_due ON publish_ledger (due_at) WHERE state IN ('QUEUED', 'PENDING', 'UNKNOWN');

-- Retractions: each platform's answer to the delete, with who asked and why.
CREATE TABLE retractions (
    post_id          uuid        NOT NULL,
    platform         text        NOT NULL,
    account          text,
    platform_post_id text,
    retracted        boolean     NOT NULL,
    error            text,
    reason           text        NOT NULL,
    retracted_by     text        NOT NULL,
    retracted_at     timestamptz NOT NULL,
    PRIMARY KEY (post_id, platform, retracted_at)
);
