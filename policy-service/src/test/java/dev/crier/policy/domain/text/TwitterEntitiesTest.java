package dev.crier.policy.domain.text;

import com.twitter.twittertext.Extractor;
import com.twitter.twittertext.TldLists;
import dev.crier.policy.corpus.Corpus;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Word by word, the links and hashtags are exactly those twitter-text finds in the whole text. */
class TwitterEntitiesTest {

    private static final List<String> TRICKY = List.of(
            "", ".", "#", "canada.ca", " canada.ca ", "Go to canada.ca.", "canada.ca\n", "x\ncanada.ca\n",
            "https://www.canada.ca/en/services.html?x=1&y=2. Then", "http://t.co/abcdef123 and t.co/xyz",
            "https://t.co/abcdefghijklmnopqrstuvwxyzabcdefghijklmnopq", "@canada.ca $canada.ca #canada.ca",
            "foo.#bar", "#a#b #c.d #e://f", "#tag.com", "x.com/#frag", "https://example.com/#frag #frag",
            "see (canada.ca) or [gc.ca]", "https://café.ca/été", "https://例え.テスト", "www.canada.ca/path_(x)",
            "a\u2028canada.ca", "\u202acanada.ca", "\u00a0canada.ca", "#\ufe0f1", "\ufe0f#tag", "&#tag", "＃tag ＃tag2",
            "#rentrée #ÉTÉ #été2026 #123 #_x", "canada.ca/fr?q=a.b", "bit.ly/3xYz", "mailto:a@b.ca", "1.2.3.4",
            "e.g. i.e. etc.", "T.O. to.do", "3.5 km. Done.", "canada.рф", "a.中国 b.みんな", "x.ελ", "canada.CA",
            "https://x", "x.\u212Aw x.\u017Ft x.lin\u212A x.o\u212Ak x.ca\u212A", "a.m. p.m. e.g. img.jpg", "x.xn--p1ai",
            "X.XN--P1AI/y", "x.ca@b x.ca+ x.ca- x.ca_ x.caé", "x.co.uk/a", "x.ca.", "x.", "xn--bcher-kva.example.com", "#tag\t#tag2\r\n#tag3",
            "#a#b#c", "#ab.#cd", "#b\ufe0f＃KKco", "#e\u0301#f", "#a\u200d#b", "x#a #b_#c &#d", "#a#b.ca");

    private static final String[] PIECES = {"a", "b", "Z", "é", "1", ".", "..", "#", "＃", "/", ":", "://", "@", "$",
            "&", "-", "_", "?", "=", "(", ")", " ", "\n", "\t", "\u00a0", "\u2028", "\ufe0f", "\u200d", "ca", "com",
            "gc", "co", "CA", "рф", "中国", "xn--p1ai", "\u212A", "https://", "http://", "www.", "t.co/", "canada", "été", "\ud83d\ude00"};

    @Test
    void topLevelDomainsAreLowerCaseAsciiUpToAnyOtherCharacter() {
        // What lets a word skip the URL expression when no dot in it is followed by one (mayStartDomainEnd).
        Stream.concat(TldLists.GTLDS.stream(), TldLists.CTLDS.stream())
                .forEach(tld -> assertThat(tld).matches("[a-z0-9-]*([^\\x00-\\x7f].*)?").isNotEmpty());
    }

    @Test
    void matchTheExtractorOnTrickyTexts() {
        TRICKY.forEach(TwitterEntitiesTest::assertSame);
    }

    @Test
    void matchTheExtractorOnEveryCorpusText() {
        Corpus.load().stream()
                .flatMap(e -> Stream.concat(Stream.of(e.text()), e.translations().values().stream()))
                .forEach(TwitterEntitiesTest::assertSame);
    }

    @Test
    void matchTheExtractorOnRandomTexts() {
        Random random = new Random(20261202);
        for (int i = 0; i < 10_000; i++) {
            StringBuilder text = new StringBuilder();
            int pieces = random.nextInt(30);
            for (int p = 0; p < pieces; p++) {
                text.append(PIECES[random.nextInt(PIECES.length)]);
            }
            assertSame(text.toString());
        }
    }

    private static void assertSame(String text) {
        Extractor extractor = new Extractor();
        assertThat(describe(TwitterEntities.urls(text))).as("links in '%s'", text)
                .isEqualTo(describe(extractor.extractURLsWithIndices(text)));
        assertThat(describe(TwitterEntities.hashtags(text))).as("hashtags in '%s'", text)
                .isEqualTo(describe(extractor.extractHashtagsWithIndices(text)));
    }

    private static List<String> describe(List<Extractor.Entity> entities) {
        List<String> out = new ArrayList<>();
        entities.forEach(e -> out.add(e.getType() + " " + e.getStart() + "-" + e.getEnd() + " " + e.getValue()));
        return out;
    }
}
