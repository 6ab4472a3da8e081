-- The draft as it was submitted, kept only while it is routed to review: the decision events carry it masked (no
-- personal information on Kafka), and the review queue takes the original from here, in policy-service's own database.
ALTER TABLE decisions ADD COLUMN draft_under_review jsonb;
