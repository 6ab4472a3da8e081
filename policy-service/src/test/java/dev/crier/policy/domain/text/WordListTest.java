package dev.crier.policy.domain.text;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crier.policy.corpus.Corpus;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The ends a word list reports are exactly the substrings a set of the same words contains. */
class WordListTest {

    @Test
    void findsEveryWordThatStartsAtAPlace() {
        WordList list = new WordList(List.of("a", "an", "and", "android", "ant", "be", "bee", "été", "\uffff", "\uffffa"));
        assertThat(ends(list, "andante", 0)).containsExactly(1, 2, 3);
        assertThat(ends(list, "andante", 3)).containsExactly(4, 5, 6);
        assertThat(ends(list, "andante", 2)).isEmpty();
        assertThat(ends(list, "xbee", 1)).containsExactly(3, 4);
        assertThat(ends(list, "étés", 0)).containsExactly(3);
        assertThat(ends(list, "\uffffa", 0)).containsExactly(1, 2);
        assertThat(ends(list, "", 0)).isEmpty();
    }

    @Test
    void matchesASetOnRandomWordsAndTexts() {
        Random random = new Random(20261202);
        String letters = "abcé\uffff";
        for (int round = 0; round < 200; round++) {
            Set<String> words = new HashSet<>();
            for (int i = random.nextInt(40); i > 0; i--) {
                words.add(randomText(random, letters, 1 + random.nextInt(5)));
            }
            WordList list = new WordList(new ArrayList<>(words));
            for (int t = 0; t < 20; t++) {
                assertSame(list, words, randomText(random, letters, random.nextInt(12)));
            }
        }
    }

    @Test
    void matchesASetOfTheDictionaryOnEveryCorpusHashtag() throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<String> dictionary = new ArrayList<>();
        for (String language : List.of("en", "fr")) {
            try (InputStream in = WordListTest.class.getResourceAsStream("/lexicons/words/" + language + ".json")) {
                Arrays.stream(json.readValue(in, String[].class)).map(w -> TextFolder.fold(w).toString()).forEach(dictionary::add);
            }
        }
        WordList list = new WordList(dictionary);
        Set<String> words = new HashSet<>(dictionary);
        Pattern tag = Pattern.compile("#(\\w+)", Pattern.UNICODE_CHARACTER_CLASS);
        List<String> names = new ArrayList<>(List.of("getyourflushot", "rentreescolaire", "zzzzqx"));
        Corpus.load().stream()
                .flatMap(e -> Stream.concat(Stream.of(e.text()), e.translations().values().stream()))
                .forEach(text -> {
                    for (Matcher m = tag.matcher(text); m.find(); ) {
                        names.add(TextFolder.fold(m.group(1)).toString());
                    }
                });
        assertThat(names).hasSizeGreaterThan(20);
        names.forEach(name -> assertSame(list, words, name));
        assertThat(ends(list, "getyourflushot", 0)).contains(3);
    }

    private static void assertSame(WordList list, Set<String> words, String text) {
        for (int start = 0; start <= text.length(); start++) {
            List<Integer> expected = new ArrayList<>();
            for (int end = start + 1; end <= text.length(); end++) {
                if (words.contains(text.substring(start, end))) {
                    expected.add(end);
                }
            }
            assertThat(ends(list, text, start)).as("%s from %d", text, start).isEqualTo(expected);
        }
    }

    private static List<Integer> ends(WordList list, String text, int start) {
        List<Integer> ends = new ArrayList<>();
        list.endsOfWordsAt(text, start, ends::add);
        return ends;
    }

    private static String randomText(Random random, String letters, int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append(letters.charAt(random.nextInt(letters.length())));
        }
        return text.toString();
    }
}
