package dev.crier.publish.domain;

/** A credential's value; it never shows itself in logs, messages or toString. */
public record Secret(String value) {

    @Override
    public String toString() {
        return "Secret[****]";
    }
}
