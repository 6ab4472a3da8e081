package dev.crier.platform.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the outbox relay sends. */
@ConfigMapping(prefix = "crier.outbox")
public interface OutboxSettings {

    /**
     * How often the relay sends, on its own, what is still in the outbox (a process stopped between its commit and
     * its send; Kafka was away). Whoever commits events sends them at once. Read by the scheduler.
     */
    @WithDefault("1s")
    String relayEvery();

    /** Events sent, and acknowledged, per round trip to Kafka. */
    @WithDefault("500")
    int batchSize();
}
