package dev.crier.policy.domain.policy;

import dev.crier.events.Draft;
import dev.crier.events.Finding;
import dev.crier.policy.domain.TestEngines;
import dev.crier.policy.domain.review.Requirements;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The policy file's review: section, its defaults, its line-numbered errors, and what it asks of a draft. */
class ReviewSettingsTest {

    static final String HEAD = "id: p\nversion: 1\nprofile: generic\nrules:\n  privacy.email: { action: REVIEW }\n";
    final PolicyParser parser = new PolicyParser();

    @Test
    void aPolicyWithoutAReviewSectionGetsTheDefaults() {
        ReviewSettings review = parser.parse(HEAD).review();
        assertThat(review.escalateAfter()).isEqualTo(Duration.ofHours(4));
        assertThat(review.escalateAfterByCategory()).containsEntry("health-safety", Duration.ofMinutes(30));
        assertThat(review.commsHeadRules()).isEmpty();
        assertThat(review.twoApprovalCategories()).isEmpty();
    }

    @Test
    void readsTheReviewSectionAndKeepsTheHealthSafetyDefault() {
        ReviewSettings review = parser.parse(HEAD + """
                review:
                  commsHeadRules: [neutrality.partisan]
                  commsHeadCategories: [crisis, budget]
                  twoApprovalCategories: [crisis]
                  escalateAfter: 2h
                  escalateAfterByCategory: { crisis: 15m }
                """).review();
        assertThat(review.commsHeadRules()).containsExactly("neutrality.partisan");
        assertThat(review.commsHeadCategories()).containsExactlyInAnyOrder("crisis", "budget");
        assertThat(review.twoApprovalCategories()).containsExactly("crisis");
        assertThat(review.escalateAfter()).isEqualTo(Duration.ofHours(2));
        assertThat(review.escalateAfterByCategory()).containsEntry("crisis", Duration.ofMinutes(15))
                .containsEntry("health-safety", Duration.ofMinutes(30));
    }

    @Test
    void theBuiltInProfilesNameTheirReviewRules() {
        for (String profile : List.of("canada-federal", "generic")) {
            ReviewSettings review = TestEngines.policy(profile).review();
            assertThat(review.commsHeadRules()).as(profile).contains("neutrality.partisan");
            assertThat(review.twoApprovalCategories()).as(profile).contains("crisis");
            assertThat(review.escalateAfterByCategory()).as(profile).containsEntry("health-safety", Duration.ofMinutes(30));
        }
    }

    @Test
    void namesTheLineOfAWrongReviewSetting() {
        assertThatThrownBy(() -> parser.parse(HEAD + "review:\n  escalateAfter: soon\n"))
                .isInstanceOf(InvalidPolicyException.class).hasMessageStartingWith("line 7:").hasMessageContaining("30m, 4h");
        assertThatThrownBy(() -> parser.parse(HEAD + "review:\n  commsHeadRules:\n    - privacy.email\n    - privacy.mail\n"))
                .hasMessageStartingWith("line 9:").hasMessageContaining("unknown rule 'privacy.mail'");
        assertThatThrownBy(() -> parser.parse(HEAD + "review:\n  approvers: 3\n"))
                .hasMessageStartingWith("line 7:").hasMessageContaining("unknown key 'approvers'");
        assertThatThrownBy(() -> parser.parse(HEAD + "review:\n  escalateAfterByCategory: { crisis: 0m }\n"))
                .hasMessageStartingWith("line 7:").hasMessageContaining("escalateAfterByCategory.crisis");
        assertThatThrownBy(() -> parser.parse(HEAD + "review: yes\n")).hasMessageStartingWith("line 6:");
    }

    @Test
    void requirementsFollowTheCategoryAndTheFindings() {
        ReviewSettings review = parser.parse(HEAD + """
                review:
                  commsHeadRules: [neutrality.partisan]
                  commsHeadCategories: [budget]
                  twoApprovalCategories: [crisis]
                """).review();
        Finding partisan = new Finding("neutrality.partisan", Finding.Action.REVIEW, false, "m", "m", "en", 0, 3, "x", null);
        Finding email = new Finding("privacy.email", Finding.Action.REVIEW, true, "m", "m", "en", 0, 3, "x", null);

        assertThat(review.requirementsFor(draft(null), List.of(email))).isEqualTo(new Requirements(false, 1, Duration.ofHours(4)));
        assertThat(review.requirementsFor(draft(null), List.of(email, partisan)).commsHead()).isTrue();
        assertThat(review.requirementsFor(draft("budget"), List.of(email)).commsHead()).isTrue();
        assertThat(review.requirementsFor(draft("crisis"), List.of(email)).approvals()).isEqualTo(2);
        assertThat(review.requirementsFor(draft("health-safety"), List.of(email)).escalateAfter()).isEqualTo(Duration.ofMinutes(30));
    }

    static Draft draft(String category) {
        return new Draft("Hello", "en", null, List.of("sandbox"), null, new Draft.Author("u-1", "Pat", "HC"),
                category, null, null, null);
    }
}
