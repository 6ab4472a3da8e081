package dev.crier.audit.domain;

import java.time.Instant;

/**
 * One event as the ledger holds it: its place in the log, its CloudEvents attributes, its stored bytes and their
 * RFC 9162 leaf hash; for a decision, whether its signature verified when it arrived (null for other events).
 */
public record AuditRecord(long index, String eventId, String type, String topic, String postId, String source,
                          Instant time, Instant receivedAt, byte[] payload, byte[] leafHash, String signatureCheck) {
}
