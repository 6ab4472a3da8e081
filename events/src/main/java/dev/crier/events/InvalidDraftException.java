package dev.crier.events;

import java.util.List;

/** The body is JSON but not an acceptable draft; every violation found is listed, not only the first. */
public class InvalidDraftException extends RuntimeException {
    private final List<Violation> violations;

    public InvalidDraftException(List<Violation> violations) {
        super(violations.size() + " violation(s): " + violations);
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }
}
