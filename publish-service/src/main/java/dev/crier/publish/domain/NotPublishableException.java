package dev.crier.publish.domain;

/** The post cannot go to this platform as it is (no account, no version, too long): it fails there, at once. */
public class NotPublishableException extends RuntimeException {
    public NotPublishableException(String message) {
        super(message);
    }
}
