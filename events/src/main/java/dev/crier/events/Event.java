package dev.crier.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * One event with its CloudEvents attributes. The id is derived from the type, the post and a discriminator
 * (for example the policy's hash), so the same fact always gets the same id and any consumer can drop a repeat.
 */
public record Event<T>(String id, EventType<T> type, String source, String postId, Instant time, T data) {

    public static <T> Event<T> of(EventType<T> type, String source, String postId, String discriminator, Instant time, T data) {
        return new Event<>(idOf(type, postId, discriminator), type, source, postId, time, data);
    }

    public static String idOf(EventType<?> type, String postId, String discriminator) {
        String name = type.ceType() + '|' + postId + '|' + (discriminator == null ? "" : discriminator);
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
