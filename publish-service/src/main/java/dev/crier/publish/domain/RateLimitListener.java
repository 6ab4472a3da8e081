package dev.crier.publish.domain;

import java.time.Instant;

/** Hears what a platform's response headers say about an account's remaining calls. */
@FunctionalInterface
public interface RateLimitListener {

    RateLimitListener NONE = (account, remaining, resetAt) -> { };

    /** {@code remaining} calls are left until {@code resetAt}. */
    void observe(String accountKey, int remaining, Instant resetAt);
}
