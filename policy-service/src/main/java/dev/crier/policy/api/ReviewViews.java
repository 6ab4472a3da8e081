package dev.crier.policy.api;

import dev.crier.events.Draft;
import dev.crier.events.Finding;
import dev.crier.events.PolicyRef;
import dev.crier.policy.domain.review.ReviewCase;
import dev.crier.policy.store.ReviewStore.HistoryEntry;
import dev.crier.policy.store.ReviewStore.Stored;

import java.time.Instant;
import java.util.List;

/** What the review API shows of the queue. */
public final class ReviewViews {

    private ReviewViews() {
    }

    /** What the policy asks of the review: a comms-head's approval, how many people, how long it may wait. */
    public record RequirementsView(boolean commsHead, int approvals, String escalateAfter) {
    }

    /** One line of the queue. */
    public record Summary(String postId, ReviewCase.Status status, String category, String department, List<String> platforms,
                          String authorId, Instant publishAt, Instant receivedAt, Instant escalatedAt, int approvals,
                          RequirementsView requirements, List<String> rules, String excerpt) {
        static Summary of(Stored s) {
            ReviewCase r = s.review();
            String text = s.decided().draft().text();
            return new Summary(r.postId(), r.status(), r.category(), s.department(), s.platforms(), r.authorId(),
                    r.publishAt(), r.receivedAt(), r.escalatedAt(), r.approvals().size(), requirementsOf(r),
                    s.decided().findings().stream().map(Finding::ruleId).distinct().toList(),
                    text.length() <= 140 ? text : text.substring(0, 139) + "…");
        }
    }

    /**
     * One review in full: the draft, the findings with their spans (UTF-16 offsets into the named version), the
     * policy it was decided under, the approvals so far and every step of its history. {@code eventPending}: an
     * outcome is recorded but Kafka has not acknowledged its event yet (it is sent again until it does).
     */
    public record Detail(String postId, ReviewCase.Status status, long version, int riskScore, PolicyRef policy, Draft draft,
                         List<Finding> findings, RequirementsView requirements, List<ReviewCase.Approval> approvals,
                         Instant publishAt, Instant receivedAt, Instant escalateAt, Instant escalatedAt,
                         List<HistoryEntry> history, boolean eventPending) {
        static Detail of(Stored s) {
            ReviewCase r = s.review();
            return new Detail(r.postId(), r.status(), s.version(), s.decided().riskScore(), s.decided().policy(),
                    s.decided().draft(), s.decided().findings(), requirementsOf(r), r.approvals(), r.publishAt(),
                    r.receivedAt(), r.escalateAt(), r.escalatedAt(), s.history(), s.eventPending());
        }
    }

    private static RequirementsView requirementsOf(ReviewCase r) {
        return new RequirementsView(r.requirements().commsHead(), r.requirements().approvals(),
                r.requirements().escalateAfter().toString());
    }
}
