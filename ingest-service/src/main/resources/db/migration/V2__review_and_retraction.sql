-- What people did with a draft after the policy: each review step (approved or rejected by a person, changes
-- requested, expired, escalated) in the order ingest heard of it, and the retraction of a published post.
ALTER TABLE drafts ADD COLUMN review_history jsonb NOT NULL DEFAULT '[]'::jsonb;
ALTER TABLE drafts ADD COLUMN retraction jsonb;
