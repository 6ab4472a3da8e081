package dev.crier.platform.api;

import java.util.Optional;
import java.util.UUID;

/** Ids taken from a URL path: one that is not a UUID names nothing, so callers answer 404 rather than 400. */
public final class PathIds {
    private PathIds() {
    }

    public static Optional<UUID> uuid(String id) {
        try {
            return Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
