package dev.crier.audit.api;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * One recorded event: its index in the ledger, its CloudEvents attributes, when the ledger received it, and its
 * payload as JSON.
 */
public record TimelineEntry(long index, String eventId, String type, String topic, String source, Instant time,
                            Instant receivedAt, JsonNode data) {
}
