package dev.crier.publish.domain;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * Where publishing one post to one platform stands.
 * <ul>
 * <li>QUEUED: waiting for its time (a scheduled post, a retry after a transient failure, a rate limit).</li>
 * <li>PENDING: written just before the platform is called; the call is under way until its time limit.</li>
 * <li>UNKNOWN: the answer was lost (a crash, a timeout, a 5xx): it is settled before anything else is sent.</li>
 * <li>PUBLISHED, FAILED (the platform's own message), NEEDS_ATTENTION (could not be settled: a person must look):
 * final, never called again.</li>
 * </ul>
 */
public enum LedgerState {
    QUEUED, PENDING, UNKNOWN, PUBLISHED, FAILED, NEEDS_ATTENTION;

    /** The states this one may move to. */
    public Set<LedgerState> next() {
        return switch (this) {
            // QUEUED -> QUEUED: rescheduled (rate limit) without a call.
            case QUEUED -> EnumSet.of(QUEUED, PENDING, FAILED);
            // PENDING -> QUEUED only when the platform surely did not publish (429, no connection).
            case PENDING -> EnumSet.of(PUBLISHED, FAILED, QUEUED, UNKNOWN);
            // UNKNOWN -> PENDING: the same idempotency key sent again; -> QUEUED: a lookup showed nothing was posted;
            // UNKNOWN -> UNKNOWN: the lookup itself failed and is tried again later; -> FAILED: retries ran out and
            // the lookup shows nothing was posted.
            case UNKNOWN -> EnumSet.of(PENDING, PUBLISHED, FAILED, QUEUED, UNKNOWN, NEEDS_ATTENTION);
            case PUBLISHED, FAILED, NEEDS_ATTENTION -> EnumSet.noneOf(LedgerState.class);
        };
    }

    public boolean canMoveTo(LedgerState target) {
        return next().contains(target);
    }

    /** Final: the platform is never called again for this post. */
    public boolean isFinal() {
        return next().isEmpty();
    }

    /** The states from which an entry may move to this one. */
    public Set<LedgerState> allowedFrom() {
        Set<LedgerState> from = EnumSet.noneOf(LedgerState.class);
        Arrays.stream(values()).filter(s -> s.canMoveTo(this)).forEach(from::add);
        return from;
    }
}
