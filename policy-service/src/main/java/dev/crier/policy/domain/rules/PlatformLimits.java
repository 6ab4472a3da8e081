package dev.crier.policy.domain.rules;

import com.ibm.icu.text.BreakIterator;
import com.twitter.twittertext.Extractor;
import com.twitter.twittertext.TwitterTextParser;

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

    private PlatformLimits() {
    }

    /** The platform's limit on text, or -1 when it has none. */
    public static int maxLength(String platform) {
        return TEXT.getOrDefault(platform, -1);
    }

    public static int maxMedia(String platform) {
        return MEDIA.getOrDefault(platform, -1);
    }

    /** The text's length as the platform counts it. */
    public static int length(String platform, String text) {
        return switch (platform) {
            case "x" -> TwitterTextParser.parseTweet(text).weightedLength;
            case "mastodon" -> mastodonLength(text);
            case "bluesky" -> graphemes(text);
            default -> text.codePointCount(0, text.length());
        };
    }

    static int graphemes(String text) {
        BreakIterator it = BreakIterator.getCharacterInstance();
        it.setText(text);
        int count = 0;
        while (it.next() != BreakIterator.DONE) {
            count++;
        }
        return count;
    }

    private static int mastodonLength(String text) {
        int length = text.codePointCount(0, text.length());
        for (Extractor.Entity url : new Extractor().extractURLsWithIndices(text)) {
            length += URL_LENGTH - text.codePointCount(url.getStart(), url.getEnd());
        }
        return length;
    }
}
