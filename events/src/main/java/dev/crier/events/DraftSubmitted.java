package dev.crier.events;

import java.time.Instant;

/** On drafts.submitted: ingest accepted a draft from an upstream system. */
public record DraftSubmitted(String postId, Draft draft, String submittedBy, Instant submittedAt) implements PostEvent {
}
