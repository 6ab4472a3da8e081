package dev.crier.events;

import java.time.Instant;
import java.util.List;

/** On posts.published or posts.publish-failed: how publishing a post went, platform by platform. */
public record PublishOutcome(String postId, Status status, List<PlatformResult> results, Instant completedAt) implements PostEvent {

    public PublishOutcome {
        results = results == null ? List.of() : List.copyOf(results);
    }

    public enum Status {
        PUBLISHED, PARTIALLY_PUBLISHED, PUBLISH_FAILED
    }

    /**
     * One platform's answer for one account: its post id and URL when it published, its own error message when not.
     * NEEDS_ATTENTION means nobody can tell whether it published (a lost answer that could not be settled): a person
     * must look, and nothing is retried on a guess.
     */
    public record PlatformResult(String platform, String account, State state, String platformPostId, String url,
                                 String error) {

        public boolean published() {
            return state == State.PUBLISHED;
        }
    }

    public enum State {
        PUBLISHED, FAILED, NEEDS_ATTENTION
    }

    /** The overall status that a set of per-platform results adds up to. */
    public static Status statusOf(List<PlatformResult> results) {
        long ok = results.stream().filter(PlatformResult::published).count();
        if (ok == 0) {
            return Status.PUBLISH_FAILED;
        }
        return ok == results.size() ? Status.PUBLISHED : Status.PARTIALLY_PUBLISHED;
    }
}
