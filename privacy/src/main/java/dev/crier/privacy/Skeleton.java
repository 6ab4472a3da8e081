package dev.crier.privacy;

/**
 * A text as the detectors read it, whatever the keyboard or editor made of it: format characters (zero-width
 * spaces and joiners, word joiner, byte-order mark, soft hyphen: category Cf) dropped; every decimal digit (Nd:
 * Arabic-Indic, full-width, Devanagari...) as its ASCII digit; every space separator (Zs: no-break, narrow no-break,
 * thin...) as ' '; every dash (Pd) and the minus signs people type for one as '-'; middle dots and dot leaders as '.'; full-width ASCII forms as ASCII. Each
 * character keeps the span of the original code point it came from, so a match maps back to exactly the original
 * characters it covers. A text that needs none of this (most: plain ASCII, accented letters, emoji) is its own
 * skeleton, with no tables.
 */
final class Skeleton {

    private final String text;
    /** Original span of each character of {@code text}; null when the skeleton is the original. */
    private final int[] from;
    private final int[] to;

    private Skeleton(String text, int[] from, int[] to) {
        this.text = text;
        this.from = from;
        this.to = to;
    }

    static Skeleton of(String original) {
        if (readsAsItself(original)) {
            return new Skeleton(original, null, null);
        }
        StringBuilder out = new StringBuilder(original.length());
        int[] from = new int[original.length()];
        int[] to = new int[original.length()];
        for (int k = 0; k < original.length(); ) {
            int cp = original.codePointAt(k);
            int next = k + Character.charCount(cp);
            int mapped = fold(cp);
            if (mapped >= 0) {
                for (char ch : Character.toChars(mapped)) {
                    from[out.length()] = k;
                    to[out.length()] = next;
                    out.append(ch);
                }
            }
            k = next;
        }
        return new Skeleton(out.toString(), from, to);
    }

    private static boolean readsAsItself(String text) {
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch >= 0x80 && !Character.isSurrogate(ch) && fold(ch) != ch) {
                return false;
            }
            if (Character.isHighSurrogate(ch)) {
                int cp = text.codePointAt(i);
                if (fold(cp) != cp) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The character a code point reads as, or -1 for one that is dropped. */
    static int fold(int cp) {
        if (cp < 0x80) {
            return cp;
        }
        switch (Character.getType(cp)) {
            case Character.FORMAT:
                return -1;
            case Character.DECIMAL_DIGIT_NUMBER:
                return '0' + Character.digit(cp, 10);
            case Character.SPACE_SEPARATOR:
                return ' ';
            case Character.DASH_PUNCTUATION:
                return '-';
            default:
                break;
        }
        // Minus sign, modifier letter minus and hyphen bullet are not dashes to Unicode (Sm, Sk, Po), but editors and
        // people use them as one between groups of digits.
        if (cp == 0x2212 || cp == 0x02D7 || cp == 0x2043) {
            return '-';
        }
        if (cp == 0x00B7 || cp == 0x2024 || cp == 0x2027 || cp == 0xFE52) {
            return '.';
        }
        if (cp >= 0xFF01 && cp <= 0xFF5E) {
            return cp - 0xFEE0;
        }
        return cp;
    }

    String text() {
        return text;
    }

    /** Where skeleton character {@code i} starts in the original. */
    int start(int i) {
        return from == null ? i : from[i];
    }

    /** Where skeleton span [.., end) ends in the original: after the whole code point of its last character. */
    int end(int end) {
        return to == null ? end : to[end - 1];
    }
}
