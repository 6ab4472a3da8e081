package dev.crier.publish.domain;

import dev.crier.events.PublishOutcome;

/** One line of the publish ledger: a post on a platform, its state, and the platform's answer once known. */
public record LedgerEntry(String postId, String platform, LedgerState state, String platformPostId, String url,
                          String error) {

    /** The final entry a platform's answer makes. */
    public static LedgerEntry answered(String postId, String platform, PlatformResult answer) {
        return new LedgerEntry(postId, platform, answer.published() ? LedgerState.PUBLISHED : LedgerState.FAILED,
                answer.platformPostId(), answer.url(), answer.error());
    }

    /** The entry as the outcome event reports it; only a final entry has a result to report. */
    public PublishOutcome.PlatformResult toResult() {
        if (!state.isFinal()) {
            throw new IllegalStateException(platform + " for post " + postId + " is still " + state);
        }
        return new PublishOutcome.PlatformResult(platform, null,
                state == LedgerState.PUBLISHED ? PublishOutcome.State.PUBLISHED : PublishOutcome.State.FAILED,
                platformPostId, url, error);
    }
}
