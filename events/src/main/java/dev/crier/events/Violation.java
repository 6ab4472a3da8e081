package dev.crier.events;

/** One thing wrong with a submitted draft, named by its JSON path. */
public record Violation(String field, String message) {
}
