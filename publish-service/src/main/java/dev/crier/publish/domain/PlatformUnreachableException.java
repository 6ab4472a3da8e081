package dev.crier.publish.domain;

/** The platform's answer is not known: it may or may not have published. The publish is retried, never reported. */
public class PlatformUnreachableException extends RuntimeException {
    public PlatformUnreachableException(String message) {
        super(message);
    }

    public PlatformUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
