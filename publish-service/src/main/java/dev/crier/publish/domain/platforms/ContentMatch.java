package dev.crier.publish.domain.platforms;

import java.text.Normalizer;
import java.util.regex.Pattern;

/**
 * Whether a post found on a platform is the one Crier sent: the same text once links (which platforms rewrite, X
 * to t.co) and runs of white space are set aside. Used only to settle a lost answer, on the account's own recent
 * posts.
 */
final class ContentMatch {

    private static final Pattern LINK = Pattern.compile("(?i)\\bhttps?://\\S+");
    private static final Pattern SPACE = Pattern.compile("\\s+");

    private ContentMatch() {
    }

    static boolean same(String sent, String found) {
        return found != null && normal(sent).equals(normal(found));
    }

    private static String normal(String text) {
        String nfc = Normalizer.normalize(text, Normalizer.Form.NFC);
        return SPACE.matcher(LINK.matcher(nfc).replaceAll("<link>")).replaceAll(" ").strip();
    }
}
