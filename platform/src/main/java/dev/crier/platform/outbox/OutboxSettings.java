package dev.crier.platform.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the outbox relay sends (how often it runs on its own is crier.outbox.relay-every, read by the scheduler). */
@ConfigMapping(prefix = "crier.outbox")
public interface OutboxSettings {

    /** Events sent, and acknowledged, per round trip to Kafka. */
    @WithDefault("500")
    int batchSize();
}
