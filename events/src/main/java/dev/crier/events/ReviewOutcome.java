package dev.crier.events;

import java.time.Instant;

/**
 * On posts.changes-requested, posts.expired and reviews.escalated: what became of a draft in review other than an
 * approval or a rejection. The actor is the reviewer's subject, or {@code system} for expiry and escalation.
 */
public record ReviewOutcome(String postId, Outcome outcome, String actor, String reason, Instant at) implements PostEvent {

    public enum Outcome {
        CHANGES_REQUESTED, EXPIRED, ESCALATED
    }
}
