package dev.crier.ingest.api;

/** The answer to a submission: the post id to follow, and where to follow it. */
public record DraftAccepted(String id, String status) {
}
