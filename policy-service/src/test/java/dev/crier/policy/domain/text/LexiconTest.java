package dev.crier.policy.domain.text;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LexiconTest {

    final Lexicon<String> lexicon = new Lexicon<>(Map.of("ass", "mild", "shit", "mild", "fils de pute", "severe",
            "pute", "severe", "Bloc Québécois", "party", "cunt", "severe"));

    List<String> terms(String text) {
        return lexicon.find(TextFolder.squeeze(TextFolder.fold(text))).stream().map(Lexicon.Hit::term).toList();
    }

    @Test
    void matchesWholeWordsOnlySoScunthorpeIsSafe() {
        assertThat(terms("Scunthorpe and Essex: assessment of the assistant's class")).isEmpty();
        assertThat(terms("what an ass")).containsExactly("ass");
    }

    @Test
    void findsObfuscatedWords() {
        assertThat(terms("sh1t")).containsExactly("shit");
        assertThat(terms("s h i t")).containsExactly("shit");
        assertThat(terms("shiiiiit")).containsExactly("shit");
        assertThat(terms("sh*t")).containsExactly("shit");
        assertThat(terms("a$$")).containsExactly("ass");
        assertThat(terms("asssss")).containsExactly("ass");
    }

    @Test
    void aStretchVariantNeedsAStretch() {
        assertThat(terms("as far as I know")).isEmpty();
    }

    @Test
    void prefersTheLongestPhraseWhereHitsOverlap() {
        assertThat(terms("espèce de fils de pute")).containsExactly("fils de pute");
    }

    @Test
    void matchesAccentedPhrasesInAnyCase() {
        var hits = lexicon.find(TextFolder.fold("Votez pour le BLOC QUEBECOIS!"));
        assertThat(hits).extracting(Lexicon.Hit::value).containsExactly("party");
    }
}
