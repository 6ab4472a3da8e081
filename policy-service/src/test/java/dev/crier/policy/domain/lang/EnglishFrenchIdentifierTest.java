package dev.crier.policy.domain.lang;

import dev.crier.policy.corpus.Corpus;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class EnglishFrenchIdentifierTest {

    private final EnglishFrenchIdentifier identifier = new EnglishFrenchIdentifier();

    @Test
    void functionWordsDecidePlainTexts() {
        assertThat(identifier.identify("The clinic is open for you and your family this week.")).contains("en");
        assertThat(identifier.identify("La clinique est ouverte pour vous et votre famille cette semaine.")).contains("fr");
        assertThat(identifier.consistentWith("en", "La clinique est ouverte pour vous et votre famille.")).isFalse();
    }

    @Test
    void evidenceIsCountedAsWordByWordLowerCaseStringsWouldCountIt() {
        List<String> tricky = List.of("", "THE AND OF", "Été à Où TRÈS était", "İt İS", "the\u0130", "ÉTÉ était",
                "aujourd'hui", "l'été d'abord qu'il", "Œuvre cœur ÇA", "Σthe theΣ", "ｔｈｅ", "the1and");
        String[] pieces = {"the", "The", "THE", "and", "le", "La", "été", "ÉTÉ", "à", "À", "où", "très", "İ", "ı", "x",
                "œ", "ç", " ", "'", "-", "1", ".", "vous", "être", "aujourd", "pendant"};
        Random random = new Random(7);
        Stream<String> randomTexts = Stream.generate(() -> {
            StringBuilder b = new StringBuilder();
            for (int p = random.nextInt(12); p > 0; p--) {
                b.append(pieces[random.nextInt(pieces.length)]);
            }
            return b.toString();
        }).limit(20_000);
        Stream<String> corpus = Corpus.load().stream().flatMap(e -> Stream.concat(Stream.of(e.text()), e.translations().values().stream()));
        Stream.of(tricky.stream(), corpus, randomTexts).flatMap(s -> s)
                .forEach(text -> assertThat(EnglishFrenchIdentifier.evidence(text)).as(text).containsExactly(byStrings(text)));
    }

    /** The evidence the plain way: each run of letters made a lower-case string and looked up in the lists. */
    private static int[] byStrings(String text) {
        int en = 0;
        int fr = 0;
        int i = 0;
        while (i < text.length()) {
            int j = i;
            while (j < text.length() && Character.isLetter(text.charAt(j))) {
                fr += "éèêàùçôîâëïûœ".indexOf(Character.toLowerCase(text.charAt(j))) >= 0 ? 1 : 0;
                j++;
            }
            if (j > i && j - i <= 6) {
                String word = text.substring(i, j).toLowerCase(Locale.ROOT);
                en += EnglishFrenchIdentifier.ENGLISH.contains(word) ? 1 : 0;
                fr += EnglishFrenchIdentifier.FRENCH.contains(word) ? 1 : 0;
            }
            i = Math.max(j, i + 1);
        }
        return new int[]{en, fr};
    }
}
