package dev.crier.publish.domain;

/**
 * One social platform, as the publisher sees it. A connector answers with the platform's verdict (published, or
 * refused with the platform's own message); when it cannot know the verdict (network error, timeout, server error)
 * it throws {@link PlatformUnreachableException}, so the ledger entry stays PENDING and the call is retried with
 * the same idempotency key.
 */
public interface PlatformConnector {

    /** The platform's name as drafts list it, for example {@code sandbox} or {@code mastodon}. */
    String platform();

    /**
     * Publishes one post.
     *
     * @throws PlatformUnreachableException when the platform's answer is not known
     */
    PlatformResult publish(PublishRequest request);
}
