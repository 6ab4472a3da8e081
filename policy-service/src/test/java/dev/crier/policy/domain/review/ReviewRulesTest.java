package dev.crier.policy.domain.review;

import dev.crier.policy.domain.review.Judgement.Reviewer;
import dev.crier.policy.domain.review.Judgement.Verdict;
import dev.crier.policy.domain.review.ReviewCase.Status;
import dev.crier.policy.domain.review.Ruling.Accepted;
import dev.crier.policy.domain.review.Ruling.Refused;
import dev.crier.policy.domain.review.Ruling.Refused.Kind;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Each review rule on its own: every test fails if its rule is dropped. */
class ReviewRulesTest {

    static final Instant NOW = Instant.parse("2026-11-02T15:00:00Z");
    static final Reviewer AUTHOR = new Reviewer("u-author", false);
    static final Reviewer ALEX = new Reviewer("u-alex", false);
    static final Reviewer SAM = new Reviewer("u-sam", false);
    static final Reviewer HEAD = new Reviewer("u-head", true);
    static final Requirements ONE = new Requirements(false, 1, Duration.ofHours(4));

    static ReviewCase pending(Requirements requirements, Instant publishAt) {
        return ReviewCase.received("p-1", "u-author", "cms-submitter", null, publishAt, requirements, NOW.minus(Duration.ofMinutes(10)));
    }

    static Judgement approve(Reviewer by) {
        return new Judgement(Verdict.APPROVE, null, null, by);
    }

    static Ruling.Accepted accepted(Ruling r) {
        assertThat(r).isInstanceOf(Accepted.class);
        return (Accepted) r;
    }

    static void refused(Ruling r, Kind kind, String code) {
        assertThat(r).isInstanceOf(Refused.class);
        assertThat(((Refused) r).kind()).isEqualTo(kind);
        assertThat(((Refused) r).code()).isEqualTo(code);
    }

    @Test
    void anotherPersonsApprovalApproves() {
        Accepted a = accepted(ReviewRules.judge(pending(ONE, null), approve(ALEX), NOW));
        assertThat(a.next().status()).isEqualTo(Status.APPROVED);
        assertThat(a.next().approvals()).extracting(ReviewCase.Approval::reviewer).containsExactly("u-alex");
        assertThat(a.complete()).isTrue();
    }

    @Test
    void nobodyJudgesTheirOwnDraft() {
        refused(ReviewRules.judge(pending(ONE, null), approve(AUTHOR), NOW), Kind.FORBIDDEN, "own-draft");
        refused(ReviewRules.judge(pending(ONE, null), approve(new Reviewer("u-author", true)), NOW), Kind.FORBIDDEN, "own-draft");
    }

    @Test
    void nobodyJudgesADraftTheySubmittedWhateverAuthorTheBodyNames() {
        // The submitter's subject comes from its token, so a body naming someone else as author changes nothing.
        Reviewer submitter = new Reviewer("cms-submitter", true);
        refused(ReviewRules.judge(pending(ONE, null), approve(submitter), NOW), Kind.FORBIDDEN, "own-draft");
        refused(ReviewRules.judge(pending(ONE, null), new Judgement(Verdict.REJECT, "no", null, submitter), NOW),
                Kind.FORBIDDEN, "own-draft");
        // Where the submitter is not known (a draft decided before it was kept), the author rule still holds.
        ReviewCase unknownSubmitter = ReviewCase.received("p-2", "u-author", null, null, null, ONE, NOW);
        accepted(ReviewRules.judge(unknownSubmitter, approve(submitter), NOW));
        refused(ReviewRules.judge(unknownSubmitter, approve(AUTHOR), NOW), Kind.FORBIDDEN, "own-draft");
    }

    @Test
    void aReviewerWithoutSubjectJudgesNothing() {
        refused(ReviewRules.judge(pending(ONE, null), approve(new Reviewer(null, true)), NOW), Kind.FORBIDDEN, "own-draft");
    }

    @Test
    void rejectAndRequestChangesNeedAReason() {
        refused(ReviewRules.judge(pending(ONE, null), new Judgement(Verdict.REJECT, " ", null, ALEX), NOW), Kind.INVALID, "reason-required");
        refused(ReviewRules.judge(pending(ONE, null), new Judgement(Verdict.REQUEST_CHANGES, null, null, ALEX), NOW), Kind.INVALID, "reason-required");
        assertThat(accepted(ReviewRules.judge(pending(ONE, null), new Judgement(Verdict.REJECT, "Partisan", null, ALEX), NOW))
                .next().status()).isEqualTo(Status.REJECTED);
        assertThat(accepted(ReviewRules.judge(pending(ONE, null), new Judgement(Verdict.REQUEST_CHANGES, "Add French", null, ALEX), NOW))
                .next().status()).isEqualTo(Status.CHANGES_REQUESTED);
    }

    @Test
    void aDecidedDraftCannotBeDecidedAgain() {
        ReviewCase approved = accepted(ReviewRules.judge(pending(ONE, null), approve(ALEX), NOW)).next();
        refused(ReviewRules.judge(approved, approve(SAM), NOW), Kind.CONFLICT, "already-decided");
        refused(ReviewRules.judge(approved, new Judgement(Verdict.REJECT, "late", null, SAM), NOW), Kind.CONFLICT, "already-decided");
    }

