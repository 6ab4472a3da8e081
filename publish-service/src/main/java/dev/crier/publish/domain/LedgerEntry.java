package dev.crier.publish.domain;

import dev.crier.events.PublishOutcome;

import java.time.Instant;

/**
 * One line of the publish ledger: a post on a platform's account, its state, when it is next due (for QUEUED and
 * UNKNOWN; the attempt's deadline for PENDING), how many calls were made, and the platform's answer once known.
 */
public record LedgerEntry(String postId, String platform, String account, LedgerState state, int attempts,
                          Instant dueAt, Instant firstAttemptAt, String platformPostId, String url, String error) {

    public static LedgerEntry queued(String postId, String platform, String account, Instant dueAt) {
        return new LedgerEntry(postId, platform, account, LedgerState.QUEUED, 0, dueAt, null, null, null, null);
    }

    public static LedgerEntry failedAtOnce(String postId, String platform, String account, String error) {
        return new LedgerEntry(postId, platform, account, LedgerState.FAILED, 0, null, null, null, null, error);
    }

    /** The call is about to be made: one more attempt, due to be answered by {@code deadline}. */
    public LedgerEntry calling(Instant now, Instant deadline) {
        return new LedgerEntry(postId, platform, account, LedgerState.PENDING, attempts + 1, deadline,
                firstAttemptAt == null ? now : firstAttemptAt, null, null, null);
    }

    public LedgerEntry answered(PlatformResult answer) {
        return new LedgerEntry(postId, platform, account, answer.published() ? LedgerState.PUBLISHED : LedgerState.FAILED,
                attempts, null, firstAttemptAt, answer.platformPostId(), answer.url(), answer.error());
    }

    public LedgerEntry failed(String message) {
        return answered(PlatformResult.failed(message));
    }

    public LedgerEntry queuedAgain(Instant dueAt, String why) {
        return new LedgerEntry(postId, platform, account, LedgerState.QUEUED, attempts, dueAt, firstAttemptAt, null, null, why);
    }

    public LedgerEntry unknown(Instant settleAt, String why) {
        return new LedgerEntry(postId, platform, account, LedgerState.UNKNOWN, attempts, settleAt, firstAttemptAt, null, null, why);
    }

    /** A lookup that failed counts as an attempt, so that settling cannot go on for ever. */
    public LedgerEntry stillUnknown(Instant settleAt, String why) {
        return new LedgerEntry(postId, platform, account, LedgerState.UNKNOWN, attempts + 1, settleAt, firstAttemptAt, null, null, why);
    }

    public LedgerEntry needsAttention(String why) {
        return new LedgerEntry(postId, platform, account, LedgerState.NEEDS_ATTENTION, attempts, null, firstAttemptAt, null, null, why);
    }

    /** The entry as the outcome event reports it; only a final entry has a result to report. */
    public PublishOutcome.PlatformResult toResult() {
        PublishOutcome.State reported = switch (state) {
            case PUBLISHED -> PublishOutcome.State.PUBLISHED;
            case FAILED -> PublishOutcome.State.FAILED;
            case NEEDS_ATTENTION -> PublishOutcome.State.NEEDS_ATTENTION;
            default -> throw new IllegalStateException(platform + " for post " + postId + " is still " + state);
        };
        return new PublishOutcome.PlatformResult(platform, account, reported, platformPostId, url, error);
    }
}
