package dev.crier.policy.domain.text;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class AhoCorasickTest {

    record Match(int pattern, int start, int end) {
    }

    static List<Match> search(List<String> patterns, String text) {
        List<Match> found = new ArrayList<>();
        new AhoCorasick(patterns).search(text.toCharArray(), (p, s, e) -> found.add(new Match(p, s, e)));
        return found;
    }

    @Test
    void findsOverlappingAndNestedPatterns() {
        assertThat(search(List.of("he", "she", "his", "hers"), "ushers")).containsExactlyInAnyOrder(
                new Match(1, 1, 4), new Match(0, 2, 4), new Match(3, 2, 6));
    }

    @Test
    void agreesWithANaiveSearchOnRandomText() {
        Random random = new Random(42);
        for (int round = 0; round < 200; round++) {
            List<String> patterns = new ArrayList<>();
            for (int i = 0; i < 1 + random.nextInt(8); i++) {
                patterns.add(randomText(random, 1 + random.nextInt(4)));
            }
            // Characters of no pattern, ASCII or not, in the text too.
            String text = randomText(random, 60).replace('c', random.nextBoolean() ? 'x' : '\u00e9');
            List<Match> naive = new ArrayList<>();
            for (int p = 0; p < patterns.size(); p++) {
                Matcher m = Pattern.compile("(?=" + Pattern.quote(patterns.get(p)) + ")").matcher(text);
                while (m.find()) {
                    naive.add(new Match(p, m.start(), m.start() + patterns.get(p).length()));
                }
            }
            assertThat(search(patterns, text)).as("%s in %s", patterns, text).containsExactlyInAnyOrderElementsOf(naive);
        }
    }

    private static String randomText(Random random, int length) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < length; i++) {
            b.append((char) ('a' + random.nextInt(3)));
        }
        return b.toString();
    }
}
