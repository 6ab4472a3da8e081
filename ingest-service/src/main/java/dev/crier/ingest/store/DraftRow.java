package dev.crier.ingest.store;

import java.time.Instant;
import java.util.UUID;

/** A draft as ingest's table holds it; decision and publish results are JSON as the pipeline reported them. */
public record DraftRow(UUID id, String caller, String requestHash, String externalId, boolean accepted, String status,
                       String decisionJson, String publishResultsJson, Instant submittedAt, Instant updatedAt,
                       String reviewHistoryJson, String retractionJson) {
}
