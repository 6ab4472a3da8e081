package dev.crier.publish.domain;

import java.util.Optional;

/**
 * Where the publisher records, per post and platform, what it is doing and what the platform answered; it must
 * survive a crash, since it is what stops a redelivered approval from publishing twice.
 */
public interface PublishLedger {

    Optional<LedgerEntry> find(String postId, String platform);

    /** Opens the entry in PENDING, before the platform is called; an entry that is already there stays as it is. */
    void open(String postId, String platform);

    /**
     * Moves an entry to {@code entry.state()} with the platform's answer.
     *
     * @throws IllegalStateException when there is no such entry or its state may not move to that one
     */
    void move(LedgerEntry entry);
}
