package dev.crier.policy.domain;

import dev.crier.events.Decision;
import dev.crier.events.Draft;
import dev.crier.events.Finding;
import dev.crier.events.PolicyRef;
import dev.crier.policy.domain.rules.Rule;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PolicyEngineTest {

    static final PolicyRef REF = new PolicyRef("p", "1", "a".repeat(64));
    static final Draft DRAFT = TestEngines.draft("anything", "en", List.of("sandbox"), List.of());

    static Rule rule(String id, Finding.Action action) {
        return new Rule() {
            public String id() {
                return id;
            }

            public List<Finding> check(ScannedDraft d) {
                return List.of(new Finding(id, action, false, "m", "m", "en", 0, 1, null, null));
            }
        };
    }

    static Rule broken(String id) {
        return new Rule() {
            public String id() {
                return id;
            }

            public List<Finding> check(ScannedDraft d) {
                throw new IllegalStateException("boom");
            }
        };
    }

    @Test
    void anyBlockRejectsAnyReviewSendsToAPersonOtherwiseApproved() {
        assertThat(new PolicyEngine(REF, List.of(rule("a", Finding.Action.REVIEW), rule("b", Finding.Action.BLOCK)), Set.of())
                .evaluate(DRAFT).decision()).isEqualTo(Decision.REJECTED);
        var review = new PolicyEngine(REF, List.of(rule("a", Finding.Action.REVIEW), rule("b", Finding.Action.ADVISORY)), Set.of())
                .evaluate(DRAFT);
        assertThat(review.decision()).isEqualTo(Decision.NEEDS_REVIEW);
        assertThat(review.riskScore()).isEqualTo(30);
        assertThat(new PolicyEngine(REF, List.of(rule("a", Finding.Action.ADVISORY)), Set.of()).evaluate(DRAFT).decision())
                .isEqualTo(Decision.APPROVED);
    }

    @Test
    void shadowRulesAreRecordedButNeverDecide() {
        var e = new PolicyEngine(REF, List.of(rule("new.rule", Finding.Action.BLOCK), rule("a", Finding.Action.ADVISORY)),
                Set.of("new.rule")).evaluate(DRAFT);
        assertThat(e.decision()).isEqualTo(Decision.APPROVED);
        assertThat(e.shadowFindings()).extracting(Finding::ruleId).containsExactly("new.rule");
        assertThat(e.findings()).extracting(Finding::ruleId).containsExactly("a");
    }

    @Test
    void aRuleThatThrowsSendsTheDraftToReviewAndTheOtherRulesStillRun() {
        var withBlock = new PolicyEngine(REF, List.of(broken("x"), rule("b", Finding.Action.BLOCK)), Set.of()).evaluate(DRAFT);
        assertThat(withBlock.decision()).isEqualTo(Decision.REJECTED);
        assertThat(withBlock.findings()).extracting(Finding::ruleId).containsExactly("engine.error", "b");
        var alone = new PolicyEngine(REF, List.of(broken("x")), Set.of()).evaluate(DRAFT);
        assertThat(alone.decision()).isEqualTo(Decision.NEEDS_REVIEW);
        assertThat(alone.findings().get(0).message()).contains("x");
    }

    @Test
    void theDefaultPolicyApprovesACleanBilingualDraft() {
        var e = TestEngines.engine("canada-federal").evaluate(TestEngines.bilingual(
                "Flu clinics open Monday across the region.", "Les cliniques de grippe ouvrent lundi dans la région."));
        assertThat(e.findings()).isEmpty();
        assertThat(e.decision()).isEqualTo(Decision.APPROVED);
        assertThat(e.policy().id()).isEqualTo("canada-federal");
    }
}
