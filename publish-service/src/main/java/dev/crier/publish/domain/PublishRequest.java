package dev.crier.publish.domain;

import java.util.List;

/**
 * What a connector publishes: the text, its languages (two for a bilingual post, English first), and a key that is
 * the same every time this post goes to this platform, so that a platform that honours it never publishes a retry
 * twice.
 */
public record PublishRequest(String postId, String platform, String text, List<String> languages, String idempotencyKey) {

    public PublishRequest {
        languages = List.copyOf(languages);
    }

    public static PublishRequest of(String postId, String platform, PostText text) {
        return new PublishRequest(postId, platform, text.text(), text.languages(), idempotencyKey(postId, platform));
    }

    /** {@code <postId>:<platform>}: one key per post and platform. */
    public static String idempotencyKey(String postId, String platform) {
        return postId + ":" + platform;
    }

    /** The first language: what a platform that takes one language is told. */
    public String language() {
        return languages.isEmpty() ? null : languages.get(0);
    }
}
