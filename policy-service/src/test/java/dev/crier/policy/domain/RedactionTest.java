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
}
