package dev.crier.events;

import java.util.List;
import java.util.stream.Stream;

/** The topic names. Every post event is keyed by post id, so that one post's events stay in order. */
public final class Topics {
    public static final String DRAFTS_SUBMITTED = "drafts.submitted";
    public static final String POSTS_DECIDED = "posts.decided";
    public static final String POSTS_APPROVED = "posts.approved";
    public static final String POSTS_REVIEW = "posts.review";
    public static final String POSTS_REJECTED = "posts.rejected";
    public static final String POSTS_PUBLISHED = "posts.published";
    public static final String POSTS_PUBLISH_FAILED = "posts.publish-failed";
    public static final String POSTS_CHANGES_REQUESTED = "posts.changes-requested";
    public static final String POSTS_EXPIRED = "posts.expired";
    public static final String POSTS_RETRACTED = "posts.retracted";
    /** Approvals publish-service refused because their signature did not verify. */
    public static final String POSTS_PUBLISH_REFUSED = "posts.publish-refused";
    /** Drafts waiting in review longer than the policy allows; the post stays in review. */
    public static final String REVIEWS_ESCALATED = "reviews.escalated";
    /** Policy reloads; keyed by policy id rather than post id. */
    public static final String POLICY_CHANGES = "policy.changes";
    /** What ops did with dead-lettered records (replayed or discarded); a replay's topic owner sends the record. */
    public static final String DEAD_LETTERS_HANDLED = "dead-letters.handled";
    /** The official accounts publish-service can publish to (compacted, one key); ingest refuses at the door with it. */
    public static final String ACCOUNTS_REGISTRY = "accounts.registry";
    /** Signed checkpoints of the audit log, keyed by the log's origin: an anchor outside audit's database. */
    public static final String AUDIT_CHECKPOINTS = "audit.checkpoints";

    /** Every consumed topic has a dead-letter topic named by appending this. */
    public static final String DLQ_SUFFIX = ".dlq";

    private Topics() {
    }

    /** The pipeline's topics: every one of them is recorded by the audit. */
    public static List<String> pipeline() {
        return List.of(DRAFTS_SUBMITTED, POSTS_DECIDED, POSTS_APPROVED, POSTS_REVIEW, POSTS_REJECTED,
                POSTS_PUBLISHED, POSTS_PUBLISH_FAILED, POSTS_CHANGES_REQUESTED, POSTS_EXPIRED, POSTS_RETRACTED,
                REVIEWS_ESCALATED, POLICY_CHANGES, POSTS_PUBLISH_REFUSED, DEAD_LETTERS_HANDLED, ACCOUNTS_REGISTRY);
    }

    /** Every event topic: the pipeline's, and the audit's checkpoints (which the audit does not record in itself). */
    public static List<String> events() {
        return Stream.concat(pipeline().stream(), Stream.of(AUDIT_CHECKPOINTS)).toList();
    }

    public static String deadLetter(String topic) {
        return topic + DLQ_SUFFIX;
    }

    /** Topics that keep the latest value of each key (cleanup.policy=compact) rather than a stretch of time. */
    public static List<String> compacted() {
        return List.of(ACCOUNTS_REGISTRY);
    }

    /** The event topics and their dead-letter topics: what a broker must have before the services start. */
    public static List<String> all() {
        return events().stream().flatMap(t -> Stream.of(t, deadLetter(t))).toList();
    }
}
