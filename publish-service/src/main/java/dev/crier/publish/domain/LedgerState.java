package dev.crier.publish.domain;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * Where publishing one post to one platform stands. An entry opens PENDING just before the platform is called and
 * moves to PUBLISHED or FAILED with the platform's answer; a final state never changes again, which is what keeps a
 * redelivered approval from publishing twice.
 */
public enum LedgerState {
    PENDING, PUBLISHED, FAILED;

    /** The states this one may move to. */
    public Set<LedgerState> next() {
        return switch (this) {
            case PENDING -> EnumSet.of(PUBLISHED, FAILED);
            case PUBLISHED, FAILED -> EnumSet.noneOf(LedgerState.class);
        };
    }

    public boolean canMoveTo(LedgerState target) {
        return next().contains(target);
    }

    /** Final: the platform's answer is known and the platform is never called again for this post. */
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
