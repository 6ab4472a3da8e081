package dev.crier.policy.domain.policy;

import dev.crier.events.Finding;
import dev.crier.policy.domain.TestEngines;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PolicyParserTest {

    final PolicyParser parser = new PolicyParser();

    @Test
    void readsTheBuiltInProfiles() {
        Policy federal = TestEngines.policy("canada-federal");
        assertThat(federal.rules()).containsKeys("languages.official", "privacy.sin");
        assertThat(federal.rules().get("language.profanity").lesserAction()).isEqualTo(Finding.Action.REVIEW);
        assertThat(federal.rules().get("accessibility.plain-language").number("maxGrade", 0)).isEqualTo(8);
        assertThat(federal.hash()).matches("[0-9a-f]{64}");
        Policy generic = TestEngines.policy("generic");
        assertThat(generic.rules()).doesNotContainKey("languages.official").hasSize(17);
        assertThat(generic.hash()).isNotEqualTo(federal.hash());
    }

    @Test
    void namesTheLineOfWhatIsWrong() {
        assertThatThrownBy(() -> parser.parse("id: p\nversion: 1\nprofile: generic\nrules:\n  privacy.sin: { action: BLOK }\n"))
                .isInstanceOf(InvalidPolicyException.class).hasMessageStartingWith("line 5:").hasMessageContaining("BLOCK, REVIEW or ADVISORY");
        assertThatThrownBy(() -> parser.parse("id: p\nversion: 1\nprofile: generic\nrules:\n  privacy.sni: { action: BLOCK }\n"))
                .hasMessageStartingWith("line 5:").hasMessageContaining("unknown rule 'privacy.sni'");
        assertThatThrownBy(() -> parser.parse("id: p\nversion: 1\nprofile: generic\ncolour: red\nrules: {}\n"))
                .hasMessageStartingWith("line 4:").hasMessageContaining("unknown key 'colour'");
        assertThatThrownBy(() -> parser.parse("id: p\nversion: 1\nprofile: generic\nrules:\n  privacy.sin: [oops\n"))
                .isInstanceOf(InvalidPolicyException.class).hasMessageStartingWith("line ");
        assertThatThrownBy(() -> parser.parse("id: p\nprofile: generic\nrules: {}\n")).hasMessageContaining("'version' is required");
        assertThatThrownBy(() -> parser.parse("id: p\nversion: 1\nprofile: generic\nrules:\n  languages.official: { action: REVIEW }\n"))
                .hasMessageContaining("generic profile has no languages.official");
    }

    @Test
    void aRuleCanRunInShadow() {
        Policy p = parser.parse("id: p\nversion: 1\nprofile: generic\nrules:\n  privacy.sin: { action: BLOCK, shadow: true }\n");
        assertThat(p.rules().get("privacy.sin").shadow()).isTrue();
    }

    @Test
    void theEvaluationBudgetIsFiftyMillisecondsUnlessTheFileSaysOtherwise() {
        assertThat(TestEngines.policy("canada-federal").evaluationBudget()).isEqualTo(Duration.ofMillis(50));
        assertThat(parser.parse("id: p\nversion: 1\nprofile: generic\nrules: {}\n").evaluationBudget()).isEqualTo(Duration.ofMillis(50));
        assertThat(parser.parse("id: p\nversion: 1\nprofile: generic\nevaluationBudget: 200ms\nrules: {}\n").evaluationBudget())
                .isEqualTo(Duration.ofMillis(200));
        assertThatThrownBy(() -> parser.parse("id: p\nversion: 1\nprofile: generic\nevaluationBudget: fast\nrules: {}\n"))
                .hasMessageStartingWith("line 4:").hasMessageContaining("evaluationBudget must be a positive duration such as 50ms");
    }

    @Test
    void readsPartyWordsAndCallsToVote() {
        Policy federal = TestEngines.policy("canada-federal");
        assertThat(federal.partyWords()).contains("Liberal", "Green", "vert");
        assertThat(federal.voteCalls()).contains("vote", "votez pour");
        assertThat(federal.parties()).contains("Coalition Avenir Québec", "United Conservative Party", "Parti libéral du Québec");
    }
}
