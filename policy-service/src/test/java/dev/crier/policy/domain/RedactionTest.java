package dev.crier.policy.domain;

import dev.crier.events.Draft;
import dev.crier.policy.domain.rules.AltTextRule;
import dev.crier.policy.domain.rules.SinRule;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RedactionTest {

    @Test
    void masksSensitiveSpansInEveryVersionAndKeepsLengths() {
        Draft draft = PolicyEngineTest.draft("SIN 130 692 544 here", Map.of("fr", "NAS 130-692-544 ici"), List.of());
        var findings = new PolicyEngine("p", "1", List.of(new SinRule(), new AltTextRule())).evaluate(draft).findings();

        Draft masked = Redaction.maskSensitive(draft, findings);

        assertThat(masked.text()).isEqualTo("SIN *********** here").hasSameSizeAs(draft.text());
        assertThat(masked.translations().get("fr")).isEqualTo("NAS *********** ici");
        assertThat(masked.language()).isEqualTo("en");
        assertThat(masked.author()).isEqualTo(draft.author());
    }
}
