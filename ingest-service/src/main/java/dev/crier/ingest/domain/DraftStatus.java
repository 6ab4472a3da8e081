package dev.crier.ingest.domain;

import dev.crier.events.Decision;
import dev.crier.events.PublishOutcome;

/**
 * Where a draft is. Statuses only move forward (by rank), so an event that arrives late never takes a draft back.
 * Equal ranks may replace each other: a comms-head may approve a draft that expired in review, with a new time.
 */
public enum DraftStatus {
    SUBMITTED(0), NEEDS_REVIEW(1), APPROVED(2), REJECTED(2), CHANGES_REQUESTED(2), EXPIRED(2), PUBLISHED(3),
    PARTIALLY_PUBLISHED(3), PUBLISH_FAILED(3), RETRACTED(4);

    private final int rank;

    DraftStatus(int rank) {
        this.rank = rank;
    }

    public int rank() {
        return rank;
    }

    public static DraftStatus of(Decision decision) {
        return valueOf(decision.name());
    }

    public static DraftStatus of(PublishOutcome.Status status) {
        return valueOf(status.name());
    }
}
