package dev.crier.publish.domain;

/** A platform's verdict on one post: its id and URL for the post when it published, its own message when not. */
public record PlatformResult(boolean published, String platformPostId, String url, String error) {

    public static PlatformResult published(String platformPostId, String url) {
        return new PlatformResult(true, platformPostId, url, null);
    }

    public static PlatformResult failed(String error) {
        return new PlatformResult(false, null, null, error);
    }
}
