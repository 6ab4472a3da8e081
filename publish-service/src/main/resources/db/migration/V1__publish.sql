-- The publish ledger: per post and platform, what publish-service is doing and what the platform answered.
-- A PENDING entry is written before the platform is called, so a crash mid-call is visible; PUBLISHED and FAILED
-- are final (see LedgerState).
CREATE TABLE publish_ledger (
    post_id          uuid        NOT NULL,
    platform         text        NOT NULL,
    state            text        NOT NULL CONSTRAINT publish_ledger_state_check CHECK (state IN ('PENDING', 'PUBLISHED', 'FAILED')),
    platform_post_id text,
    url              text,
    error            text,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (post_id, platform)
);

-- What the built-in sandbox platform holds: the posts it was sent, once per idempotency key.
CREATE TABLE sandbox_posts (
    id              uuid        PRIMARY KEY,
    idempotency_key text        UNIQUE,
    text            text        NOT NULL,
    language        text,
    created_at      timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX sandbox_posts_newest_first ON sandbox_posts (created_at DESC);

