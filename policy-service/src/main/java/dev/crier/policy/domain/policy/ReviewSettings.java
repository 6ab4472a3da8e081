package dev.crier.policy.domain.policy;

import dev.crier.events.Draft;
import dev.crier.events.Finding;
import dev.crier.policy.domain.review.Requirements;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The policy file's {@code review:} section: which drafts need the head of communications, which need two people,
 * and how long a draft may wait before it is escalated.
 *
 * @param commsHeadRules        a finding of one of these rules means a comms-head must approve
 * @param commsHeadCategories   drafts of these categories need a comms-head approval
 * @param twoApprovalCategories drafts of these categories need approvals from two different people
 * @param escalateAfter         how long a draft may wait before it is escalated
 * @param escalateAfterByCategory the same, for the categories that may wait less (or more)
 */
public record ReviewSettings(Set<String> commsHeadRules, Set<String> commsHeadCategories,
                             Set<String> twoApprovalCategories, Duration escalateAfter,
                             Map<String, Duration> escalateAfterByCategory) {

    public static final Duration DEFAULT_ESCALATE_AFTER = Duration.ofHours(4);
    public static final Map<String, Duration> DEFAULT_ESCALATE_AFTER_BY_CATEGORY = Map.of("health-safety", Duration.ofMinutes(30));

    public ReviewSettings {
        commsHeadRules = Set.copyOf(commsHeadRules);
        commsHeadCategories = Set.copyOf(commsHeadCategories);
        twoApprovalCategories = Set.copyOf(twoApprovalCategories);
        escalateAfterByCategory = Map.copyOf(escalateAfterByCategory);
    }

    /** What a policy without a {@code review:} section asks: one approval by anyone but the author, 4 h, 30 min for health-safety. */
    public static ReviewSettings defaults() {
        return new ReviewSettings(Set.of(), Set.of(), Set.of(), DEFAULT_ESCALATE_AFTER, DEFAULT_ESCALATE_AFTER_BY_CATEGORY);
    }

    /** What this policy asks of the review of one draft with these findings. */
    public Requirements requirementsFor(Draft draft, List<Finding> findings) {
        String category = draft.category();
        boolean commsHead = (category != null && commsHeadCategories.contains(category))
                || findings.stream().anyMatch(f -> commsHeadRules.contains(f.ruleId()));
        int approvals = category != null && twoApprovalCategories.contains(category) ? 2 : 1;
        Duration escalate = category == null ? escalateAfter : escalateAfterByCategory.getOrDefault(category, escalateAfter);
        return new Requirements(commsHead, approvals, escalate);
    }
}
