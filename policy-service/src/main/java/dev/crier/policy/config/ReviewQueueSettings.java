package dev.crier.policy.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the review queue is kept. */
@ConfigMapping(prefix = "crier.review")
public interface ReviewQueueSettings {

    /** How often the sweeper expires and escalates what is due. Read by the scheduler. */
    @WithDefault("15s")
    String sweepInterval();
}
