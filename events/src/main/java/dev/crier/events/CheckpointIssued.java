package dev.crier.events;

import java.time.Instant;

/**
 * On audit.checkpoints (keyed by the log's origin): a signed checkpoint of the audit log, so that the log's state is
 * anchored outside its own database. {@code note} is the whole C2SP signed note; {@code rootHash} is base64.
 */
public record CheckpointIssued(String origin, long treeSize, String rootHash, String note, Instant issuedAt) {
}
