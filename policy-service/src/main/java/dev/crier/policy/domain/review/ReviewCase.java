package dev.crier.policy.domain.review;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One draft in review, as far as the review rules care: who wrote it and who submitted it, when it should go out, what
 * the policy asks of its review, and the approvals it has so far.
 *
 * @param authorId    the draft's author.id, as the submitter wrote it
 * @param submitterId the subject of the token that submitted the draft, or null where it is not known
 * @param publishAt   when the draft should go out; a comms-head's new time replaces the author's
 * @param escalatedAt when it was escalated for waiting too long, or null
 */
public record ReviewCase(String postId, String authorId, String submitterId, String category, Instant publishAt,
                         Requirements requirements, Status status, List<Approval> approvals, Instant receivedAt, Instant escalatedAt) {

    public enum Status {
        PENDING, APPROVED, REJECTED, CHANGES_REQUESTED, EXPIRED
    }

    /** One person's approval. */
    public record Approval(String reviewer, boolean commsHead, Instant at) {
    }

    public ReviewCase {
        approvals = List.copyOf(approvals);
    }

    /** A draft that has just come in: pending, no approvals. */
    public static ReviewCase received(String postId, String authorId, String submitterId, String category, Instant publishAt,
                                      Requirements requirements, Instant receivedAt) {
        return new ReviewCase(postId, authorId, submitterId, category, publishAt, requirements, Status.PENDING, List.of(),
                receivedAt, null);
    }

    /** When the draft is escalated if nobody has decided by then. */
    public Instant escalateAt() {
        return receivedAt.plus(requirements.escalateAfter());
    }

    ReviewCase with(Status next, List<Approval> nextApprovals, Instant nextPublishAt, Instant nextEscalatedAt) {
        return new ReviewCase(postId, authorId, submitterId, category, nextPublishAt, requirements, next, nextApprovals,
                receivedAt, nextEscalatedAt);
    }

    ReviewCase approvedBy(Approval approval, Status next, Instant nextPublishAt) {
        List<Approval> all = new ArrayList<>(approvals);
        all.add(approval);
        return with(next, all, nextPublishAt, escalatedAt);
    }
}
