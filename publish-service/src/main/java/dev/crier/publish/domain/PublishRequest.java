package dev.crier.publish.domain;

/**
 * What a connector publishes: the text in its language, and a key that is the same every time this post goes to
 * this platform, so that a platform that honours it never publishes a retry twice.
 */
public record PublishRequest(String postId, String platform, String text, String language, String idempotencyKey) {

    public static PublishRequest of(String postId, String platform, String text, String language) {
        return new PublishRequest(postId, platform, text, language, idempotencyKey(postId, platform));
    }

    /** {@code <postId>:<platform>}: one key per post and platform. */
    public static String idempotencyKey(String postId, String platform) {
        return postId + ":" + platform;
    }
}
