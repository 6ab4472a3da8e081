package dev.crier.events;

/** What the policy made of a draft. */
public enum Decision {
    APPROVED, NEEDS_REVIEW, REJECTED
}
