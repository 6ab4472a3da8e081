package dev.crier.policy.domain.text;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class TextFolderTest {

    @Test
    void foldsCaseAccentsWidthLigaturesAndDropsZeroWidth() {
        MappedText t = TextFolder.fold("Très SECRET\u200b — Ｃａｎａｄａ œuvre Straße");
        assertThat(t.toString()).isEqualTo("tres secret - canada oeuvre strasse");
    }

    @Test
    void mapsHomoglyphsToLatin() {
        assertThat(TextFolder.fold("ѕесrеt").toString()).isEqualTo("secret");
    }

    @Test
    void offsetsPointBackIntoTheOriginal() {
        String original = "Un ébauche\u200b—secrète";
        MappedText t = TextFolder.fold(original);
        int at = t.toString().indexOf("secrete");
        assertThat(original.substring(t.originalStart(at), t.originalEnd(at + "secrete".length()))).isEqualTo("secrète");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            sh1t happens        | shit happens
            what a $h!t day     | what a shit day
            b-i-t-c-h           | bitch
            f u c k this        | fuck this
            s.h.i.t!            | shit!
            damn!               | damn!
            year 2026 ends      | year 2026 ends
            fuuuuuck            | fuck
            """)
    void squeezeUndoesWhatEvadersDo(String text, String expected) {
        assertThat(TextFolder.squeeze(TextFolder.fold(text)).toString()).isEqualTo(expected);
    }

    @Test
    void squeezedOffsetsCoverTheWholeObfuscatedWord() {
        String text = "oh f.u.c.k no";
        MappedText t = TextFolder.squeeze(TextFolder.fold(text));
        int at = t.toString().indexOf("fuck");
        assertThat(text.substring(t.originalStart(at), t.originalEnd(at + 4))).isEqualTo("f.u.c.k");
    }

    @Test
    void stretchedLettersAreMarked() {
        MappedText t = TextFolder.squeeze(TextFolder.fold("asssss"));
        assertThat(t.toString()).isEqualTo("as");
        assertThat(t.stretched(1)).isTrue();
        assertThat(t.stretched(0)).isFalse();
    }

    @Test
    void skippingTheSqueezeNeverSkipsAChange() {
        var texts = new java.util.ArrayList<String>();
        dev.crier.policy.corpus.Corpus.load().forEach(e -> {
            texts.add(e.text());
            texts.addAll(e.translations().values());
        });
        var random = new java.util.Random(7);
        String alphabet = "ab s.-!1$@ t";
        for (int i = 0; i < 20_000; i++) {
            var b = new StringBuilder();
            for (int j = random.nextInt(12); j > 0; j--) {
                b.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            texts.add(b.toString());
        }
        for (String text : texts) {
            MappedText folded = TextFolder.fold(text);
            assertSameView(TextFolder.squeeze(folded), TextFolder.squeezeFully(folded), text);
        }
    }

    @Test
    void theOneForOneFoldIsTheGeneralFold() {
        var texts = new java.util.ArrayList<String>(java.util.List.of("Très SECRET — Ｃａｎａｄａ", "ÉTÉ À l'île", "ѕесrеt İstanbul ǅ"));
        dev.crier.policy.corpus.Corpus.load().forEach(e -> {
            texts.add(e.text());
            texts.addAll(e.translations().values());
        });
        var random = new java.util.Random(11);
        String alphabet = "aZ é\u00c9\u00ad\u0153\u0130\u01c5\u0441\u0421\uff21\u2014\u200b\ud83d\ude00";
        for (int i = 0; i < 20_000; i++) {
            var b = new StringBuilder();
            for (int j = random.nextInt(8); j > 0; j--) {
                b.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            texts.add(b.toString());
        }
        for (String text : texts) {
            assertSameView(TextFolder.fold(text), TextFolder.foldMapped(text, false), text);
            assertSameView(TextFolder.foldKeepingCase(text), TextFolder.foldMapped(text, true), text);
        }
    }

    /** The same chars, each from the same span of the original, stretched alike. */
    private static void assertSameView(MappedText actual, MappedText expected, String text) {
        assertThat(actual.toString()).as(text).isEqualTo(expected.toString());
        for (int i = 0; i <= expected.length(); i++) {
            assertThat(actual.originalStart(i)).as(text + " at " + i).isEqualTo(expected.originalStart(i));
            assertThat(actual.originalEnd(i)).as(text + " at " + i).isEqualTo(expected.originalEnd(i));
            if (i < expected.length()) {
                assertThat(actual.stretched(i)).as(text + " at " + i).isEqualTo(expected.stretched(i));
            }
        }
    }
}
