package dev.crier.publish.domain;

import java.time.Instant;

/**
 * Nothing was published, and the platform asks to be called later (429 with its reset time, or no connection was
 * made at all): the entry goes back to the queue, not to UNKNOWN. {@code retryAt} is null when the platform named no
 * time.
 */
public class RetryLaterException extends RuntimeException {

    private final transient Instant retryAt;

    public RetryLaterException(String message, Instant retryAt) {
        super(message);
        this.retryAt = retryAt;
    }

    public Instant retryAt() {
        return retryAt;
    }
}
