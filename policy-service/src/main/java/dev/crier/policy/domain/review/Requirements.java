package dev.crier.policy.domain.review;

import java.time.Duration;

/**
 * What the policy asks of one draft's review, fixed when the draft enters the queue (so a later policy change does
 * not move the goalposts of a review under way).
 *
 * @param commsHead     at least one approval must come from a comms-head
 * @param approvals     how many different people must approve (1 or 2)
 * @param escalateAfter how long the draft may wait before it is escalated
 */
public record Requirements(boolean commsHead, int approvals, Duration escalateAfter) {
}
