package dev.crier.platform.messaging;

import dev.crier.platform.messaging.DeadLetterRecords.DeadLetter;

import java.util.Optional;

/**
 * A service's own test of a dead-lettered record ops asked it to replay: the topic's consumers may write its
 * dead-letter topic, so a record there is not proof that this service wrote it. Where a replay would let a record
 * in that the service never let in (a draft that never came through ingest's door), the service says why not.
 */
public interface ReplayCheck {

    /** Why this record must not be sent back; empty when it may be. */
    Optional<String> refusal(DeadLetter record);
}
