package dev.crier.events;

import java.time.Instant;
import java.util.List;

/** On posts.retracted: a published post was taken down, platform by platform, at a comms-head's request. */
public record PostRetracted(String postId, String retractedBy, String reason, List<Retraction> results,
                            Instant retractedAt) implements PostEvent {

    public PostRetracted {
        results = results == null ? List.of() : List.copyOf(results);
    }

    /** One platform's answer to the delete: {@code error} holds its own message when it refused. */
    public record Retraction(String platform, String account, String platformPostId, boolean retracted, String error) {
    }
}
