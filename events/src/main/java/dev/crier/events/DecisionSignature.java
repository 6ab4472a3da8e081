package dev.crier.events;

/**
 * The signature a decision carries: the id of the policy-service key that made it and the Ed25519 signature (base64,
 * 64 bytes) over the decision's canonical bytes ({@link dev.crier.events.signing.SignedDecision}).
 */
public record DecisionSignature(String keyId, String value) {
}
