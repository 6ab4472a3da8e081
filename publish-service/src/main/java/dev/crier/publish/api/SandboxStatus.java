package dev.crier.publish.api;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;

/** A post as the sandbox platform shows it: its id and address, and what it says. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SandboxStatus(String id, String url, String text, String language, Instant createdAt) {
}
