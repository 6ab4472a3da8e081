package dev.crier.audit.domain.checkpoint;

import java.time.Instant;

/** A checkpoint as issued: the checkpoint, its whole signed note, and when it was signed. */
public record SignedCheckpoint(Checkpoint checkpoint, String note, Instant issuedAt) {
}
