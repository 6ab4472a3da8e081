package dev.crier.publish.api;

/** What a client posts to the sandbox platform. */
public record SandboxStatusRequest(String text, String language, String idempotencyKey) {
}
