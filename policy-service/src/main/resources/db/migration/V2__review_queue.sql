-- The review queue: drafts routed to posts.review, until a person (or the clock) decides them.

-- Events this service has applied: a redelivered record changes nothing.
CREATE TABLE processed_events (
    event_id    text        PRIMARY KEY,
    applied_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE reviews (
    post_id             uuid        PRIMARY KEY,
    status              text        NOT NULL CHECK (status IN ('PENDING', 'APPROVED', 'REJECTED', 'CHANGES_REQUESTED', 'EXPIRED')),
    -- The decision as it came from posts.review: the draft, the findings with their spans, the policy.
    decided             jsonb       NOT NULL,
    author_id           text,
    category            text,
    department          text,
    platforms           text[]      NOT NULL,
    -- When the draft should go out: the author's time, or the new one a comms-head gave it.
    publish_at          timestamptz,
    received_at         timestamptz NOT NULL,
    -- What the policy asked of this review when the draft came in.
    comms_head_required boolean     NOT NULL,
    approvals_required  int         NOT NULL CHECK (approvals_required BETWEEN 1 AND 2),
    escalate_after_s    bigint      NOT NULL,
    escalate_at         timestamptz NOT NULL,
    escalated_at        timestamptz,
    approvals           jsonb       NOT NULL DEFAULT '[]',
    -- Bumped by every change: events derive their ids from it.
    version             bigint      NOT NULL DEFAULT 0
);
CREATE INDEX reviews_pending ON reviews (publish_at, escalate_at) WHERE status = 'PENDING';

-- Every step of a review, in order.
CREATE TABLE review_history (
    post_id      uuid        NOT NULL REFERENCES reviews,
    seq          int         NOT NULL,
    at           timestamptz NOT NULL,
    actor        text        NOT NULL,
    role         text        NOT NULL,
    action       text        NOT NULL,
    reason       text,
    publish_at   timestamptz,
    status_after text        NOT NULL,
    PRIMARY KEY (post_id, seq)
);

-- The events of each change, written in the change's transaction and sent from here until Kafka acknowledges them.
CREATE TABLE review_outbox (
    event_id   text        PRIMARY KEY,
    ce_type    text        NOT NULL,
    post_id    uuid        NOT NULL,
    event_time timestamptz NOT NULL,
    payload    text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    sent_at    timestamptz
);
CREATE INDEX review_outbox_unsent ON review_outbox (created_at) WHERE sent_at IS NULL;
