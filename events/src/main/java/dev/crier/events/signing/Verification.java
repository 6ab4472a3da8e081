package dev.crier.events.signing;

/**
 * What checking a decision's signature found. Only {@link Status#VERIFIED} lets a post be published.
 *
 * @param keyId  the key the decision names; null when unsigned
 * @param reason why it is not verified, for people (null when verified)
 */
public record Verification(Status status, String keyId, String reason) {

    public enum Status {
        VERIFIED, UNSIGNED, UNKNOWN_KEY, FAILED
    }

    public boolean verified() {
        return status == Status.VERIFIED;
    }

    /** How the audit records it: {@code verified}, {@code unsigned}, {@code unknown-key} or {@code failed: <reason>}. */
    public String label() {
        return switch (status) {
            case VERIFIED -> "verified";
            case UNSIGNED -> "unsigned";
            case UNKNOWN_KEY -> "unknown-key";
            case FAILED -> "failed: " + reason;
        };
    }
}
