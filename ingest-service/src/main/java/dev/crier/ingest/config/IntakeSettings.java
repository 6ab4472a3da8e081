package dev.crier.ingest.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How much ingest takes in at once. */
@ConfigMapping(prefix = "crier.ingest.intake")
public interface IntakeSettings {

    /**
     * Submissions being received or answered at the same time; one more is answered 503 with Retry-After at once.
     * Under a burst past what the pipeline drains, waiting requests otherwise pile up (each with its body and a
     * worker thread) until the service runs out of memory.
     */
    @WithDefault("128")
    int maxInFlight();

    /**
     * Whether a draft that no official account can take (publish-service's registry on accounts.registry) is
     * refused with 422 at once, rather than accepted to fail after its decision and review.
     */
    @WithDefault("true")
    boolean refuseWithoutAccount();
}
