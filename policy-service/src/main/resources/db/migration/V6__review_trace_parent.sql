-- The trace a draft was queued for review in (a W3C traceparent, platform's TraceParent): the review's outcome
-- goes on in the draft's trace, in a span that links to the reviewer's request.
ALTER TABLE reviews ADD COLUMN trace_parent text;
