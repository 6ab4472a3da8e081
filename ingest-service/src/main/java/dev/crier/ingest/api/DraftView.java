package dev.crier.ingest.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * A draft's current status, with the policy's decision and reasons, each review step (who, when, why), each
 * platform's result once known, and the retraction if the post was taken down.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DraftView(String id, String status, String externalId, Instant submittedAt, Instant updatedAt,
                        JsonNode decision, JsonNode review, JsonNode publishResults, JsonNode retraction) {
}
