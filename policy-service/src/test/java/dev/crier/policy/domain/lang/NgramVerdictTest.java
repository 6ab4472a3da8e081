package dev.crier.policy.domain.lang;

import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetector;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;
import dev.crier.policy.corpus.Corpus;
import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The n-gram verdict is Lingua's wherever it gives one, and it gives one for most texts. */
class NgramVerdictTest {

    private static final LanguageDetector LINGUA = LanguageDetectorBuilder.fromLanguages(Language.ENGLISH, Language.FRENCH)
            .withMinimumRelativeDistance(0.1)
            .build();

    private static final List<String> TRICKY = List.of("", " ", "!!!", "123", "a", "é", "the", "été", "Ça", "x y",
            "\u00a0the clinic\u00a0", " \t la clinique \n", "hello 😀 world", "bonjour😀monde", "l'été à Montréal",
            "Crème brûlée", "naïve façade", "ÎLE", "à à à the", "the ü ß æ œ", "Ω omega", "ça Привет", "漢字 text",
            "e\u0301te\u0301", "ﬁne ﬂow", "A\ud800b", "x\udc00", "\ud835\udc00bc", "İstanbul", "ǅ", "ª º",
            "Ⅻ chapters", "¹²³ notes", "co-op; re-enter: (yes)", "The quick brown fox jumps over the lazy dog ".repeat(4),
            "Le vif renard brun saute par-dessus le chien paresseux ".repeat(3), "aaaaa bbbbb", "zzz qqq xxx");
    private static final String[] EXTRA = {"😀", "\u00a0", "\u2028", "—", "«", "»", "’", "1", "2026", "#", "@", "$",
            "é", "à", "ç", "ô", "ü", "ß", "Ω", "ж", "中", "\u0301", "\t", "\n", ".", ",", "!", "?", "ﬁ", "İ"};

    @Test
    void answersAsLinguaOnTrickyTexts() {
        TRICKY.forEach(NgramVerdictTest::assertSame);
    }

    @Test
    void answersAsLinguaOnEveryCorpusText() {
        Map<NgramVerdict.Answer, Integer> answers = new EnumMap<>(NgramVerdict.Answer.class);
        Corpus.load().stream()
                .flatMap(e -> Stream.concat(Stream.of(e.text()), e.translations().values().stream()))
                .forEach(text -> answers.merge(assertSame(text), 1, Integer::sum));
        assertThat(answers.getOrDefault(NgramVerdict.Answer.ASK_LINGUA, 0)).isLessThan(answers.get(NgramVerdict.Answer.ENGLISH) / 10);
    }

    @Test
    void answersAsLinguaOnRandomTexts() {
        List<String> words = Corpus.load().stream()
                .flatMap(e -> Stream.concat(Stream.of(e.text()), e.translations().values().stream()))
                .flatMap(text -> Stream.of(text.split(" ")))
                .distinct().toList();
        Random random = new Random(20261202);
        Map<NgramVerdict.Answer, Integer> answers = new EnumMap<>(NgramVerdict.Answer.class);
        for (int i = 0; i < 6_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int w = random.nextInt(i % 3 == 0 ? 50 : 8); w >= 0; w--) {
                text.append(random.nextInt(8) == 0 ? EXTRA[random.nextInt(EXTRA.length)] : words.get(random.nextInt(words.size())));
                text.append(random.nextInt(6) == 0 ? "" : " ");
            }
            answers.merge(assertSame(text.toString()), 1, Integer::sum);
        }
        // Each answer is met often, so each path of the scoring is compared.
        assertThat(answers.values()).allMatch(count -> count > 100);
    }

    private static NgramVerdict.Answer assertSame(String text) {
        NgramVerdict.Answer answer = NgramVerdict.models().answer(text);
        if (answer != NgramVerdict.Answer.ASK_LINGUA) {
            NgramVerdict.Answer lingua = switch (LINGUA.detectLanguageOf(text)) {
                case ENGLISH -> NgramVerdict.Answer.ENGLISH;
                case FRENCH -> NgramVerdict.Answer.FRENCH;
                default -> NgramVerdict.Answer.NEITHER;
            };
            assertThat(answer).as(text).isEqualTo(lingua);
        }
        return answer;
    }
}
