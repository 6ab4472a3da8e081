package dev.crier.policy.domain.text;

import com.twitter.twittertext.Extractor;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Links and hashtags exactly as twitter-text's {@link Extractor} finds them in the whole text, found faster: its
 * regular expressions try a match at every position of the text, and the URL one (every top-level domain in one
 * alternation) is costly at each. Neither a link nor a hashtag can hold whitespace (Java's {@code \s}: every class
 * of both expressions rejects it), and the only character either consumes before its entity is the one just
 * before it, so the extractor runs only over the words that could hold one, each with the character before it, and
 * the entities are moved back into place. At a piece's end the whole text has whitespace, which ends a match the
 * same way the end of the piece does. A word could hold a link only if a letter follows one of its dots (every
 * top-level domain starts with a letter), a hashtag only if it holds '#'. {@code TwitterEntitiesTest} checks this
 * against the extractor over the corpus and random texts.
 */
public final class TwitterEntities {

    private static final Extractor EXTRACTOR = new Extractor();

    private TwitterEntities() {
    }

    /** {@link Extractor#extractURLsWithIndices}, word by word. */
    public static List<Extractor.Entity> urls(String text) {
        return byWord(text, (t, i) -> t.charAt(i) == '.' && i + 1 < t.length() && Character.isLetter(t.charAt(i + 1)),
                Extractor::extractURLsWithIndices);
    }

    /** {@link Extractor#extractHashtagsWithIndices}, word by word (the links it must not overlap are in the word). */
    public static List<Extractor.Entity> hashtags(String text) {
        return byWord(text, (t, i) -> t.charAt(i) == '#' || t.charAt(i) == '\uff03', Extractor::extractHashtagsWithIndices);
    }

    /** Whether the character at an index of a text tells that its word may hold an entity. */
    private interface Tell {
        boolean at(String text, int index);
    }

    private static List<Extractor.Entity> byWord(String text, Tell tell,
                                                 BiFunction<Extractor, String, List<Extractor.Entity>> extract) {
        List<Extractor.Entity> found = List.of();
        int n = text.length();
        int i = 0;
        while (i < n) {
            while (i < n && isSpace(text.charAt(i))) {
                i++;
            }
            int start = i;
            boolean told = false;
            while (i < n && !isSpace(text.charAt(i))) {
                told = told || tell.at(text, i);
                i++;
            }
            if (told) {
                int from = Math.max(0, start - 1);
                for (Extractor.Entity e : extract.apply(EXTRACTOR, text.substring(from, i))) {
                    if (found.isEmpty()) {
                        found = new ArrayList<>();
                    }
                    found.add(new Extractor.Entity(e.getStart() + from, e.getEnd() + from, e.getValue(), e.getType()));
                }
            }
        }
        return found;
    }

    /** Java's {@code \s}, which both expressions' character classes reject. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000b' || c == '\f' || c == '\r';
    }
}
