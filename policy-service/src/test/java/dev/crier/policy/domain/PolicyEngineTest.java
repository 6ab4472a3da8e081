package dev.crier.policy.domain;

import dev.crier.events.Decision;
import dev.crier.events.Draft;
import dev.crier.events.Finding;
import dev.crier.policy.domain.rules.AltTextRule;
import dev.crier.policy.domain.rules.Rule;
import dev.crier.policy.domain.rules.SinRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PolicyEngineTest {

    final PolicyEngine engine = new PolicyEngine("canada-federal", "0.1", List.of(new SinRule(), new AltTextRule()));

    static Draft draft(String text, Map<String, String> translations, List<Draft.Media> media) {
        return new Draft(text, "en", translations, List.of("sandbox"), media, new Draft.Author("u-1", null, null),
                null, null, null, null);
    }

    @Test
    void cleanDraftIsApprovedWithNoFindings() {
        Evaluation e = engine.evaluate(draft("Flu clinics open Monday. Call 1-800-622-6232.", Map.of(),
                List.of(new Draft.Media("https://canada.ca/a.png", "A nurse gives a flu shot", "image/png"))));
        assertThat(e.decision()).isEqualTo(Decision.APPROVED);
        assertThat(e.findings()).isEmpty();
        assertThat(e.riskScore()).isZero();
        assertThat(e.policy().hash()).matches("[0-9a-f]{64}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"130 692 544", "130-692-544", "130692544"})
    void luhnValidSinIsRejectedAndMasked(String sin) {
        Evaluation e = engine.evaluate(draft("My SIN is " + sin + ", thanks", Map.of(), List.of()));
        assertThat(e.decision()).isEqualTo(Decision.REJECTED);
        Finding f = e.findings().get(0);
        assertThat(f.ruleId()).isEqualTo("privacy.sin");
        assertThat(f.sensitive()).isTrue();
        assertThat(f.start()).isEqualTo(10);
        assertThat(f.end()).isEqualTo(10 + sin.length());
        assertThat(f.excerpt()).endsWith("544").doesNotContain("130").doesNotContain("692");
        assertThat(e.riskScore()).isGreaterThanOrEqualTo(60);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Order 130 692 545 shipped",   // Luhn-invalid
            "Ref 130-692 544",              // mixed separators
            "Code 046 454 286",            // Luhn-valid, but starts with 0: never issued
            "Code 830 692 547",            // starts with 8: never issued to a person
            "Code 130 692 5441",           // part of a longer number
            "Call 613-555-0199 today"})    // a phone number
    void notEveryNineDigitNumberIsASin(String text) {
        assertThat(engine.evaluate(draft(text, Map.of(), List.of())).findings()).isEmpty();
    }

    @Test
    void sinInATranslationIsFoundInThatVersion() {
        Evaluation e = engine.evaluate(draft("Hello", Map.of("fr", "NAS : 130 692 544"), List.of()));
        assertThat(e.decision()).isEqualTo(Decision.REJECTED);
        assertThat(e.findings()).extracting(Finding::version).containsExactly("fr");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "IMG_2041.jpg"})
    void imageWithoutRealAltTextIsRejected(String alt) {
        Evaluation e = engine.evaluate(draft("Look", Map.of(), List.of(new Draft.Media("https://canada.ca/a.jpg", alt, "image/jpeg"))));
        assertThat(e.decision()).isEqualTo(Decision.REJECTED);
        assertThat(e.findings()).extracting(Finding::ruleId).containsExactly("accessibility.alt-text");
        assertThat(e.findings().get(0).version()).isEqualTo("media[0]");
    }

    @Test
    void imageWithNullAltTextIsRejected() {
        Evaluation e = engine.evaluate(draft("Look", Map.of(), List.of(new Draft.Media("https://canada.ca/a.jpg", null, null))));
        assertThat(e.decision()).isEqualTo(Decision.REJECTED);
    }

    @Test
    void reviewFindingsAloneSendTheDraftToAPerson() {
        Rule review = new Rule() {
            public String id() {
                return "test.review";
            }

            public List<Finding> check(Draft d) {
                return List.of(new Finding(id(), Finding.Action.REVIEW, false, "m", "m", "en", 0, 1, null, null));
            }
        };
        var e = new PolicyEngine("p", "1", List.of(review)).evaluate(draft("x", Map.of(), List.of()));
        assertThat(e.decision()).isEqualTo(Decision.NEEDS_REVIEW);
        assertThat(e.riskScore()).isEqualTo(25);
    }

    @Test
    void aRuleThatThrowsSendsTheDraftToReviewAndTheOtherRulesStillRun() {
        Rule broken = new Rule() {
            public String id() {
                return "test.broken";
            }

            public List<Finding> check(Draft d) {
                throw new IllegalStateException("boom");
            }
        };
        var withSin = new PolicyEngine("p", "1", List.of(broken, new SinRule())).evaluate(draft("130 692 544", Map.of(), List.of()));
        assertThat(withSin.decision()).isEqualTo(Decision.REJECTED);
        assertThat(withSin.findings()).extracting(Finding::ruleId).containsExactly("engine.error", "privacy.sin");

        var clean = new PolicyEngine("p", "1", List.of(broken)).evaluate(draft("fine", Map.of(), List.of()));
        assertThat(clean.decision()).isEqualTo(Decision.NEEDS_REVIEW);
        assertThat(clean.findings().get(0).message()).contains("test.broken");
    }

    @Test
    void policyHashChangesWithTheRuleSet() {
        assertThat(new PolicyEngine("canada-federal", "0.1", List.of(new SinRule())).policy().hash())
                .isNotEqualTo(engine.policy().hash());
    }
}
