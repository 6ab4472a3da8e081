package dev.crier.events;

import java.util.List;
import java.util.Optional;

/**
 * An event type: its CloudEvents {@code type}, the topic it travels on, its payload record and its JSON Schema.
 * Topic and type map one to one.
 */
public record EventType<T>(String ceType, String topic, Class<T> payload, String schema) {

    public static final EventType<DraftSubmitted> DRAFT_SUBMITTED = new EventType<>(
            "dev.crier.draft.submitted", Topics.DRAFTS_SUBMITTED, DraftSubmitted.class, "draft-submitted");
    public static final EventType<PostDecided> POST_DECIDED = new EventType<>(
            "dev.crier.post.decided", Topics.POSTS_DECIDED, PostDecided.class, "post-decided");
    public static final EventType<PostDecided> POST_APPROVED = new EventType<>(
            "dev.crier.post.approved", Topics.POSTS_APPROVED, PostDecided.class, "post-decided");
    public static final EventType<PostDecided> POST_REVIEW = new EventType<>(
            "dev.crier.post.review", Topics.POSTS_REVIEW, PostDecided.class, "post-decided");
    public static final EventType<PostDecided> POST_REJECTED = new EventType<>(
            "dev.crier.post.rejected", Topics.POSTS_REJECTED, PostDecided.class, "post-decided");
    public static final EventType<PublishOutcome> POST_PUBLISHED = new EventType<>(
            "dev.crier.post.published", Topics.POSTS_PUBLISHED, PublishOutcome.class, "publish-outcome");
    public static final EventType<PublishOutcome> POST_PUBLISH_FAILED = new EventType<>(
            "dev.crier.post.publish-failed", Topics.POSTS_PUBLISH_FAILED, PublishOutcome.class, "publish-outcome");
    public static final EventType<ReviewOutcome> POST_CHANGES_REQUESTED = new EventType<>(
            "dev.crier.post.changes-requested", Topics.POSTS_CHANGES_REQUESTED, ReviewOutcome.class, "review-outcome");
    public static final EventType<ReviewOutcome> POST_EXPIRED = new EventType<>(
            "dev.crier.post.expired", Topics.POSTS_EXPIRED, ReviewOutcome.class, "review-outcome");
    public static final EventType<ReviewOutcome> REVIEW_ESCALATED = new EventType<>(
            "dev.crier.review.escalated", Topics.REVIEWS_ESCALATED, ReviewOutcome.class, "review-outcome");
    public static final EventType<PostRetracted> POST_RETRACTED = new EventType<>(
            "dev.crier.post.retracted", Topics.POSTS_RETRACTED, PostRetracted.class, "post-retracted");
    public static final EventType<PublishRefused> POST_PUBLISH_REFUSED = new EventType<>(
            "dev.crier.post.publish-refused", Topics.POSTS_PUBLISH_REFUSED, PublishRefused.class, "publish-refused");
    public static final EventType<CheckpointIssued> CHECKPOINT_ISSUED = new EventType<>(
            "dev.crier.audit.checkpoint", Topics.AUDIT_CHECKPOINTS, CheckpointIssued.class, "checkpoint-issued");
    public static final EventType<PolicyReloaded> POLICY_RELOADED = new EventType<>(
            "dev.crier.policy.reloaded", Topics.POLICY_CHANGES, PolicyReloaded.class, "policy-reloaded");

    public static final EventType<DeadLetterHandled> DEAD_LETTER_HANDLED = new EventType<>(
            "dev.crier.dead-letter.handled", Topics.DEAD_LETTERS_HANDLED, DeadLetterHandled.class, "dead-letter-handled");

    public static final EventType<AccountsListed> ACCOUNTS_LISTED = new EventType<>(
            "dev.crier.accounts.listed", Topics.ACCOUNTS_REGISTRY, AccountsListed.class, "accounts-listed");

    public static List<EventType<?>> all() {
        return List.of(DRAFT_SUBMITTED, POST_DECIDED, POST_APPROVED, POST_REVIEW, POST_REJECTED, POST_PUBLISHED,
                POST_PUBLISH_FAILED, POST_CHANGES_REQUESTED, POST_EXPIRED, REVIEW_ESCALATED, POST_RETRACTED,
                POLICY_RELOADED, POST_PUBLISH_REFUSED, DEAD_LETTER_HANDLED, ACCOUNTS_LISTED, CHECKPOINT_ISSUED);
    }

    public static Optional<EventType<?>> ofCeType(String ceType) {
        return all().stream().filter(t -> t.ceType().equals(ceType)).findFirst();
    }

    /** The review outcome that is neither an approval nor a rejection. */
    public static EventType<ReviewOutcome> outcomeOf(ReviewOutcome.Outcome outcome) {
        return switch (outcome) {
            case CHANGES_REQUESTED -> POST_CHANGES_REQUESTED;
            case EXPIRED -> POST_EXPIRED;
            case ESCALATED -> REVIEW_ESCALATED;
        };
    }

    public static Optional<EventType<?>> ofTopic(String topic) {
        return all().stream().filter(t -> t.topic().equals(topic)).findFirst();
    }

    /** The route a decision takes after posts.decided. */
    public static EventType<PostDecided> routeOf(Decision decision) {
        return switch (decision) {
            case APPROVED -> POST_APPROVED;
            case NEEDS_REVIEW -> POST_REVIEW;
            case REJECTED -> POST_REJECTED;
        };
    }

    /** The event that reports a publish outcome. */
    public static EventType<PublishOutcome> outcomeOf(PublishOutcome.Status status) {
        return status == PublishOutcome.Status.PUBLISH_FAILED ? POST_PUBLISH_FAILED : POST_PUBLISHED;
    }

    public String schemaResource() {
        return "/schemas/" + schema + ".schema.json";
    }
}
