package dev.crier.policy.domain;

import dev.crier.events.Draft;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RedactionTest {

    @Test
    void masksSensitiveSpansInEveryVersionAndKeepsLengths() {
        Draft draft = TestEngines.bilingual("SIN 130 692 544 here", "NAS 130-692-544 ici");
        var findings = TestEngines.engine("generic").evaluate(draft).findings();

        Draft masked = Redaction.maskSensitive(draft, findings);

        assertThat(masked.text()).isEqualTo("SIN *********** here").hasSameSizeAs(draft.text());
        assertThat(masked.translations().get("fr")).isEqualTo("NAS *********** ici");
        assertThat(masked.author()).isEqualTo(draft.author());
    }

    @Test
    void aMaskedEmojiKeepsBothItsLengthAndItsCountOfCharacters() {
        Draft draft = TestEngines.bilingual("Ask 🙂 pat@gmail.com", "Demandez à pat@gmail.com");
        var span = new dev.crier.events.Finding("privacy.email", dev.crier.events.Finding.Action.REVIEW, true, "m", "m",
                "en", 4, draft.text().length(), "p***@gmail.com", "fix");

        String masked = Redaction.maskSensitive(draft, java.util.List.of(span)).text();

        assertThat(masked).hasSameSizeAs(draft.text()).startsWith("Ask ").doesNotContain("pat").doesNotContain("🙂");
        assertThat(masked.codePointCount(0, masked.length())).isEqualTo(draft.text().codePointCount(0, draft.text().length()));
        assertThat(masked.chars().filter(c -> Character.isLowSurrogate((char) c)).count()).isEqualTo(1);
    }

    @Test
    void aDraftTheEngineCouldNotFinishIsMaskedWholeForItMayHoldWhatNoRuleGotToFind() {
        Draft draft = TestEngines.bilingual("Write to pat@gmail.com 🙂", "Écrivez à pat@gmail.com");
        // A budget spent before any rule ran: nothing was found, and the address must not travel anyway.
        var findings = TestEngines.engine("generic").withBudget(java.time.Duration.ZERO).evaluate(draft).findings();
        assertThat(findings).extracting(dev.crier.events.Finding::ruleId).contains(PolicyEngine.UNFINISHED);

        Draft masked = Redaction.maskSensitive(draft, findings);

        assertThat(masked.text()).doesNotContain("pat").hasSameSizeAs(draft.text());
        assertThat(masked.text().codePointCount(0, masked.text().length()))
                .isEqualTo(draft.text().codePointCount(0, draft.text().length()));
        assertThat(masked.translations().get("fr")).matches("\\*+").hasSameSizeAs(draft.translations().get("fr"));
    }
}
