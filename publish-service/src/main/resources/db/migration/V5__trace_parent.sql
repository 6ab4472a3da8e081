-- The trace a post was approved in (a W3C traceparent, platform's TraceParent): its platform calls and its outcome,
-- made later by the publish worker, go on in that trace.
ALTER TABLE publish_posts ADD COLUMN trace_parent text;
