-- Review events used to wait in review_outbox; platform's outbox (db/platform/R__outbox.sql, which Flyway runs
-- before this file: repeatable migrations run in the order of their descriptions) now holds every event this
-- service sends. Events still unsent move there, in the order they were written, and the old table goes.
-- A repeatable migration: once the table is gone, running it again changes nothing.
DO $$
BEGIN
    IF to_regclass('review_outbox') IS NOT NULL THEN
        INSERT INTO outbox (event_id, ce_type, source, subject, event_time, payload)
        SELECT event_id, ce_type, '${eventSource}', post_id::text, event_time, payload
        FROM review_outbox WHERE sent_at IS NULL ORDER BY created_at, event_id
        ON CONFLICT (event_id) DO NOTHING;
        DROP TABLE review_outbox;
    END IF;
END
$$;
