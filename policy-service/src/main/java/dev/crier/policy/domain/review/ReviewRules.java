package dev.crier.policy.domain.review;

import dev.crier.policy.domain.review.Judgement.Verdict;
import dev.crier.policy.domain.review.ReviewCase.Status;
import dev.crier.policy.domain.review.Ruling.Refused;
import dev.crier.policy.domain.review.Ruling.Refused.Kind;

import java.time.Instant;
import java.util.Optional;

/**
 * The rules of government communications review: nobody judges a draft they wrote or submitted; the drafts the policy
 * names need a comms-head's approval, some need two different people; a draft is never approved to go out after its
 * time unless a comms-head gives it a new one; rejecting or asking for changes needs a reason; a draft waiting too long
 * is escalated once. Plain functions of a case, a judgement and the time.
 */
public final class ReviewRules {

    private ReviewRules() {
    }

    public static Ruling judge(ReviewCase c, Judgement j, Instant now) {
        if (j.verdict() != Verdict.APPROVE && !j.hasReason()) {
            return new Refused(Kind.INVALID, "reason-required",
                    "A reason is required to " + (j.verdict() == Verdict.REJECT ? "reject" : "request changes") + ".");
        }
        if (j.newPublishAt() != null) {
            if (j.verdict() != Verdict.APPROVE) {
                return new Refused(Kind.INVALID, "publish-at-with-approval-only", "A new publishAt goes only with APPROVE.");
            }
            if (!j.by().commsHead()) {
                return new Refused(Kind.FORBIDDEN, "comms-head-required", "Only a comms-head may give a draft a new publishAt.");
            }
            if (!j.newPublishAt().isAfter(now)) {
                return new Refused(Kind.INVALID, "publish-at-passed", "The new publishAt " + j.newPublishAt() + " is not in the future.");
            }
        }
        if (ownDraft(c, j.by().subject())) {
            return new Refused(Kind.FORBIDDEN, "own-draft",
                    "Nobody may judge a draft they wrote or submitted; another reviewer must decide.");
        }
        boolean reopensExpired = c.status() == Status.EXPIRED && j.newPublishAt() != null;
        if (c.status() != Status.PENDING && !reopensExpired) {
            return new Refused(Kind.CONFLICT, "already-decided", "The draft is " + c.status() + " already"
                    + (c.status() == Status.EXPIRED ? "; only a comms-head approving it with a new publishAt can send it on." : "."));
        }
        return switch (j.verdict()) {
            case APPROVE -> approve(c, j, now);
            case REJECT -> new Ruling.Accepted(c.with(Status.REJECTED, c.approvals(), c.publishAt(), c.escalatedAt()));
            case REQUEST_CHANGES -> new Ruling.Accepted(c.with(Status.CHANGES_REQUESTED, c.approvals(), c.publishAt(), c.escalatedAt()));
        };
    }

    private static Ruling approve(ReviewCase c, Judgement j, Instant now) {
        Instant publishAt = j.newPublishAt() != null ? j.newPublishAt() : c.publishAt();
        if (publishAt != null && !publishAt.isAfter(now)) {
            return new Refused(Kind.CONFLICT, "expired", "Its publishAt " + publishAt + " has passed, so it would go out late; "
                    + "only a comms-head approving it with a new publishAt can send it on.");
        }
        if (c.approvals().stream().anyMatch(a -> a.reviewer().equals(j.by().subject()))) {
            return new Refused(Kind.FORBIDDEN, "second-approval-by-another-person",
                    "You approved this draft already; its second approval must come from another person.");
        }
        boolean lastApproval = c.approvals().size() + 1 >= c.requirements().approvals();
        boolean commsHeadApproved = j.by().commsHead() || c.approvals().stream().anyMatch(ReviewCase.Approval::commsHead);
        if (c.requirements().commsHead() && lastApproval && !commsHeadApproved) {
            return new Refused(Kind.FORBIDDEN, "comms-head-required",
                    "The policy requires a comms-head to approve this draft (its category or findings).");
        }
        Status next = lastApproval ? Status.APPROVED : Status.PENDING;
        return new Ruling.Accepted(c.approvedBy(new ReviewCase.Approval(j.by().subject(), j.by().commsHead(), now), next, publishAt));
    }

    /**
     * Whether the reviewer wrote the draft (its author.id) or submitted it (the subject of the submitting token). A
     * reviewer without a subject could be anyone, so counts as both.
     */
    static boolean ownDraft(ReviewCase c, String reviewer) {
        return reviewer == null || reviewer.equals(c.authorId()) || reviewer.equals(c.submitterId());
    }

    /** The case marked EXPIRED when its publishAt passed while it waited; empty when it has not. */
    public static Optional<ReviewCase> expire(ReviewCase c, Instant now) {
        if (c.status() != Status.PENDING || c.publishAt() == null || c.publishAt().isAfter(now)) {
            return Optional.empty();
        }
        return Optional.of(c.with(Status.EXPIRED, c.approvals(), c.publishAt(), c.escalatedAt()));
    }

    /** The case marked escalated when it has waited longer than the policy allows; only once. */
    public static Optional<ReviewCase> escalate(ReviewCase c, Instant now) {
        if (c.status() != Status.PENDING || c.escalatedAt() != null || c.escalateAt().isAfter(now)) {
            return Optional.empty();
        }
        return Optional.of(c.with(c.status(), c.approvals(), c.publishAt(), now));
    }
}
