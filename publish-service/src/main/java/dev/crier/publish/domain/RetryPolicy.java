package dev.crier.publish.domain;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter for transient failures: after attempt n the wait is between half and all of
 * {@code base * 2^(n-1)}, capped, so that retries of many posts spread out rather than arrive together. After
 * {@code maxAttempts} calls a post that surely did not publish fails, and one that may have needs a person.
 */
public record RetryPolicy(Duration base, Duration cap, int maxAttempts, DoubleSupplier random) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }

    public boolean exhausted(int attempts) {
        return attempts >= maxAttempts;
    }

    /** How long to wait after {@code attempts} calls. */
    public Duration delayAfter(int attempts) {
        int doublings = Math.min(Math.max(attempts - 1, 0), 30);
        long ceiling = Math.min(cap.toMillis(), base.toMillis() << doublings);
        long half = ceiling / 2;
        return Duration.ofMillis(half + (long) (random.getAsDouble() * (ceiling - half)));
    }
}
