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
    public static final EventType<PolicyReloaded> POLICY_RELOADED = new EventType<>(
            "dev.crier.policy.reloaded", Topics.POLICY_CHANGES, PolicyReloaded.class, "policy-reloaded");

    public static List<EventType<?>> all() {
        return List.of(DRAFT_SUBMITTED, POST_DECIDED, POST_APPROVED, POST_REVIEW, POST_REJECTED, POST_PUBLISHED,
                POST_PUBLISH_FAILED, POLICY_RELOADED);
    }

    public static Optional<EventType<?>> ofCeType(String ceType) {
        return all().stream().filter(t -> t.ceType().equals(ceType)).findFirst();
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
