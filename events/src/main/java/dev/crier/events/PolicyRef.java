package dev.crier.events;

/** The policy a decision was made under: its id, version and the SHA-256 of its file. */
public record PolicyRef(String id, String version, String hash) {
}
