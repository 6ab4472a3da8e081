package dev.crier.events;

import java.time.Instant;

/**
 * On dead-letters.handled: what a person of the ops role did with a dead-lettered record, from audit-service's
 * dead-letter desk. A replay asks the owner of the record's topic to send it there again, as it was, marked as a
 * replay; a discard closes it. The ledger records both, so every record that left a dead-letter topic has an owner.
 *
 * @param deadLetterTopic the dead-letter topic; {@code partition} and {@code offset} say where in it
 * @param topic           the topic the record was dead-lettered from, where a replay sends it
 * @param recordKey       the record's key (a post id for a post event), masked like any text
 * @param recordEventId   the record's ce_id, when it had one
 * @param reason          why (required to discard), masked like any text
 * @param handledBy       the subject of the token that asked
 */
public record DeadLetterHandled(Action action, String deadLetterTopic, int partition, long offset, String topic,
                                String recordKey, String recordEventId, String reason, String handledBy,
                                Instant handledAt) {

    public enum Action { REPLAY, DISCARD }

    /** The place of the record, as the desk names it: {@code <dead-letter topic>/<partition>/<offset>}. */
    public String place() {
        return deadLetterTopic + "/" + partition + "/" + offset;
    }
}
