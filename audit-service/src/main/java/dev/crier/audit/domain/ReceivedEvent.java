package dev.crier.audit.domain;

import dev.crier.events.Event;
import dev.crier.events.EventType;
import dev.crier.events.InvalidEventException;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * An event as it reaches the ledger: its CloudEvents attributes and the exact bytes of the record's value. The bytes
 * are kept as received, never re-encoded from the parsed event, so that hashes over them verify what was sent.
 *
 * @param subject the ce_subject: the post id, or the policy id of a policy reload
 * @param postId  the post the event is about; null for a policy reload
 */
public record ReceivedEvent(String eventId, String type, String topic, String subject, UUID postId, String source,
                            Instant time, byte[] payload) {

    /** @throws InvalidEventException when a post event's subject is not a post id: retrying cannot fix it */
    public static ReceivedEvent of(Event<?> event, String value) {
        return new ReceivedEvent(event.id(), event.type().ceType(), event.type().topic(), event.postId(), postIdOf(event),
                event.source(), event.time(), value.getBytes(StandardCharsets.UTF_8));
    }

    /** Every event is about a post except a policy reload, whose subject is the policy id. */
    private static UUID postIdOf(Event<?> event) {
        if (EventType.POLICY_RELOADED.equals(event.type())) {
            return null;
        }
        try {
            return UUID.fromString(event.postId());
        } catch (IllegalArgumentException e) {
            throw new InvalidEventException(event.type().ceType() + " names post '" + event.postId() + "', not a UUID");
        }
    }
}
