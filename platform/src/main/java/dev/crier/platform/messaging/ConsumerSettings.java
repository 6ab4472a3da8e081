package dev.crier.platform.messaging;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How {@link IncomingEvents} tries work again. */
@ConfigMapping(prefix = "crier.consumer")
public interface ConsumerSettings {

    /** Attempts at an event whose work fails for its own sake before it is dead-lettered (outages do not count). */
    @WithDefault("8")
    int maxAttempts();

    /** The wait after the first failure; it doubles with each one, up to {@link #maxBackoff()}. */
    @WithDefault("500ms")
    Duration firstBackoff();

    @WithDefault("10s")
    Duration maxBackoff();
}
