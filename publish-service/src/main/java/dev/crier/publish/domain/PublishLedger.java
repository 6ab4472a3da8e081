package dev.crier.publish.domain;

import dev.crier.events.PostDecided;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where the publisher records each approved post and, per platform, what it is doing and what the platform answered.
 * It must survive a crash: it is what stops a redelivered approval or a restart from publishing twice, and what
 * holds scheduled posts and retries.
 */
public interface PublishLedger {

    /** Records the approval and its entries together, once: false when the post was already recorded. */
    boolean record(PostDecided approval, List<LedgerEntry> entries);

    Optional<PostDecided> approval(String postId);

    /** The post's entries, in the draft's order of platforms. */
    List<LedgerEntry> entries(String postId);

    Optional<LedgerEntry> find(String postId, String platform);

    /**
     * Entries whose time has come: QUEUED and UNKNOWN ones due, PENDING ones past their deadline; earliest first.
     * A ledger shared by several workers claims them, so that no other worker is handed the same entry meanwhile.
     * Entries of the skipped platforms are left alone (their calls are backed up).
     */
    List<LedgerEntry> due(Instant now, int limit, Set<String> skippedPlatforms);

    /**
     * The PENDING entries this process's earlier run left without an answer (at startup). Where several instances
     * share the ledger, another instance's calls under way are not among them: theirs are settled by their own
     * restart, or once their time limit passes.
     */
    List<LedgerEntry> pending();

    /**
     * Moves {@code from} to {@code to} if nobody moved it since it was read (same state and attempts).
     *
     * @return false when the entry had already moved
     * @throws IllegalStateException when the state machine forbids the move
     */
    boolean move(LedgerEntry from, LedgerEntry to);
}
