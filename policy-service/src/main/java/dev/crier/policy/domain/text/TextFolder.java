package dev.crier.policy.domain.text;

import java.text.Normalizer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Normalizes text once for matching, keeping offsets into the original:
 * <ul>
 *   <li>{@link #fold}: Unicode NFKC (full-width and styled letters become plain ones), case folding, accents dropped,
 *   zero-width and other format characters (Unicode Cf: U+200B..U+200D, U+2060, U+FEFF, the soft hyphen) dropped,
 *   every space separator made a plain space, dashes unified, common homoglyphs (Cyrillic and Greek letters that look
 *   Latin) mapped to Latin;</li>
 *   <li>{@link #foldKeepingCase}: the same, but a letter written in upper case stays upper case (SЕСRЕТ in Cyrillic
 *   becomes SECRET, not secret), for rules where case is the signal;</li>
 *   <li>{@link #squeeze}: on top of that, what people do to slip words past filters: leetspeak inside words
 *   (sh1t, a$$), letters spaced or dotted apart (f u c k, s.h.i.t), and letters stretched (fuuuuck).</li>
 * </ul>
 */
public final class TextFolder {

    /** Folded forms of U+0080..U+024F (Latin-1 and Latin Extended), computed once: the accents of EN/FR text. */
    private static final String[] LATIN = new String[0x250];

    /** Folded forms of the rest of the Basic Multilingual Plane, computed on first sight. */
    private static final String[] BMP = new String[Character.MAX_VALUE + 1];
    /** Folded forms of emoji and other code points beyond it, computed on first sight (there are few in use). */
    private static final Map<Integer, String> SUPPLEMENTARY = new ConcurrentHashMap<>();

    /** For each of those, the one char it folds to, or 0 when it folds to none (the soft hyphen) or several (œ). */
    private static final char[] LATIN_ONE = new char[LATIN.length];

    static {
        for (int cp = 0x80; cp < LATIN.length; cp++) {
            LATIN[cp] = foldSlow(cp);
            boolean one = Character.getType(cp) != Character.FORMAT && LATIN[cp].length() == 1;
            LATIN_ONE[cp] = one ? LATIN[cp].charAt(0) : 0;
        }
    }

    private TextFolder() {
    }

    public static MappedText fold(String text) {
        return fold(text, false);
    }

    public static MappedText foldKeepingCase(String text) {
        return fold(text, true);
    }

    /**
     * Most texts fold one char for one (ASCII, and the accented letters of English and French): their view is the
     * text's chars changed in place, with no offset tables. The first char that folds otherwise (a surrogate pair, a
     * dropped format character, a ligature) sends the text to the general fold.
     */
    private static MappedText fold(String text, boolean keepCase) {
        char[] chars = text.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            char c = chars[i];
            if (c < 0x80) {
                if (!keepCase && c >= 'A' && c <= 'Z') {
                    chars[i] = (char) (c + 32);
                }
                continue;
            }
            char folded = foldsToOne(c);
            if (folded == 0) {
                return foldMapped(text, keepCase);
            }
            chars[i] = keepCase && (Character.isUpperCase(c) || Character.isTitleCase(c)) ? Character.toUpperCase(folded) : folded;
        }
        return new MappedText(text, chars);
    }

    /** The one char a BMP char at or above U+0080 folds to, or 0 when it folds to none or several, or is a surrogate. */
    private static char foldsToOne(char c) {
        if (c < LATIN.length) {
            return LATIN_ONE[c];
        }
        if (Character.isSurrogate(c) || Character.getType(c) == Character.FORMAT) {
            return 0;
        }
        String folded = foldNonAscii(c);
        return folded.length() == 1 ? folded.charAt(0) : 0;
    }

    /** Every text's fold, char by char with offset tables (the one-for-one fold is tested against it). */
    static MappedText foldMapped(String text, boolean keepCase) {
        MappedText.Builder out = new MappedText.Builder(text, text.length());
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int next = i + Character.charCount(cp);
            if (cp < 0x80) {
                char c = (char) cp;
                out.add(!keepCase && c >= 'A' && c <= 'Z' ? (char) (c + 32) : c, i, next, false);
            } else if (Character.getType(cp) != Character.FORMAT) {
                boolean upper = keepCase && (Character.isUpperCase(cp) || Character.isTitleCase(cp));
                String folded = foldNonAscii(cp);
                for (int j = 0; j < folded.length(); j++) {
                    char c = folded.charAt(j);
                    out.add(upper ? Character.toUpperCase(c) : c, i, next, false);
                }
            }
            i = next;
        }
        return out.build();
    }

    private static String foldNonAscii(int cp) {
        if (cp < LATIN.length) {
            return LATIN[cp];
        }
        if (cp <= Character.MAX_VALUE) {
            // Filled as met: normalizing one code point costs a microsecond, and a text repeats its characters.
            // Racy on purpose: two threads may both compute a slot, with the same immutable answer.
            String folded = BMP[cp];
            if (folded == null) {
                folded = foldSlow(cp);
                BMP[cp] = folded;
            }
            return folded;
        }
        return SUPPLEMENTARY.computeIfAbsent(cp, TextFolder::foldSlow);
    }

    private static String foldSlow(int cp) {
        char mapped = Homoglyphs.latinFor(cp);
        if (mapped != 0) {
            return String.valueOf(mapped);
        }
        String s = Normalizer.normalize(new String(Character.toChars(cp)), Normalizer.Form.NFKC);
        s = Normalizer.normalize(s, Normalizer.Form.NFD);
        StringBuilder b = new StringBuilder(s.length());
        for (int j = 0; j < s.length(); j++) {
            char c = s.charAt(j);
            if (Character.getType(c) == Character.NON_SPACING_MARK) {
                continue;
            }
            if (Character.getType(c) == Character.SPACE_SEPARATOR) {
                b.append(' ');
                continue;
            }
            switch (c) {
                case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212' -> b.append('-');
                case '\u2018', '\u2019', '\u02bc' -> b.append('\'');
                case '\u0153' -> b.append("oe");
                case '\u00e6' -> b.append("ae");
                case '\u00df' -> b.append("ss");
                default -> b.append(Character.toLowerCase(c));
            }
        }
        return b.toString();
    }

    /** The folded text as a filter-evader would have it read: see the class comment. */
    public static MappedText squeeze(MappedText folded) {
        return switch (passesNeeded(folded)) {
            case NONE -> folded;
            case STRETCHES -> collapseStretches(folded, folded.original());
            default -> squeezeFully(folded);
        };
    }

    /** Every squeezing pass, whether or not the text needs it (the prefilter is tested against this). */
    static MappedText squeezeFully(MappedText folded) {
        MappedText.Builder leet = deLeet(folded);
        MappedText joined = joinSpacedLetters(leet.build(), folded.original());
        return collapseStretches(joined, folded.original());
    }

    private static final int NONE = 0;
    private static final int STRETCHES = 1;
    private static final int ALL = 2;

    /**
     * Which squeezing passes would change anything: with a leet symbol or digit inside a word that holds a letter, or
     * three single letters one separator apart, all of them; with only a letter three times in a row (www), only the
     * last; most posts have none, and skip the three passes. Without leet inside words the de-leeted text is the
     * folded one, and without spaced letters the joined text is too, so the other two checks are exact.
     */
    private static int passesNeeded(MappedText t) {
        char[] cs = t.chars();
        int n = cs.length;
        boolean stretch = false;
        int i = 0;
        while (i < n) {
            if (!isWordish(cs[i])) {
                i++;
                continue;
            }
            int start = i;
            boolean letter = false;
            boolean leet = false;
            boolean bang = false;
            for (; i < n && isWordish(cs[i]); i++) {
                char c = cs[i];
                boolean isLetter = Chars.isLetter(c);
                letter |= isLetter;
                // A '!' ending a word is punctuation, and stays: only one with more of the word after it is leet.
                leet |= bang && c != '!' || c != '!' && Leet.letterFor(c) != c;
                bang |= c == '!';
                if (isLetter) {
                    // Equal letters in a row are in one word; single letters are where the spaced ones start.
                    stretch |= i - start >= 2 && c == cs[i - 1] && c == cs[i - 2];
                    if (i + 4 < n && isSingleLetter(t, i) && isSeparator(cs[i + 1]) && isSingleLetter(t, i + 2)
                            && isSeparator(cs[i + 3]) && isSingleLetter(t, i + 4)) {
                        return ALL;
                    }
                }
            }
            if (letter && leet) {
                return ALL;
            }
        }
        return stretch ? STRETCHES : NONE;
    }

    /** Inside a word (a run of letters, digits and leet symbols holding a letter), leet symbols become letters. */
    private static MappedText.Builder deLeet(MappedText t) {
        MappedText.Builder out = new MappedText.Builder(t.original(), t.length());
        int n = t.length();
        int i = 0;
        while (i < n) {
            if (!isWordish(t.charAt(i))) {
                add(out, t, i, t.charAt(i));
                i++;
                continue;
            }
            int end = i;
            boolean hasLetter = false;
            while (end < n && isWordish(t.charAt(end))) {
                hasLetter |= Chars.isLetter(t.charAt(end));
                end++;
            }
            int lastKept = end;
            while (lastKept > i && t.charAt(lastKept - 1) == '!') {
                lastKept--;
            }
            for (int j = i; j < end; j++) {
                char c = t.charAt(j);
                add(out, t, j, hasLetter && j < lastKept ? Leet.letterFor(c) : c);
            }
            i = end;
        }
        return out;
    }

    /** "f u c k", "s.h.i.t", "b-i-t-c-h": three or more single letters, one separator apart, become one word. */
    private static MappedText joinSpacedLetters(MappedText t, String original) {
        MappedText.Builder out = new MappedText.Builder(original, t.length());
        int n = t.length();
        int i = 0;
        while (i < n) {
            int j = i;
            int letters = 0;
            while (j < n && isSingleLetter(t, j)) {
                letters++;
                if (j + 2 < n && isSeparator(t.charAt(j + 1)) && isSingleLetter(t, j + 2)) {
                    j += 2;
                } else {
                    j++;
                    break;
                }
            }
            if (letters >= 3) {
                for (int k = i; k < j; k += 2) {
                    add(out, t, k, t.charAt(k));
                }
                i = j;
            } else {
                add(out, t, i, t.charAt(i));
                i++;
            }
        }
        return out.build();
    }

    /** A run of three or more equal letters becomes one letter, marked as stretched. */
    private static MappedText collapseStretches(MappedText t, String original) {
        MappedText.Builder out = new MappedText.Builder(original, t.length());
        int n = t.length();
        int i = 0;
        while (i < n) {
            char c = t.charAt(i);
            int j = i + 1;
            while (j < n && t.charAt(j) == c) {
                j++;
            }
            if (Chars.isLetter(c) && j - i >= 3) {
                out.add(c, t.originalStart(i), t.originalEnd(j), true);
            } else {
                for (int k = i; k < j; k++) {
                    out.add(c, t.originalStart(k), t.originalEnd(k + 1), t.stretched(k));
                }
            }
            i = j;
        }
        return out.build();
    }

    private static void add(MappedText.Builder out, MappedText t, int i, char c) {
        out.add(c, t.originalStart(i), t.originalEnd(i + 1), t.stretched(i));
    }

    private static boolean isWordish(char c) {
        return Chars.isLetterOrDigit(c) || Leet.isSymbol(c);
    }

    private static boolean isSingleLetter(MappedText t, int i) {
        return Chars.isLetter(t.charAt(i))
                && (i == 0 || !Chars.isLetterOrDigit(t.charAt(i - 1)))
                && (i + 1 == t.length() || !Chars.isLetterOrDigit(t.charAt(i + 1)));
    }

    private static boolean isSeparator(char c) {
        return c == ' ' || c == '.' || c == '-' || c == '_' || c == '*';
    }
}
