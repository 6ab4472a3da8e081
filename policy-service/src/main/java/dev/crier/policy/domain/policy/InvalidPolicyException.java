package dev.crier.policy.domain.policy;

/** A policy file that cannot be put in force; the message names the line and what is wrong there. */
public class InvalidPolicyException extends RuntimeException {
    public InvalidPolicyException(String message) {
        super(message);
    }
}
