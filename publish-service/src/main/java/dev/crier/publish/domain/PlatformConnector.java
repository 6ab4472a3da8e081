package dev.crier.publish.domain;

import java.time.Duration;

/**
 * One social platform, as the publisher sees it. A connector answers with the platform's verdict (published, or
 * refused with the platform's own message). When it cannot know the verdict (timeout, server error, a dropped
 * connection after the request went out) it throws {@link PlatformUnreachableException}: the entry becomes UNKNOWN
 * and is settled before any retry. When it knows nothing was published but the platform asks to wait (429, a
 * connection that was never made) it throws {@link RetryLaterException}.
 */
public interface PlatformConnector {

    /** The platform's name as drafts list it, for example {@code sandbox} or {@code mastodon}. */
    String platform();

    /** The longest text the account may post, in the platform's own count. */
    int maxLength(Account account);

    /** The text's length as the platform counts it. */
    default int length(String text) {
        return text.codePointCount(0, text.length());
    }

    /** Publishes one post to the account. */
    PlatformResult publish(Account account, PublishRequest request);

    /**
     * How long the platform honours {@link PublishRequest#idempotencyKey()}: within it a lost answer is settled by
     * sending the same request again, which the platform answers with the post it already made. Zero when the
     * platform has no such key.
     */
    default Duration idempotencyWindow() {
        return Duration.ZERO;
    }

    /** Looks for the post among the account's recent posts, to settle a lost answer without posting again. */
    default Lookup findRecent(Account account, PublishRequest request) {
        return Lookup.unsupported();
    }

    /** Deletes a published post (retraction); a post that is already gone counts as deleted. */
    Deletion delete(Account account, String platformPostId);

    /** What looking for a post found. */
    record Lookup(Kind kind, PlatformResult found) {
        public enum Kind { FOUND, ABSENT, UNSUPPORTED }

        public static Lookup found(String platformPostId, String url) {
            return new Lookup(Kind.FOUND, PlatformResult.published(platformPostId, url));
        }

        public static Lookup absent() {
            return new Lookup(Kind.ABSENT, null);
        }

        public static Lookup unsupported() {
            return new Lookup(Kind.UNSUPPORTED, null);
        }
    }

    /** A platform's answer to a delete: its own message when it refused. */
    record Deletion(boolean deleted, String error) {
        public static Deletion done() {
            return new Deletion(true, null);
        }

        public static Deletion refused(String error) {
            return new Deletion(false, error);
        }
    }
}
