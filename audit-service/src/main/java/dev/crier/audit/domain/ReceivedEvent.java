package dev.crier.audit.domain;

import dev.crier.events.Event;
import dev.crier.events.EventType;
import dev.crier.events.InvalidEventException;
import dev.crier.events.PostDecided;
import dev.crier.events.signing.TrustedKeysDir;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * An event as it reaches the ledger: its CloudEvents attributes and the exact bytes of the record's value. The bytes
 * are kept as received, never re-encoded from the parsed event, so that hashes over them verify what was sent.
 *
 * @param subject the ce_subject: the post id, or the policy id of a policy reload
 * @param postId  the post the event is about; null for a policy reload
 * @param signatureCheck for a decision, whether its signature verified as it arrived ({@code Verification.label()});
 *                       null for any other event
 */
public record ReceivedEvent(String eventId, String type, String topic, String subject, UUID postId, String source,
                            Instant time, byte[] payload, String signatureCheck) {

    /** An event that is not a decision: nothing to verify. */
    public ReceivedEvent(String eventId, String type, String topic, String subject, UUID postId, String source,
                         Instant time, byte[] payload) {
        this(eventId, type, topic, subject, postId, source, time, payload, null);
    }

    /**
     * The event, with a decision's signature checked against {@code keys} on the event as it arrived (the ledger may
     * store it masked, which no signature covers).
     *
     * @throws InvalidEventException when a post event's subject is not a post id: retrying cannot fix it
     */
    public static ReceivedEvent of(Event<?> event, String value, TrustedKeysDir keys) {
        String check = event.data() instanceof PostDecided decided ? keys.verify(decided).label() : null;
        return new ReceivedEvent(event.id(), event.type().ceType(), event.type().topic(), event.postId(), postIdOf(event),
                event.source(), event.time(), value.getBytes(StandardCharsets.UTF_8), check);
    }

    /**
     * Every event is about a post except a policy reload, whose subject is the policy id, the account registry
     * ({@code registry}), and a dead-letter action on a record that named no post, whose subject is its place.
     */
    private static UUID postIdOf(Event<?> event) {
        if (EventType.POLICY_RELOADED.equals(event.type()) || EventType.ACCOUNTS_LISTED.equals(event.type())) {
            return null;
        }
        if (EventType.DEAD_LETTER_HANDLED.equals(event.type())) {
            try {
                return UUID.fromString(event.postId());
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        try {
            return UUID.fromString(event.postId());
        } catch (IllegalArgumentException e) {
            throw new InvalidEventException(event.type().ceType() + " names post '" + event.postId() + "', not a UUID");
        }
    }
}
