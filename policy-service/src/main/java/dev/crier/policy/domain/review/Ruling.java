package dev.crier.policy.domain.review;

/** What the review rules make of a judgement: the case as it now stands, or why the judgement is refused. */
public sealed interface Ruling {

    /** The judgement counts; {@code next} is the case after it (still PENDING when more approvals are needed). */
    record Accepted(ReviewCase next) implements Ruling {
        public boolean complete() {
            return next.status() != ReviewCase.Status.PENDING;
        }
    }

    /**
     * The judgement is refused. FORBIDDEN: this person may not decide this way; CONFLICT: the case's state does not
     * allow it (decided already, expired); INVALID: the judgement itself is incomplete.
     */
    record Refused(Kind kind, String code, String detail) implements Ruling {
        public enum Kind {
            FORBIDDEN, CONFLICT, INVALID
        }
    }
}
