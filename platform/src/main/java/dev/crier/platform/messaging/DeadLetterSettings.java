package dev.crier.platform.messaging;

import io.smallrye.config.ConfigMapping;

import java.util.List;
import java.util.Optional;

/** What this service does for the dead-letter desk. */
@ConfigMapping(prefix = "crier.dead-letters")
public interface DeadLetterSettings {

    /** The topics this service owns, whose dead-lettered records it sends back when ops replay them. */
    Optional<List<String>> replayTopics();
}
