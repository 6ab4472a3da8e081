package dev.crier.publish.api;

import java.time.Instant;

/** A sandbox post as Crier's own API lists it, with the post it publishes. */
public record SandboxPostView(String id, String text, String language, Instant createdAt, String postId) {
}
