-- The latest decision per post, under the policy that made it.
CREATE TABLE decisions (
    post_id        uuid        PRIMARY KEY,
    decision       text        NOT NULL,
    risk_score     int         NOT NULL,
    findings       jsonb       NOT NULL,
    policy_id      text        NOT NULL,
    policy_version text        NOT NULL,
    policy_hash    text        NOT NULL,
    decided_at     timestamptz NOT NULL
);

