-- A draft is now accepted in the transaction that puts its drafts.submitted event in the outbox (platform's
-- Outbox); readers see it once the relay has sent that event. accepted turns false only when a failed send is
-- taken back (the event removed from the outbox unsent), and true again when a retry with the same key resends it.
COMMENT ON COLUMN drafts.accepted IS 'true from the transaction that put the draft''s event in the outbox; false after its send failed and the event was taken back unsent';
