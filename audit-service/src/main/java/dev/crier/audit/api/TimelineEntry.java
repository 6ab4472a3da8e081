package dev.crier.audit.api;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * One recorded event: its index in the ledger, its CloudEvents attributes, when the ledger received it, and its
 * payload as JSON; for a decision, whether its signature verified when it arrived ({@code verified}, {@code unsigned},
 * {@code unknown-key}, {@code failed: <reason>}).
 */
public record TimelineEntry(long index, String eventId, String type, String topic, String source, Instant time,
                            Instant receivedAt, JsonNode data, String signatureCheck) {
}
