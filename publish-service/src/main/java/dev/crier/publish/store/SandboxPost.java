package dev.crier.publish.store;

import java.time.Instant;
import java.util.UUID;

/** A post the sandbox platform holds. */
public record SandboxPost(UUID id, String idempotencyKey, String text, String language, Instant createdAt) {
}
