package dev.crier.policy.domain.text;

import com.twitter.twittertext.Extractor;
import com.twitter.twittertext.TldLists;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Links and hashtags exactly as twitter-text's {@link Extractor} finds them in the whole text, found faster: its
 * regular expressions try a match at every position of the text, and the URL one (every top-level domain in one
 * alternation) is costly at each. Neither a link nor a hashtag can hold whitespace (Java's {@code \s}: every class
 * of both expressions rejects it), and the only character either consumes before its entity is the one just
 * before it, so the extractor runs only over the words that could hold one, each with the character before it, and
 * the entities are moved back into place. At a piece's end the whole text has whitespace, which ends a match the
 * same way the end of the piece does. A word could hold a link only if one of its dots is followed by a top-level
 * domain that the expression's look-ahead accepts ({@link #mayStartDomainEnd}), a hashtag only if it holds '#'.
 * {@code TwitterEntitiesTest} checks this against the extractor over the corpus and random texts.
 */
public final class TwitterEntities {

    private static final Extractor EXTRACTOR = new Extractor();
    private static final Set<String> ASCII_TLDS = Stream.concat(TldLists.GTLDS.stream(), TldLists.CTLDS.stream())
            .filter(tld -> tld.chars().allMatch(c -> c < 128)).collect(Collectors.toUnmodifiableSet());

    private TwitterEntities() {
    }

    /** {@link Extractor#extractURLsWithIndices}, word by word. */
    public static List<Extractor.Entity> urls(String text) {
        return byWord(text, (t, i) -> t.charAt(i) == '.' && mayStartDomainEnd(t, i + 1), Extractor::extractURLsWithIndices);
    }

    /**
     * Whether a top-level domain could start at {@code start}, just after a dot. The expression wants one of
     * twitter-text's top-level domains (ASCII ones are [a-z0-9-], compared ignoring ASCII case) followed by a
     * character outside [a-zA-Z0-9@+-] or the end, or "xn--" (punycode). So an ASCII domain is the whole run of
     * such characters after the dot; anything other than ASCII after the dot or the run might be part of one.
     */
    private static boolean mayStartDomainEnd(String text, int start) {
        int end = start;
        while (end < text.length() && isTldRunChar(text.charAt(end))) {
            end++;
        }
        if (end < text.length() && text.charAt(end) >= 128) {
            return true;
        }
        return end > start && (text.regionMatches(true, start, "xn--", 0, 4)
                || ASCII_TLDS.contains(text.substring(start, end).toLowerCase(Locale.ROOT)));
    }

    private static boolean isTldRunChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '@' || c == '+' || c == '-';
    }

    /**
     * {@link Extractor#extractHashtagsWithIndices}, word by word (the links it must not overlap are in the word). In a
     * word that cannot hold a link and has no sign after a mark or joiner, a hashtag cannot hold a sign either, so the
     * extractor reads only from each sign
     * that may start one (not after a letter, digit, '_' or '&') to the next sign, included for the extractor's check
     * that none follows: a long word of signs and letters costs its length, not its length times its signs.
     */
    public static List<Extractor.Entity> hashtags(String text) {
        return byWord(text, (t, i) -> isHash(t.charAt(i)) && i + 1 < t.length() && !isHash(t.charAt(i + 1)) && !isSpace(t.charAt(i + 1)),
                TwitterEntities::hashtagsInWord);
    }

    private static List<Extractor.Entity> hashtagsInWord(Extractor extractor, String word) {
        boolean whole = word.contains("://");
        for (int i = 0; !whole && i < word.length(); i++) {
            char c = word.charAt(i);
            // A sign after a mark or joiner may have had it taken by the hashtag before: only the whole word tells.
            whole = c == '.' && mayStartDomainEnd(word, i + 1)
                    || isHash(c) && i > 0 && word.charAt(i - 1) >= 0x80 && !Chars.isLetterOrDigit(word.charAt(i - 1));
        }
        if (whole) {
            return extractor.extractHashtagsWithIndices(word);
        }
        List<Extractor.Entity> found = new ArrayList<>();
        for (int i = 0; i < word.length(); i++) {
            char before = i == 0 ? ' ' : word.charAt(i - 1);
            if (!isHash(word.charAt(i)) || Chars.isLetterOrDigit(before) || before == '_' || before == '&') {
                continue;
            }
            int end = i + 1;
            while (end < word.length() && !isHash(word.charAt(end))) {
                end++;
            }
            int from = Math.max(0, i - 1);
            for (Extractor.Entity e : extractor.extractHashtagsWithIndices(word.substring(from, Math.min(word.length(), end + 1)))) {
                found.add(new Extractor.Entity(e.getStart() + from, e.getEnd() + from, e.getValue(), e.getType()));
            }
            i = end - 1;
        }
        return found;
    }

    /** A hashtag's sign must be followed by its first character, which is neither a sign nor whitespace. */
    private static boolean isHash(char c) {
        return c == '#' || c == '\uff03';
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
