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
    /** Policy reloads; keyed by policy id rather than post id. */
    public static final String POLICY_CHANGES = "policy.changes";

    /** Every consumed topic has a dead-letter topic named by appending this. */
    public static final String DLQ_SUFFIX = ".dlq";

    private Topics() {
    }

    public static List<String> events() {
        return List.of(DRAFTS_SUBMITTED, POSTS_DECIDED, POSTS_APPROVED, POSTS_REVIEW, POSTS_REJECTED,
                POSTS_PUBLISHED, POSTS_PUBLISH_FAILED, POLICY_CHANGES);
    }

    public static String deadLetter(String topic) {
        return topic + DLQ_SUFFIX;
    }

    /** The event topics and their dead-letter topics: what a broker must have before the services start. */
    public static List<String> all() {
        return events().stream().flatMap(t -> Stream.of(t, deadLetter(t))).toList();
    }
}
