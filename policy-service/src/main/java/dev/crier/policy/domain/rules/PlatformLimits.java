package dev.crier.policy.domain.rules;

import com.ibm.icu.text.BreakIterator;
import com.twitter.twittertext.Extractor;
import com.twitter.twittertext.TwitterTextParser;
import dev.crier.policy.domain.ScannedDraft;
import dev.crier.policy.domain.text.TwitterEntities;

import java.util.List;
import java.util.Map;

/**
 * What each platform allows, counted the platform's way. Sources: X counts weighted characters with twitter-text
 * (280; a URL is 23, most emoji and CJK count 2); Mastodon's default limit is 500 characters with every URL
 * counted as 23; Bluesky allows 300 graphemes; LinkedIn posts 3,000 characters; Facebook posts 63,206 characters.
 * Media: 4 images on X, Bluesky and Mastodon, 9 on LinkedIn, 10 on Facebook. The sandbox has no limits.
 */
public final class PlatformLimits {

    private static final int URL_LENGTH = 23;
    private static final Map<String, Integer> TEXT = Map.of("x", 280, "mastodon", 500, "bluesky", 300,
            "linkedin", 3000, "facebook", 63_206);
    private static final Map<String, Integer> MEDIA = Map.of("x", 4, "mastodon", 4, "bluesky", 4, "linkedin", 9,
            "facebook", 10);

    private static final BreakIterator CHARACTERS = BreakIterator.getCharacterInstance();

    private PlatformLimits() {
    }

    /** The platform's limit on text, or -1 when it has none. */
    public static int maxLength(String platform) {
        return TEXT.getOrDefault(platform, -1);
    }

    public static int maxMedia(String platform) {
        return MEDIA.getOrDefault(platform, -1);
    }

    /**
     * Whether the text surely fits, without counting it the platform's way: without links, no platform counts a
     * UTF-16 char as more than 2 (X) or 1 (the others), so a text short enough fits whatever it holds.
     */
    public static boolean surelyFits(String platform, String text, boolean mayHoldLink) {
        int max = maxLength(platform);
        return max < 0 || (!mayHoldLink && text.length() * (platform.equals("x") ? 2 : 1) <= max);
    }

    /** The text's length as the platform counts it. */
    public static int length(String platform, String text) {
        return length(platform, text, ScannedDraft.mayHoldLink(text) ? TwitterEntities.urls(text) : List.of());
    }

    /** The text's length as the platform counts it, given the links twitter-text found in it. */
    public static int length(String platform, String text, List<Extractor.Entity> urls) {
        return switch (platform) {
            case "x" -> xLength(text, urls);
            case "mastodon" -> mastodonLength(text, urls);
            case "bluesky" -> graphemes(text);
            default -> text.codePointCount(0, text.length());
        };
    }

    /**
     * twitter-text's weighted length. Its v3 configuration weighs U+0000-U+10FF and some punctuation (U+2000-U+200D,
     * U+2010-U+201F, U+2032-U+2037) as 1 and everything else (emoji, CJK) as 2, after NFC, with URLs as 23; for
     * NFC text holding only weight-1 characters that is simply the character count with each URL counted as 23, so
     * the parser (a large regular expression) runs only for the other texts.
     */
    static int xLength(String text, List<Extractor.Entity> urls) {
        boolean simple = java.text.Normalizer.isNormalized(text, java.text.Normalizer.Form.NFC);
        for (int i = 0; simple && i < text.length(); i++) {
            char c = text.charAt(i);
            simple = c <= 0x10FF || (c >= 0x2000 && c <= 0x200D) || (c >= 0x2010 && c <= 0x201F) || (c >= 0x2032 && c <= 0x2037);
        }
        if (!simple) {
            return TwitterTextParser.parseTweet(text).weightedLength;
        }
        int length = text.length();
        for (Extractor.Entity url : urls) {
            length += URL_LENGTH - (url.getEnd() - url.getStart());
        }
        return length;
    }

    /** Beyond this many chars, X's exact count (its parser takes microseconds a char) is first bounded from below. */
    static final int X_EXACT_UP_TO = 10_000;

    /**
     * A lower bound of X's weighted length, in the time ICU takes to count graphemes: every grapheme outside a link
     * weighs at least 1 (an emoji sequence is one grapheme and weighs 2), every link 23.
     */
    static int xLengthAtLeast(String text, List<Extractor.Entity> urls) {
        int length = graphemes(text);
        for (Extractor.Entity url : urls) {
            length += URL_LENGTH - (url.getEnd() - url.getStart());
        }
        return length;
    }

    static int graphemes(String text) {
        boolean simple = true;
        for (int i = 0; simple && i < text.length(); i++) {
            char c = text.charAt(i);
            simple = (c >= 0x20 && c < 0x300) || c == '\n';
        }
        if (simple) {
            // Below U+0300 there are no combining marks, emoji or CR LF pairs: each char is one grapheme.
            return text.length();
        }
        BreakIterator it = (BreakIterator) CHARACTERS.clone();
        it.setText(text);
        int count = 0;
        while (it.next() != BreakIterator.DONE) {
            count++;
        }
        return count;
    }

    private static int mastodonLength(String text, List<Extractor.Entity> urls) {
        int length = text.codePointCount(0, text.length());
        for (Extractor.Entity url : urls) {
            length += URL_LENGTH - text.codePointCount(url.getStart(), url.getEnd());
        }
        return length;
    }
}
