-- Who submitted each draft, as the token said: the subject was always kept (caller); now also the OAuth client the
-- token was issued to (azp or client_id), where it names one.
ALTER TABLE drafts ADD COLUMN caller_client text;