    @Test
    void theDraftsThePolicyNamesNeedACommsHead() {
        Requirements commsHead = new Requirements(true, 1, Duration.ofHours(4));
        refused(ReviewRules.judge(pending(commsHead, null), approve(ALEX), NOW), Kind.FORBIDDEN, "comms-head-required");
        assertThat(accepted(ReviewRules.judge(pending(commsHead, null), approve(HEAD), NOW)).next().status()).isEqualTo(Status.APPROVED);
        // A reviewer may still reject it.
        assertThat(accepted(ReviewRules.judge(pending(commsHead, null), new Judgement(Verdict.REJECT, "no", null, ALEX), NOW))
                .next().status()).isEqualTo(Status.REJECTED);
    }

    @Test
    void twoApprovalCategoriesNeedTwoDifferentPeople() {
        Requirements two = new Requirements(false, 2, Duration.ofHours(4));
        ReviewCase once = accepted(ReviewRules.judge(pending(two, null), approve(ALEX), NOW)).next();
        assertThat(once.status()).isEqualTo(Status.PENDING);
        refused(ReviewRules.judge(once, approve(ALEX), NOW), Kind.FORBIDDEN, "second-approval-by-another-person");
        ReviewCase twice = accepted(ReviewRules.judge(once, approve(SAM), NOW)).next();
        assertThat(twice.status()).isEqualTo(Status.APPROVED);
        assertThat(twice.approvals()).extracting(ReviewCase.Approval::reviewer).containsExactly("u-alex", "u-sam");
    }

    @Test
    void withTwoApprovalsAndACommsHeadOneOfTheTwoIsTheCommsHead() {
        Requirements both = new Requirements(true, 2, Duration.ofHours(4));
        ReviewCase once = accepted(ReviewRules.judge(pending(both, null), approve(ALEX), NOW)).next();
        refused(ReviewRules.judge(once, approve(SAM), NOW), Kind.FORBIDDEN, "comms-head-required");
        assertThat(accepted(ReviewRules.judge(once, approve(HEAD), NOW)).next().status()).isEqualTo(Status.APPROVED);
    }

    @Test
    void aDraftIsNeverApprovedToGoOutLate() {
        ReviewCase late = pending(ONE, NOW.minusSeconds(1));
        refused(ReviewRules.judge(late, approve(ALEX), NOW), Kind.CONFLICT, "expired");
        refused(ReviewRules.judge(late, approve(HEAD), NOW), Kind.CONFLICT, "expired");
        assertThat(accepted(ReviewRules.judge(pending(ONE, NOW.plusSeconds(60)), approve(ALEX), NOW)).next().status())
                .isEqualTo(Status.APPROVED);
    }

    @Test
    void onlyACommsHeadGivesANewPublishAtAndItMustBeAhead() {
        Instant later = NOW.plus(Duration.ofHours(2));
        ReviewCase late = pending(ONE, NOW.minusSeconds(1));
        refused(ReviewRules.judge(late, new Judgement(Verdict.APPROVE, null, later, ALEX), NOW), Kind.FORBIDDEN, "comms-head-required");
        refused(ReviewRules.judge(late, new Judgement(Verdict.APPROVE, null, NOW.minusSeconds(5), HEAD), NOW), Kind.INVALID, "publish-at-passed");
        refused(ReviewRules.judge(late, new Judgement(Verdict.REJECT, "x", later, HEAD), NOW), Kind.INVALID, "publish-at-with-approval-only");
        ReviewCase moved = accepted(ReviewRules.judge(late, new Judgement(Verdict.APPROVE, null, later, HEAD), NOW)).next();
        assertThat(moved.status()).isEqualTo(Status.APPROVED);
        assertThat(moved.publishAt()).isEqualTo(later);
    }

    @Test
    void expiryMarksAWaitingDraftWhosePublishAtPassed() {
        assertThat(ReviewRules.expire(pending(ONE, NOW.plusSeconds(1)), NOW)).isEmpty();
        assertThat(ReviewRules.expire(pending(ONE, null), NOW)).isEmpty();
        ReviewCase expired = ReviewRules.expire(pending(ONE, NOW), NOW).orElseThrow();
        assertThat(expired.status()).isEqualTo(Status.EXPIRED);
        assertThat(ReviewRules.expire(expired, NOW)).as("expires once").isEmpty();
        // Expired is final unless a comms-head gives a new time.
        refused(ReviewRules.judge(expired, approve(ALEX), NOW), Kind.CONFLICT, "already-decided");
        refused(ReviewRules.judge(expired, new Judgement(Verdict.REJECT, "late", null, ALEX), NOW), Kind.CONFLICT, "already-decided");
        assertThat(accepted(ReviewRules.judge(expired, new Judgement(Verdict.APPROVE, null, NOW.plusSeconds(3600), HEAD), NOW))
                .next().status()).isEqualTo(Status.APPROVED);
    }

    @Test
    void escalationComesOnceAfterThePolicysLimit() {
        Requirements halfHour = new Requirements(false, 1, Duration.ofMinutes(30));
        ReviewCase waiting = ReviewCase.received("p-1", "u-author", "cms-submitter", "health-safety", null, halfHour, NOW);
        assertThat(ReviewRules.escalate(waiting, NOW.plus(Duration.ofMinutes(29)))).isEmpty();
        ReviewCase escalated = ReviewRules.escalate(waiting, NOW.plus(Duration.ofMinutes(30))).orElseThrow();
        assertThat(escalated.escalatedAt()).isEqualTo(NOW.plus(Duration.ofMinutes(30)));
        assertThat(escalated.status()).isEqualTo(Status.PENDING);
        assertThat(ReviewRules.escalate(escalated, NOW.plus(Duration.ofHours(5)))).as("only once").isEmpty();
        ReviewCase decided = accepted(ReviewRules.judge(waiting, approve(ALEX), NOW)).next();
        assertThat(ReviewRules.escalate(decided, NOW.plus(Duration.ofHours(5)))).as("a decided draft is not escalated").isEmpty();
    }
}
