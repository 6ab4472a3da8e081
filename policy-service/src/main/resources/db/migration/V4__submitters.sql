-- Who submitted each draft (the subject of the token ingest accepted it with, from drafts.submitted), kept with its
-- decision and, for a draft in review, with the review: nobody may approve a draft they submitted.
ALTER TABLE decisions ADD COLUMN submitted_by text;
ALTER TABLE reviews ADD COLUMN submitted_by text;
