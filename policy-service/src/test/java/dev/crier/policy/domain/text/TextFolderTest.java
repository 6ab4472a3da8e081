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
            assertThat(TextFolder.squeeze(folded).toString()).as(text)
                    .isEqualTo(TextFolder.squeezeFully(folded).toString());
        }
    }
}
