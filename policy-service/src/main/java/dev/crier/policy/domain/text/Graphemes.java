package dev.crier.policy.domain.text;

import com.ibm.icu.text.BreakIterator;

/**
 * Cuts text only between user-perceived characters (grapheme clusters, by ICU: JDK 17's BreakIterator splits emoji
 * sequences), so that a span or a masked excerpt never holds half a surrogate pair, a letter without its accent or
 * part of an emoji sequence.
 */
public final class Graphemes {

    private static final BreakIterator CHARACTERS = BreakIterator.getCharacterInstance();

    private final String text;
    /** Made on the first span that needs it, then kept: one text may have thousands of findings. */
    private BreakIterator it;

    public Graphemes(String text) {
        this.text = text;
    }

    /** [start, end) widened to the nearest grapheme boundaries of the text: {start, end}. */
    public int[] widen(int start, int end) {
        if ((start == text.length() || plainAt(text, start)) && (end == text.length() || plainAt(text, end))) {
            return new int[]{start, end};
        }
        if (it == null) {
            it = (BreakIterator) CHARACTERS.clone();
            it.setText(text);
        }
        int s = start == 0 || it.isBoundary(start) ? start : it.preceding(start);
        int e = end == text.length() || it.isBoundary(end) ? end : it.following(end);
        return new int[]{s, e};
    }

    /** The first grapheme of a term and a '*' for each of the others; a single grapheme is '*' alone. */
    public static String maskAfterFirst(String term) {
        BreakIterator it = (BreakIterator) CHARACTERS.clone();
        it.setText(term);
        int first = it.next();
        int more = 0;
        while (it.next() != BreakIterator.DONE) {
            more++;
        }
        return more == 0 ? "*" : term.substring(0, first) + "*".repeat(more);
    }

    /** A char below U+0300 other than CR or LF always starts a grapheme: no combining mark, joiner or emoji part. */
    private static boolean plainAt(String text, int i) {
        char c = text.charAt(i);
        return c < 0x300 && c != '\n' && c != '\r';
    }
}
