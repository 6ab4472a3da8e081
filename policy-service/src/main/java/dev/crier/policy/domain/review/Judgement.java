package dev.crier.policy.domain.review;

import java.time.Instant;

/**
 * A reviewer's decision on a draft, as asked.
 *
 * @param reason       why; required to reject or request changes
 * @param newPublishAt a new time to publish, which only a comms-head may give, with an approval
 */
public record Judgement(Verdict verdict, String reason, Instant newPublishAt, Reviewer by) {

    public enum Verdict {
        APPROVE, REJECT, REQUEST_CHANGES
    }

    /** The person deciding: the token's subject, and whether they hold the comms-head role. */
    public record Reviewer(String subject, boolean commsHead) {
        public String role() {
            return commsHead ? "comms-head" : "reviewer";
        }
    }

    public boolean hasReason() {
        return reason != null && !reason.isBlank();
    }
}
