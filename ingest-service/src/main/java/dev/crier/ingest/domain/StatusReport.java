package dev.crier.ingest.domain;

import dev.crier.events.PostDecided;
import dev.crier.events.PostRetracted;
import dev.crier.events.PublishOutcome;
import dev.crier.events.ReviewOutcome;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one pipeline event tells about a draft: a status to move to (none for an escalation, which leaves the draft
 * in review), and the details to show beside it. Values are plain maps and records, written as JSON by the store.
 */
public record StatusReport(DraftStatus status, Object decision, Object publishResults, Object reviewStep,
                           Object retraction) {

    /** The policy's decision (posts.decided). */
    public static StatusReport decided(PostDecided decided) {
        Map<String, Object> decision = new LinkedHashMap<>();
        decision.put("decision", decided.decision());
        decision.put("riskScore", decided.riskScore());
        decision.put("reasons", decided.findings());
        decision.put("policy", decided.policy());
        decision.put("decidedAt", decided.decidedAt());
        return new StatusReport(DraftStatus.of(decided.decision()), decision, null, null, null);
    }

    /** A person's approval or rejection (posts.approved or posts.rejected carrying a review). */
    public static StatusReport reviewed(PostDecided decided) {
        var review = decided.review();
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("outcome", decided.decision());
        step.put("by", review.reviewer());
        step.put("role", review.role());
        step.put("reason", review.reason());
        step.put("at", review.reviewedAt());
        step.put("approvers", review.approvers());
        if (decided.draft().publishAt() != null) {
            step.put("publishAt", decided.draft().publishAt());
        }
        return new StatusReport(DraftStatus.of(decided.decision()), null, null, step, null);
    }

    /** Changes requested, expiry or escalation. */
    public static StatusReport reviewed(ReviewOutcome outcome) {
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("outcome", outcome.outcome());
        step.put("by", outcome.actor());
        step.put("reason", outcome.reason());
        step.put("at", outcome.at());
        DraftStatus status = switch (outcome.outcome()) {
            case CHANGES_REQUESTED -> DraftStatus.CHANGES_REQUESTED;
            case EXPIRED -> DraftStatus.EXPIRED;
            case ESCALATED -> null;
        };
        return new StatusReport(status, null, null, step, null);
    }

    public static StatusReport published(PublishOutcome outcome) {
        return new StatusReport(DraftStatus.of(outcome.status()), null, outcome.results(), null, null);
    }

    public static StatusReport retracted(PostRetracted retracted) {
        return new StatusReport(DraftStatus.RETRACTED, null, null, null, retracted);
    }
}
