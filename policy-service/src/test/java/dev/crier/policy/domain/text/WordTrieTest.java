package dev.crier.policy.domain.text;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WordTrieTest {

    record Match(int pattern, int start, int end) {
    }

    static List<Match> search(List<String> patterns, String text) {
        List<Match> found = new ArrayList<>();
        new WordTrie(patterns).searchAtWordStarts(text.toCharArray(), (p, s, e) -> found.add(new Match(p, s, e)));
        return found;
    }

    @Test
    void findsNestedPatternsOnlyWhereAWordStarts() {
        assertThat(search(List.of("he", "she", "his", "hers"), "ushers hers, she"))
                .containsExactly(new Match(0, 7, 9), new Match(3, 7, 11), new Match(1, 13, 16));
    }

    @Test
    void agreesWithANaiveSearchOnRandomText() {
        Random random = new Random(42);
        for (int round = 0; round < 300; round++) {
            List<String> patterns = new ArrayList<>();
            for (int i = 0; i < 1 + random.nextInt(8); i++) {
                patterns.add(randomText(random, 1 + random.nextInt(4)));
            }
            // Word breaks (a space, a hyphen) and characters of no pattern, ASCII or not, in the text too.
            String text = randomText(random, 80).replace('c', ' ').replace('d', random.nextBoolean() ? 'x' : '\u00e9')
                    .replace('e', '-');
            List<Match> naive = new ArrayList<>();
            for (int p = 0; p < patterns.size(); p++) {
                Matcher m = Pattern.compile("(?<![\\p{L}\\p{Nd}])(?=" + Pattern.quote(patterns.get(p)) + ")").matcher(text);
                while (m.find()) {
                    naive.add(new Match(p, m.start(), m.start() + patterns.get(p).length()));
                }
            }
            assertThat(search(patterns, text)).as("%s in %s", patterns, text).containsExactlyInAnyOrderElementsOf(naive);
        }
    }

    @Test
    void refusesPatternsItCannotHold() {
        assertThatThrownBy(() -> new WordTrie(List.of("ok", ""))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WordTrie(List.of("caf\u00e9"))).isInstanceOf(IllegalArgumentException.class);
    }

    private static String randomText(Random random, int length) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < length; i++) {
            b.append((char) ('a' + random.nextInt(5)));
        }
        return b.toString();
    }
}
